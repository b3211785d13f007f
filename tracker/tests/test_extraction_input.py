"""Bad input never raises; every span points at its words; documents read from files."""

import json
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.extraction import Gazetteer, KnownCountry, documents_from_file, extract, prediction_line

GAZ = Gazetteer(countries=[KnownCountry("Norvania", (), ("Norvanian",))])
PIECES = st.sampled_from(
    [
        "President Aldo Varen of Norvania",
        " spoke with ",
        "Prime Minister Mira Tol",
        " met ",
        "“",
        "”",
        '"',
        ",",
        " he said",
        " Monday",
        " October 7",
        "\n\n",
        ". ",
        "their first call in more than a month",
        "’s",
        " \x00 ",
    ]
)


def assert_spans_point_at_their_words(ex):
    text = ex.text
    for c in ex.contacts:
        assert text[c.span.start : c.span.end] == c.evidence
    for s in ex.statements:
        assert text[s.quote_span.start : s.quote_span.end] == s.quote
        assert 0 <= s.span.start <= s.quote_span.start and s.quote_span.end <= s.span.end <= len(text)
    for g in ex.gap_claims:
        assert text[g.span.start : g.span.end] == g.text
    for p in ex.people:
        assert 0 <= p.span.start < p.span.end <= len(text)


@settings(max_examples=150, deadline=None)
@given(st.one_of(st.text(), st.lists(st.one_of(PIECES, st.text(max_size=5)), max_size=30).map("".join)))
def test_any_text_extracts_without_raising_and_spans_point_at_their_words(text):
    ex = extract(text, published=date(2024, 3, 18), gazetteer=GAZ)
    assert not any("extraction failed" in w for w in ex.warnings)
    assert_spans_point_at_their_words(ex)


@pytest.mark.parametrize(
    "text, warning",
    [
        ("", "empty"),
        ("   \n\t ", "empty"),
        ("a\x00b President Aldo Varen", "NUL"),
        (
            "Der Bundeskanzler hat heute mit dem Präsidenten telefoniert und sie haben über die Lage gesprochen " * 3,
            "English",
        ),
    ],
)
def test_bad_text_gives_a_clear_warning(text, warning):
    ex = extract(text, published=date(2024, 3, 18), gazetteer=GAZ)
    assert any(warning in w for w in ex.warnings)


def test_missing_and_future_publication_dates_are_warned_about():
    assert any("no publication date" in w for w in extract("Hi.", published=None, gazetteer=GAZ).warnings)
    assert any("future" in w for w in extract("Hi.", published=date(2999, 1, 1), gazetteer=GAZ).warnings)


def test_a_five_megabyte_text_full_of_near_matches_finishes_and_says_it_was_cut():
    chunk = "President Aldo Varen of Norvania “said” Prime Minister of of of A B C D E F G H " * 10 + "\n\n"
    ex = extract(chunk * (5_000_000 // len(chunk)), published=date(2024, 3, 18), gazetteer=GAZ)
    assert any("only the first" in w for w in ex.warnings)


def test_prediction_line_uses_the_scored_kinds():
    ex = extract(
        "President Aldo Varen of Norvania held a video call with Prime Minister Mira Tol of Estralia today.",
        published=date(2024, 3, 18),
        gazetteer=GAZ,
        publisher="The White House",
    )
    line = prediction_line("x", ex)
    assert line["id"] == "x" and line["contacts"][0]["kind"] == "call"
    json.dumps(line)


def test_markdown_front_matter_escapes_and_end_mark(tmp_path):
    path = tmp_path / "r.md"
    path.write_text(
        "---\ndate: '2024-03-18'\nsource_url: https://example.org/r\n"
        'title: "Readout of President Aldo\\_Varen\\u2019s Call"\n---\nPresident Aldo Varen spoke today.\n\\###\n',
        encoding="utf-8",
    )
    [doc] = documents_from_file(path)
    assert (doc.title, doc.published, doc.url) == (
        "Readout of President Aldo\u00a0Varen’s Call",
        date(2024, 3, 18),
        "https://example.org/r",
    )
    assert doc.text == "President Aldo Varen spoke today." and doc.errors == []


def test_broken_front_matter_and_bad_bytes_are_reported(tmp_path):
    md = tmp_path / "b.md"
    md.write_text("---\ntitle: [unclosed\n---\nText here.\n", encoding="utf-8")
    [doc] = documents_from_file(md)
    assert any("front matter" in e for e in doc.errors) and "Text here." in doc.text
    txt = tmp_path / "b.txt"
    txt.write_bytes(b"President \xff\xfe Varen\x00 spoke.")
    [doc] = documents_from_file(txt)
    assert any("UTF-8" in e for e in doc.errors) and any("NUL" in e for e in doc.errors)


def test_jsonl_lines_become_documents_and_bad_lines_errors(tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_text(
        json.dumps(
            {
                "id": "a",
                "text": "Hello.",
                "published": "2022-02-12",
                "title": "T",
                "location": "Moscow",
                "summary": None,
                "publisher": "P",
                "url": "u",
            }
        )
        + "\n{not json\n"
        + json.dumps({"id": "c", "text": "x", "published": "12/02/2022"})
        + "\n",
        encoding="utf-8",
    )
    a, b, c = documents_from_file(path)
    assert (a.doc_id, a.published, a.title, a.publisher, a.url, a.errors) == ("a", date(2022, 2, 12), "T", "P", "u", [])
    assert b.text == "" and "not valid JSON" in b.errors[0]
    assert c.published is None and "YYYY-MM-DD" in c.errors[0]


def test_html_goes_through_trafilatura_and_drops_scripts(tmp_path):
    body = (
        "<p>President Aldo Varen of Norvania met Prime Minister Mira Tol of Norvania on Monday in the capital.</p>" * 3
    )
    html = (
        f"<html><head><title>Leaders meet</title><script>var x = 'President Evil met';</script></head><body>"
        f"<nav>Skip to content</nav><article>{body}</article><script>alert(1)</script></body></html>"
    )
    path = tmp_path / "a.html"
    path.write_text(html, encoding="utf-8")
    [doc] = documents_from_file(path)
    assert "Aldo Varen" in doc.text and "alert" not in doc.text and "Evil" not in doc.text
