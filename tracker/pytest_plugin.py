"""Loaded by pytest before Django (see ``addopts`` in pyproject.toml).

Tests run with DEBUG off, as production does; they need a key but no real secret.

Hypothesis profiles: "default" runs property tests with a small example budget so the whole
suite stays quick on a laptop; "ci" (``HYPOTHESIS_PROFILE=ci``, set by .ci/run) gives them the
full budget. A test that names its own ``max_examples`` keeps it under both.
"""

import os

import pytest
from hypothesis import settings

os.environ.setdefault("SECRET_KEY", "test-only-not-secret")
# Static files are served uncollected in tests, so without hashed names.
os.environ.setdefault("STATIC_MANIFEST", "0")
# Pages are rendered afresh: the test's transaction never commits, so the record's version (which
# moves on commit) stays put; timeline/tests/test_page_cache.py turns the cache on and commits.
os.environ.setdefault("PAGE_CACHE_SECONDS", "0")
# Background tasks run at once on either database (what a test of the worker sets otherwise).
os.environ.setdefault("TASKS_BACKEND", "immediate")

settings.register_profile("default", max_examples=20)
settings.register_profile("ci", max_examples=100)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

# The slowest tests of files owned elsewhere, marked `slow` here by node id so that
# `-m "not slow"` skips them (tests in other files carry @pytest.mark.slow themselves).
SLOW_TESTS = {
    "tracker/tests/test_ingest_shared.py::test_the_biden_putin_video_call_is_one_contact_with_a_source_from_each_side",
    "tracker/tests/test_ingest_shared.py::test_every_readout_of_a_bilateral_call_or_meeting_yields_that_contact",
    "tracker/tests/test_gaps_kept_right.py::test_stored_gaps_equal_gaps_recomputed_from_scratch",
    "tracker/tests/test_extraction_input.py::test_a_five_megabyte_text_full_of_near_matches_finishes_and_says_it_was_cut",
    "tracker/tests/test_fixtures.py::test_the_readout_facts_load_with_notes_of_our_own_and_spans_that_point_at_them",
    "tracker/tests/test_fixtures.py::test_with_the_readout_facts_the_founding_claim_is_decided_by_the_record",
}


# Fixtures through which a test reaches the database (item.fixturenames holds every fixture a
# test needs, directly or through other fixtures).
DATABASE_FIXTURES = {
    "db",
    "transactional_db",
    "django_db_reset_sequences",
    "django_db_serialized_rollback",
    "live_server",
}


def uses_database(item) -> bool:
    return item.get_closest_marker("django_db") is not None or bool(DATABASE_FIXTURES & set(item.fixturenames))


def needs_postgresql(item) -> bool:
    """A test run once per database kind whose PostgreSQL case makes databases of its own (backup,
    concurrent ingest, workers): it skips unless DATABASE_URL is PostgreSQL, so only that run has it."""
    callspec = getattr(item, "callspec", None)
    return callspec is not None and "postgresql" in callspec.params.values()


@pytest.hookimpl(tryfirst=True)  # before -m deselects by marker
def pytest_collection_modifyitems(config, items):
    for item in items:
        if item.nodeid.split("[")[0] in SLOW_TESTS:
            item.add_marker(pytest.mark.slow)
    # A renamed or moved test would silently lose its marker: with every test collected, say so.
    if config.args == config.getini("testpaths") or not config.args:
        missing = SLOW_TESTS - {item.nodeid.split("[")[0] for item in items}
        if missing:
            raise pytest.UsageError(f"SLOW_TESTS (tracker/pytest_plugin.py) names no collected test: {sorted(missing)}")
    if os.environ.get("TESTS_DATABASE_ONLY") == "1":
        # CI's second database: a test that never opens a connection has run on the first (but a
        # PostgreSQL case of a test per database kind skipped there).
        kept = [item for item in items if uses_database(item) or needs_postgresql(item)]
        config.hook.pytest_deselected(items=[item for item in items if item not in kept])
        items[:] = kept
