"""``manage.py ingest``: files and folders in, a summary out; one bad file never stops the batch.

Files are read by the real ``tracker.extraction.documents_from_file``; the extractor itself is
replaced by a hand-built one so the counts are known."""

from __future__ import annotations

import json
from datetime import date
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import IntegrityError, connection
from django.test.utils import CaptureQueriesContext

from tracker.models import Article, Contact, UnplacedName
from tracker.services import ingest as ingest_service
from tracker.services import ingest_batch
from tracker.tests.factories import an_extraction, call_item, make_country, make_leader

pytestmark = pytest.mark.django_db

READOUT = (
    "President Aldo Varen of Norvania spoke today with Prime Minister Mira Kost of Valdoria. "
    "The two leaders discussed grain exports, the river treaty and the coming summit in the capital. "
    "They agreed that their teams would stay in close touch over the weeks ahead."
)


@pytest.fixture
def fake_extractor(monkeypatch):
    varen = make_leader("Aldo Varen", "President", make_country("Norvania", "Norvanian"))
    kost = make_leader("Mira Kost", "Prime Minister", make_country("Valdoria", "Valdorian"))

    def run(text, *, published, **meta):
        if published is None or "Aldo Varen" not in text:
            return an_extraction(text)
        return an_extraction(text, contacts=[call_item(text, "Aldo Varen", [varen, kost], published)])

    monkeypatch.setattr(ingest_service, "extraction_run", run)


def md(day: str, body: str = READOUT, title: str = "Readout") -> str:
    return f"---\ntitle: '{title}'\ndate: '{day}'\n---\n{body}\n"


def run_ingest(*args) -> str:
    out = StringIO()
    call_command("ingest", *map(str, args), stdout=out, stderr=StringIO())
    return out.getvalue()


def test_a_folder_is_ingested_recursively_and_summarised(tmp_path, fake_extractor):
    (tmp_path / "2024-03").mkdir()
    (tmp_path / "2024-03" / "a.md").write_text(md("2024-03-18"))
    (tmp_path / "b.md").write_text(md("2024-04-02", READOUT.replace("grain", "timber")))
    summary = run_ingest(tmp_path)
    assert "Articles: 2 new, 0 duplicate, 0 failed." in summary
    assert "Items proposed: 2 contacts." in summary
    assert Article.objects.count() == 2


def test_running_the_same_folder_twice_adds_nothing(tmp_path, fake_extractor):
    (tmp_path / "a.md").write_text(md("2024-03-18"))
    run_ingest(tmp_path)
    summary = run_ingest(tmp_path)
    assert "Articles: 0 new, 1 duplicate, 0 failed." in summary
    assert (Article.objects.count(), Contact.objects.count()) == (1, 1)


def test_the_same_file_twice_in_one_run_is_one_article_and_a_duplicate(tmp_path, fake_extractor):
    (tmp_path / "a.md").write_text(md("2024-03-18"))
    summary = run_ingest(tmp_path / "a.md", tmp_path / "a.md")
    assert "Articles: 1 new, 1 duplicate, 0 failed." in summary
    assert f"duplicate {tmp_path / 'a.md'}: already stored as article" in summary


def test_a_second_side_reporting_the_same_call_is_counted_as_merged(tmp_path, fake_extractor):
    (tmp_path / "ours.md").write_text(md("2024-03-18"))
    theirs = {"text": READOUT.replace("spoke today", "held a telephone conversation"), "published": "2024-03-18"}
    (tmp_path / "theirs.jsonl").write_text(json.dumps({**theirs, "publisher": "Valdorian Government"}) + "\n")
    summary = run_ingest(tmp_path)
    assert "Contacts merged into one already on record: 1." in summary
    assert Contact.objects.get().sources.count() == 2


