from datetime import date
from types import SimpleNamespace

import pytest

from timeline.feed import CONTACT, STATEMENT, Cursor, Item, count_capped, feed_entries
from timeline.text import sentence_around
from tracker.highlight import Highlight, text_highlighted
from tracker.models import Contact
from tracker.tests.factories import make_contact


def item(stream, pk, day):
    return Item(stream, SimpleNamespace(pk=pk, date=day))


def test_cursor_round_trips_and_rejects_garbage():
    cursor = Cursor(date(2023, 10, 7), CONTACT, 123)
    assert Cursor.parse(str(cursor)) == cursor
    for text in ["", "2023-13-40_c1", "2023-10-07_x1", "drop table", None]:
        assert Cursor.parse(text) is None


def test_month_headings_appear_where_the_month_changes():
    items = [
        item(CONTACT, 3, date(2024, 3, 5)),
        item(STATEMENT, 9, date(2024, 3, 1)),
        item(CONTACT, 1, date(2024, 2, 9)),
    ]
    entries = feed_entries(items, previous_month=None)
    assert [kind for kind, _ in entries] == ["month", "item", "item", "month", "item"]


def test_a_following_page_does_not_repeat_the_heading_of_the_month_it_continues():
    entries = feed_entries([item(CONTACT, 1, date(2024, 3, 2))], previous_month=date(2024, 3, 1))
    assert [kind for kind, _ in entries] == ["item"]


def test_sentence_around_a_span_stops_at_sentence_ends():
    text = "First one. The leaders spoke by phone on Monday. Then more."
    start = text.index("spoke")
    assert sentence_around(text, start, start + len("spoke by phone")) == (
        "The leaders ",
        "spoke by phone",
        " on Monday.",
    )


def test_article_markup_escapes_the_text_and_links_each_span():
    text = "<b>Alert</b>: Aldo called Mira.\n\nMore <i>text</i>."
    start = text.index("Aldo")
    html = text_highlighted(text, [Highlight(start, start + len("Aldo called Mira"), "/contacts/1/", "Contact")])
    assert "<b>" not in html and "&lt;b&gt;Alert" in html and "&lt;i&gt;" in html
    assert '<a class="span" href="/contacts/1/" title="Contact"><mark>Aldo called Mira</mark></a>' in html
    assert html.count("<p>") == 2


def test_out_of_range_spans_are_dropped_and_overlaps_cut_at_their_edges():
    text = "Aldo called Mira."
    html = text_highlighted(
        text, [Highlight(0, 11, "/a/", "a"), Highlight(5, 16, "/b/", "b"), Highlight(3, 99, "/c/", "c")]
    )
    assert html == (
        '<p><a class="span" href="/a/" title="a"><mark>Aldo </mark></a>'
        '<a class="span" href="/a/" title="a; b"><mark>called</mark></a>'
        '<a class="span" href="/b/" title="b"><mark> Mira</mark></a>.</p>'
    )


def test_a_span_across_paragraphs_is_cut_at_the_break():
    text = "Aldo called.\n\nMira answered."
    html = text_highlighted(text, [Highlight(5, 20, "/a/", "a")])
    assert html.count("<p>") == 2 and html.count("<mark>") == 2


@pytest.mark.django_db
def test_a_count_past_the_cap_says_more_never_a_guess(people):
    for day in range(1, 4):
        make_contact(people["aldo"], people["mira"], on=date(2024, 1, day))
    assert str(count_capped(Contact.objects.all(), cap=5)) == "3"
    capped = count_capped(Contact.objects.all(), cap=2)
    assert (capped.n, capped.more, str(capped)) == (2, True, "2+")
