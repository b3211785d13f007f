import csv
import io
import json
from datetime import date

import pytest
from django.contrib.auth.models import User
from django.http import StreamingHttpResponse
from django.urls import reverse

from timeline import export_rows
from timeline.exports import EXPORTS
from tracker.models import Article, Contact, ContactSource, GapClaim, ReviewStatus, Statement, Topic
from tracker.tests.factories import make_contact

pytestmark = pytest.mark.django_db


def body_of(response) -> str:
    if isinstance(response, StreamingHttpResponse):
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


def csv_rows(response) -> list[dict]:
    return list(csv.DictReader(io.StringIO(body_of(response))))


def json_rows(response) -> list[dict]:
    return json.loads(body_of(response))["rows"]


@pytest.fixture
def record(people):
    aldo, mira, ivo = people["aldo"], people["mira"], people["ivo"]
    trade = Topic.objects.create(name="Trade")
    article = Article.objects.create(
        title="Readout",
        publisher="Norvania Post",
        url="https://example.org/readout",
        text="Aldo called Mira.",
        published=date(2024, 3, 2),
    )
    first = make_contact(aldo, mira, on=date(2024, 3, 1), summary="A call about grain.")
    first.topics.add(trade)
    ContactSource.objects.create(contact=first, article=article, start=0, end=17, evidence="Aldo called Mira.")
    make_contact(aldo, mira, on=date(2024, 5, 1), kind=Contact.Kind.MEETING, summary="A meeting in Ostrelia.")
    make_contact(aldo, ivo, on=date(2024, 6, 1), kind=Contact.Kind.VISIT, summary="A visit.")
    make_contact(mira, ivo, on=date(2024, 7, 1), summary="Proposed call.", status=ReviewStatus.PROPOSED)
    Statement.objects.create(
        speaker=aldo,
        quote="We spoke about grain",
        date=date(2024, 3, 1),
        contact=first,
        article=article,
        status=ReviewStatus.CONFIRMED,
        start=0,
        end=4,
    )
    return {"first": first, "article": article, "trade": trade}


FILTER_SETS = [
    {},
    {"person": "aldo-varen"},
    {"person": ["mira-tolsk", "ivo-pell"]},
    {"pair": "aldo-varen,mira-tolsk"},
    {"kind": "meeting"},
    {"kind": ["phone_call", "visit"]},
    {"topic": "trade"},
    {"country": "XO"},
    {"start": "2024-04-01"},
    {"start": "2024-01-01", "end": "2024-05-31"},
    {"q": "grain"},
    {"person": "ivo-pell", "kind": "visit", "end": "2024-12-31"},
]


@pytest.mark.parametrize("params", FILTER_SETS)
def test_export_row_counts_equal_the_pages_count(client, record, params):
    page = client.get(reverse("timeline:timeline"), params)
    count = page.context["contact_count"].n
    for fmt, read in (("csv", csv_rows), ("json", json_rows)):
        response = client.get(reverse("timeline:timeline_export", args=[fmt]), params)
        assert response.status_code == 200
        assert isinstance(response, StreamingHttpResponse)
        assert len(read(response)) == count


def test_format_parameter_on_the_page_url_gives_the_same_export(client, record):
    by_suffix = body_of(client.get("/timeline.csv", {"kind": "meeting"}))
    by_parameter = body_of(client.get("/timeline/", {"kind": "meeting", "_format": "csv"}))
    assert by_suffix == by_parameter and "A meeting in Ostrelia." in by_parameter


def test_contact_rows_carry_sources_spans_and_status(client, record):
    rows = json_rows(client.get("/timeline.json", {"topic": "trade"}))
    assert len(rows) == 1
    row = rows[0]
    assert row["participants"] == ["aldo-varen", "mira-tolsk"]
    assert row["source_article_ids"] == [record["article"].pk]
    assert row["source_urls"] == ["https://example.org/readout"]
    assert row["source_spans"] == ["0-17"] and row["status"] == "confirmed" and row["topics"] == ["trade"]
    (line,) = csv_rows(client.get("/timeline.csv", {"topic": "trade"}))
    assert line["participants"] == "aldo-varen | mira-tolsk" and line["source_spans"] == "0-17"


def test_an_export_that_matches_nothing_is_an_empty_file_with_its_header(client, record):
    text = body_of(client.get("/timeline.csv", {"q": "nothing like this"}))
    assert text.strip() == ",".join(export_rows.CONTACT_COLUMNS)
    assert json.loads(body_of(client.get("/timeline.json", {"q": "nothing like this"}))) == {
        "columns": list(export_rows.CONTACT_COLUMNS),
        "rows": [],
    }


@pytest.mark.parametrize(
    "params", [{"start": "2024-13-01"}, {"person": "nobody"}, {"pair": "aldo-varen"}, {"country": "ZZ"}, {"kind": "x"}]
)
def test_a_malformed_filter_is_a_400_with_a_message_in_every_format(client, record, params):
    as_csv = client.get("/timeline.csv", params)
    assert as_csv.status_code == 400 and as_csv["Content-Type"].startswith("text/csv")
    errors = csv_rows(as_csv)
    assert errors and errors[0]["field"] in params and errors[0]["error"]
    as_json = client.get("/timeline.json", params)
    assert as_json.status_code == 400 and set(json.loads(as_json.content)["errors"]) <= set(params)
    assert client.get("/timeline/statements.csv", params).status_code == 400