@pytest.mark.parametrize(
    "name, content, reason",
    [
        ("empty.txt", b"", "empty"),
        ("blank.md", md("2024-03-18", "   \n\t\n").encode(), "no text"),
        ("nul.txt", b"Aldo Varen\x00\x00\x00 spoke with Mira Kost " * 20, "NUL"),
        ("latin1.txt", "Aldo Varen met Mira Kost in Zürich. ".encode("latin-1") * 20, "UTF-8"),
        ("huge.txt", b"Aldo Varen spoke with Mira Kost today. " * 140_000, "million characters"),
        (
            "french.txt",
            (
                "Le président Aldo Varen s'est entretenu aujourd'hui avec la première ministre Mira Kost sur "
                "les exportations de céréales, le traité sur le fleuve et les relations entre leurs deux pays, "
                "qu'ils veulent renforcer dans les mois à venir selon un communiqué de la présidence."
            ).encode(),
            "English",
        ),
        ("future.md", md("2999-01-01").encode(), "in the future"),
        ("scripts.html", b"<html><head><script>var a=1;</script></head><body><script>x()</script></body></html>", ""),
        ("broken.md", b"---\ntitle: 'unclosed\ndate: [2024\n---\nAldo Varen spoke with Mira Kost.\n", ""),
        ("baddate.md", md("2024-13-45").encode(), ""),
    ],
)
def test_a_bad_file_fails_with_its_name_and_reason_and_the_batch_goes_on(
    tmp_path, fake_extractor, name, content, reason
):
    (tmp_path / name).write_bytes(content)
    (tmp_path / "good.md").write_text(md("2024-03-18"))
    summary = run_ingest(tmp_path)
    assert "1 new" in summary, summary
    failed = [line for line in summary.splitlines() if line.startswith("  FAILED")]
    assert len(failed) == 1, summary
    assert name in failed[0]
    assert reason in failed[0]
    assert "Traceback" not in summary
    assert Article.objects.count() == 1


def test_an_article_lost_to_an_error_is_written_to_stderr_and_the_run_fails(tmp_path, fake_extractor, monkeypatch):
    # Not a bad file: the database refused the write (as it did when the demo left PostgreSQL's
    # id sequences behind). The batch goes on, and the run must not look like a success.
    store = ingest_service.extraction_store

    def store_or_fail(extraction, article, **options):
        if "timber" in article.text:
            raise IntegrityError('duplicate key value violates unique constraint "tracker_office_pkey"')
        return store(extraction, article, **options)

    monkeypatch.setattr(ingest_service, "extraction_store", store_or_fail)
    (tmp_path / "a.md").write_text(md("2024-03-18"))
    (tmp_path / "b.md").write_text(md("2024-04-02", READOUT.replace("grain", "timber")))
    (tmp_path / "c.md").write_text(md("2024-04-09", READOUT.replace("grain", "fish")))
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError, match=r"^1 article\(s\) not stored because of an error"):
        call_command("ingest", str(tmp_path), stdout=out, stderr=err, verbosity=2)
    assert f"ERROR {tmp_path / 'b.md'}: IntegrityError: duplicate key value" in err.getvalue()
    assert "Traceback" in err.getvalue() and "store_or_fail" in err.getvalue()
    summary = out.getvalue()
    assert "Articles: 2 new, 0 duplicate, 1 failed." in summary
    assert f"  ERROR {tmp_path / 'b.md'}: IntegrityError" in summary and "FAILED" not in summary
    # The other two are stored; nothing of the failed one is (its transaction rolled back).
    assert sorted(Article.objects.values_list("published", flat=True)) == [date(2024, 3, 18), date(2024, 4, 9)]
    assert Contact.objects.count() == 2


def test_refused_files_are_listed_without_failing_the_run(tmp_path, fake_extractor):
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "good.md").write_text(md("2024-03-18"))
    out, err = StringIO(), StringIO()
    call_command("ingest", str(tmp_path), stdout=out, stderr=err)  # raises nothing: the input's fault
    assert f"  FAILED {tmp_path / 'empty.txt'}" in out.getvalue()
    assert "ERROR" not in out.getvalue() + err.getvalue()


def test_a_file_without_a_date_is_stored_with_a_note(tmp_path, fake_extractor):
    (tmp_path / "undated.txt").write_text(READOUT)
    summary = run_ingest(tmp_path)
    assert "1 new" in summary
    assert "note" in summary and "no publication date" in summary


