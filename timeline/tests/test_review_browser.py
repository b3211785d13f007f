"""The editors' review queue in Debian's Chromium: an editor pastes an article about fictional
leaders, confirms one contact and rejects another beside the text, and the public timeline shows
the confirmed one only."""

from importlib import import_module

import pytest
from django.contrib.auth.models import Group, Permission, User

from timeline.tests.test_browser import ARTIFACTS, CHROMIUM, browser_page, expect
from tracker.tests.factories import make_country, make_leader

__all__ = ["browser_page"]  # the fixture, shared with the timeline's browser tests

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not __import__("pathlib").Path(CHROMIUM).exists(), reason="needs Debian's chromium"),
]

ARTICLE = (
    "President Aldo Varen of Norvania spoke by phone with Prime Minister Mira Tolsk of Ostrelia on Monday, "
    "their first call since January.\n\n"
    "On Tuesday, Varen met President Ivo Pell of Valdoria in the Norvanian capital to discuss trade.\n\n"
    '"We agreed to keep <b>talking</b>," Varen said after the meeting.'
)


@pytest.fixture
def editor(transactional_db):
    make_leader("Aldo Varen", "President", make_country("Norvania", "Norvanian"))
    make_leader("Mira Tolsk", "Prime Minister", make_country("Ostrelia", "Ostrelian"))
    make_leader("Ivo Pell", "President", make_country("Valdoria", "Valdorian"))
    user = User.objects.create_user("ed", password="pw-for-browser-tests", is_staff=True)
    user.groups.add(editors_group())
    return user


def editors_group() -> Group:
    """The editors group as the migrations make it: an earlier transactional test's flush removes
    the group (permissions come back with post_migrate, data migrations do not run again)."""
    codenames = {
        *import_module("tracker.migrations.0002_editors_group").codenames(),
        *import_module("tracker.migrations.0008_editors_edit_events").CODENAMES,
        *import_module("tracker.migrations.0009_unplaced_names").UNPLACED,
    }
    group, _ = Group.objects.get_or_create(name="editors")
    group.permissions.add(*Permission.objects.filter(content_type__app_label="tracker", codename__in=codenames))
    return group


def test_an_editor_reviews_a_pasted_article_item_by_item_and_the_timeline_follows(editor, live_server, browser_page):
    page = browser_page
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "ed")
    page.fill("#id_password", "pw-for-browser-tests")
    page.locator("input[type=submit]").click()
    page.wait_for_url("**/admin/")

    page.goto(f"{live_server.url}/admin/tracker/article/add/")
    page.fill("#id_text", ARTICLE)
    page.fill("#id_title", "Varen's week of calls")
    page.fill("#id_publisher", "Norvanian Presidency")
    page.fill("#id_published", "2024-03-20")
    page.get_by_role("button", name="Ingest").click()
    page.wait_for_url("**/admin/tracker/article/*/change/")
    call = page.locator("li.review-item", has_text="Phone call")
    meeting = page.locator("li.review-item", has_text="Meeting")
    expect(call).to_contain_text("proposed")
    expect(meeting).to_contain_text("proposed")
    assert "<b>" not in page.locator(".article-text").inner_html()
    page.locator(".article-review").screenshot(path=ARTIFACTS / "review-article-proposed.png")

    page.goto(f"{live_server.url}/admin/")
    expect(page.locator("#review-queue")).to_contain_text("Varen's week of calls")
    page.screenshot(path=ARTIFACTS / "review-queue-index.png", full_page=False)
    page.goto(f"{live_server.url}/timeline/")
    expect(page.locator("#results .count")).to_contain_text("0 contacts")

    page.go_back()
    page.locator("#review-queue").get_by_role("link", name="Varen's week of calls").click()
    page.locator("li.review-item", has_text="Phone call").get_by_role("button", name="Confirm").click()
    expect(page.locator("li.review-item", has_text="Phone call")).to_contain_text("confirmed")
    page.locator("li.review-item", has_text="Meeting").get_by_role("button", name="Reject").click()
    expect(page.locator("li.review-item", has_text="Meeting")).to_contain_text("rejected")
    expect(page.locator("li.review-item", has_text="Phone call")).to_contain_text("confirmed")
    page.locator(".article-review").screenshot(path=ARTIFACTS / "review-article-reviewed.png")

    page.goto(f"{live_server.url}/timeline/")
    results = page.locator("#results")
    expect(results.locator(".count")).to_contain_text("1 contact")
    assert "Mira Tolsk" in results.inner_text() and "Ivo Pell" not in results.inner_text()
    assert "18 Mar 2024" in results.inner_text()
    page.screenshot(path=ARTIFACTS / "review-timeline-after.png", full_page=False)
    assert page.problems == []