def test_an_unknown_format_is_a_400_not_the_page(client, record):
    response = client.get("/timeline/", {"_format": "xml"})
    assert response.status_code == 400 and b"csv or json" in response.content


def test_proposed_contacts_are_for_logged_in_editors_only(client, record):
    assert "Proposed call." not in body_of(client.get("/timeline.csv"))
    refused = client.get("/timeline.json", {"status": "proposed"})
    assert refused.status_code == 400 and "status" in json.loads(refused.content)["errors"]
    editor = User.objects.create_user("ed", is_staff=True)
    client.force_login(editor)
    assert [r["summary"] for r in csv_rows(client.get("/timeline.csv", {"status": "proposed"}))] == ["Proposed call."]


def test_statements_export_has_the_quote_and_its_article(client, record):
    (row,) = csv_rows(client.get("/timeline/statements.csv", {"person": "aldo-varen"}))
    assert row["quote"] == "We spoke about grain" and row["article_url"] == "https://example.org/readout"
    assert row["span"] == "0-4" and row["contact_id"] == str(record["first"].pk)


def test_pair_exports_give_its_contacts_gaps_and_confirmed_claims(client, record, people):
    rows = csv_rows(client.get("/pairs/aldo-varen/mira-tolsk/contacts.csv"))
    assert [r["date"] for r in rows] == ["2024-05-01", "2024-03-01"]
    (gap,) = csv_rows(client.get("/pairs/aldo-varen/mira-tolsk/gaps.csv"))
    assert gap["days"] == "61" and gap["before_contact_id"] == str(record["first"].pk)
    low, high = sorted([people["aldo"], people["mira"]], key=lambda p: p.pk)
    common = {
        "person_a": low,
        "person_b": high,
        "ends": date(2024, 5, 1),
        "comparison": "more_than",
        "duration_months": 1,
    }
    GapClaim.objects.create(text="first meeting in more than a month", status=ReviewStatus.CONFIRMED, **common)
    GapClaim.objects.create(text="an unreviewed claim", **common)
    claims = json_rows(client.get("/pairs/aldo-varen/mira-tolsk/claims.json"))
    assert [c["text"] for c in claims] == ["first meeting in more than a month"]
    assert "verdict" in claims[0]


def test_leader_counterparts_export_lists_held_contacts(client, record):
    rows = csv_rows(client.get("/leaders/aldo-varen/counterparts.csv"))
    assert {(r["person"], r["contact_count"]) for r in rows} == {("mira-tolsk", "2"), ("ivo-pell", "1")}
    assert csv_rows(client.get("/leaders/aldo-varen/", {"_format": "csv"})) == rows


def test_pages_link_to_their_exports(client, record):
    timeline = client.get("/timeline/", {"kind": "meeting", "statements": "on"}).content.decode()
    assert "/timeline.csv?kind=meeting" in timeline and "/timeline/statements.json?" in timeline
    assert "/leaders/aldo-varen/counterparts.csv" in client.get("/leaders/aldo-varen/").content.decode()
    pair = client.get("/pairs/aldo-varen/mira-tolsk/").content.decode()
    assert "/pairs/aldo-varen/mira-tolsk/gaps.csv" in pair and "/pairs/aldo-varen/mira-tolsk/claims.csv" in pair
    assert "pair=aldo-varen%2Cmira-tolsk" in pair  # the pair page's contacts export keeps the fixed pair


def test_every_exported_column_is_documented(client):
    page = client.get(reverse("timeline:exports_doc")).content.decode()
    for _, _, columns in EXPORTS:
        for name, meaning in columns.items():
            assert meaning and f"<code>{name}</code>" in page


@pytest.mark.parametrize("oldest_first", [False, True])
@pytest.mark.parametrize("as_text", [False, True])
def test_related_rows_align_with_their_records_and_skip_those_never_listed(oldest_first, as_text):
    from timeline.export_rows import Aligned

    def day(n):
        return date(2024, 1, n)

    rows = [(day(3), 9, "a"), (day(3), 7, "orphan"), (day(2), 5, "b"), (day(2), 5, "c"), (day(1), 4, "orphan")]
    rows += [(day(1), 2, "d")]
    records = [(day(3), 9), (day(2), 5), (day(1), 3), (day(1), 2)]
    if oldest_first:
        rows, records = rows[::-1], records[::-1]
    if as_text:
        rows = [(d.isoformat(), pk, value) for d, pk, value in rows]
    aligned = Aligned(iter(rows), oldest_first, as_text)
    taken = {pk: [v for (v,) in aligned.take(d, pk)] for d, pk in records}
    assert taken == {9: ["a"], 5: ["b", "c"] if not oldest_first else ["c", "b"], 3: [], 2: ["d"]}