def test_a_missing_path_and_an_unknown_file_type_are_reported(tmp_path, fake_extractor):
    (tmp_path / "data.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / "good.md").write_text(md("2024-03-18"))
    summary = run_ingest(tmp_path / "good.md", tmp_path / "data.pdf", tmp_path / "nowhere")
    assert "no such file or folder" in summary
    assert "unknown file type '.pdf'" in summary
    assert "1 new" in summary


def test_a_run_where_nothing_could_be_ingested_is_an_error(tmp_path, fake_extractor):
    (tmp_path / "empty.txt").write_text("")
    with pytest.raises(CommandError, match="no article could be ingested"):
        run_ingest(tmp_path)


def test_confirm_confirms_and_the_publisher_option_fills_in(tmp_path, fake_extractor):
    (tmp_path / "a.txt").write_text(READOUT)
    (tmp_path / "a.md").write_text(md("2024-03-18", READOUT.replace("grain", "fish")))
    run_ingest(tmp_path / "a.md", "--confirm", "--publisher", "Norvanian Presidency")
    assert Contact.objects.get().status == "confirmed"
    assert Article.objects.get().publisher == "Norvanian Presidency"
    assert Contact.objects.get().date == date(2024, 3, 18)


# --- Many articles to a transaction (tracker.services.ingest_batch) ----------------------


def commits_of(*args) -> int:
    with CaptureQueriesContext(connection) as queries:
        run_ingest(*args)
    return sum(q["sql"] == "COMMIT" for q in queries.captured_queries)


@pytest.mark.django_db(transaction=True)
def test_a_batch_of_articles_is_committed_once_however_many_articles_it_holds(tmp_path, fake_extractor, monkeypatch):
    monkeypatch.setattr(ingest_batch, "BATCH_SECONDS", 600)  # however slow the machine
    (tmp_path / "one").mkdir()
    (tmp_path / "one" / "a.md").write_text(md("2024-03-18"))
    (tmp_path / "four").mkdir()
    for n, word in enumerate(["timber", "fish", "salt", "wool"]):
        (tmp_path / "four" / f"{n}.md").write_text(md(f"2024-04-0{n + 1}", READOUT.replace("grain", word)))
    one = commits_of(tmp_path / "one")
    assert commits_of(tmp_path / "four") == one  # the upkeep's commits, and the articles' one
    assert Article.objects.count() == 5


def ingest_three_in_one_batch(tmp_path, monkeypatch, fault) -> str:
    """Ingest three articles in one batch, ``fault(article)`` run after storing each: the summary."""
    store = ingest_service.extraction_store

    def store_then_fault(extraction, article, **options):
        store(extraction, article, **options)
        fault(article)

    monkeypatch.setattr(ingest_service, "extraction_store", store_then_fault)
    monkeypatch.setattr(ingest_batch, "BATCH_SECONDS", 600)
    for name, day, word in [("a", "2024-03-18", "grain"), ("b", "2024-04-02", "timber"), ("c", "2024-04-09", "fish")]:
        (tmp_path / f"{name}.md").write_text(md(day, READOUT.replace("grain", word)))
    out = StringIO()
    with pytest.raises(CommandError, match=r"^1 article\(s\) not stored"):
        call_command("ingest", str(tmp_path), stdout=out, stderr=StringIO())
    assert "Articles: 2 new, 0 duplicate, 1 failed." in out.getvalue()
    assert sorted(Article.objects.values_list("published", flat=True)) == [date(2024, 3, 18), date(2024, 4, 9)]
    return out.getvalue()


@pytest.mark.django_db(transaction=True)
def test_a_bad_article_in_the_middle_of_a_batch_fails_alone_and_the_others_are_kept(
    tmp_path, monkeypatch, fake_extractor
):
    def refuse(article):
        if "timber" in article.text:  # half stored, then the database refuses
            raise IntegrityError("CHECK constraint failed: tracker_statement_quote_not_empty")

    summary = ingest_three_in_one_batch(tmp_path, monkeypatch, refuse)
    assert f"  ERROR {tmp_path / 'b.md'}: IntegrityError: CHECK constraint failed" in summary
    assert sorted(Contact.objects.values_list("date", flat=True)) == [date(2024, 3, 18), date(2024, 4, 9)]


@pytest.mark.django_db(transaction=True)
def test_an_article_that_breaks_its_batchs_commit_fails_alone_and_the_others_are_kept(
    tmp_path, monkeypatch, fake_extractor
):
    # A reference to a row that does not exist is refused only at the commit (the foreign keys
    # are deferred): the whole batch's transaction is undone, so each article is stored again alone.
    def dangle(article):
        if "timber" in article.text:
            UnplacedName.objects.create(article=article, text="Nobody", person_id=999_999, reason="test")

    summary = ingest_three_in_one_batch(tmp_path, monkeypatch, dangle)
    assert f"  ERROR {tmp_path / 'b.md'}: IntegrityError" in summary
    assert Contact.objects.count() == 2 and not UnplacedName.objects.exists()
