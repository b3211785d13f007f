"""A person's or a pair's timeline read from the months their tallies say hold the page: the
same pages, page after page in either order, as the unbounded listing; and bounded dates."""

from datetime import date

import pytest
from django.http import QueryDict
from django.utils.http import urlencode

from timeline.feed import Cursor, feed_page, within_tallied_months
from timeline.filters import ContactFilter
from tracker.models import Contact
from tracker.tests.factories import make_contact, make_person

pytestmark = pytest.mark.django_db

SIZE = 3


@pytest.fixture
def record():
    a, b, c = make_person("Aldo Varen"), make_person("Mira Tolsk"), make_person("Ines Qarro")
    days = [date(2019, 5, 2), date(2019, 5, 2), date(2019, 5, 20), date(2020, 1, 3), date(2021, 7, 9)]
    days += [date(2021, 7, 30), date(2021, 8, 1), date(2023, 2, 14), date(2023, 2, 14), date(2023, 3, 1)]
    for n, day in enumerate(days):
        kind = Contact.Kind.MEETING if n % 3 == 0 else Contact.Kind.PHONE_CALL
        make_contact(a, b, *([c] if n % 4 == 0 else []), on=day, kind=kind, planned=n == 5)
        make_contact(b, c, on=date(2024, 6, n + 1))  # newer contacts of others, which a bound skips
    make_contact(a, b, on=date(2022, 4, 4), status="proposed")
    return a, b, c


def _chosen(data: dict, request=None) -> ContactFilter:
    selection = ContactFilter(QueryDict(urlencode(data, doseq=True)), queryset=Contact.objects.all(), request=request)
    assert selection.form.is_valid(), selection.form.errors
    return selection


def _pages(data: dict, bounded: bool, request) -> list[list[int]]:
    """Every page of ``data``'s contacts, through ``within_tallied_months`` or without it."""
    selection = _chosen(data, request)
    oldest_first = selection.oldest_first()
    pages, cursor = [], None
    while True:
        rows = selection.qs
        if bounded:
            rows = within_tallied_months(rows, selection.month_tallies(), cursor, SIZE, oldest_first)
        items, cursor = feed_page(rows, None, cursor, SIZE, oldest_first)
        pages.append([item.obj.pk for item in items])
        if cursor is None:
            return pages


@pytest.mark.parametrize("sort", ["newest", "oldest"])
@pytest.mark.parametrize("extra", [{}, {"kind": ["meeting"]}, {"status": "any"}, {"status": "proposed"}])
@pytest.mark.parametrize("chosen", ["person", "pair", "third person"])
def test_a_timeline_bounded_by_its_tallied_months_lists_the_same_pages(record, chosen, extra, sort, editor_request):
    a, b, c = record
    data = {"person": c.slug} if chosen == "third person" else {"person": a.slug}
    if chosen == "pair":
        data = {"pair": f"{a.slug},{b.slug}"}
    data = {**data, **extra, "sort": sort}
    bounded = _pages(data, True, editor_request)
    assert len(bounded) > 1 or extra  # pages after cursors
    assert bounded == _pages(data, False, editor_request)
    assert sum(map(len, bounded)) == _chosen(data, editor_request).qs.count()


def test_a_persons_first_page_reads_only_the_months_holding_it(record):
    a, _, _ = record
    selection = _chosen({"person": a.slug})
    rows = within_tallied_months(Contact.objects.confirmed(), selection.month_tallies(), None, SIZE)
    # The newest four of Aldo's (the page and one more) fall in 2021-08 .. 2023-03.
    assert list(rows.order_by("date").values_list("date", flat=True).distinct()) == [
        date(2021, 8, 1),
        date(2023, 2, 14),
        date(2023, 3, 1),
    ]


def test_a_following_page_reads_from_the_cursors_month_down(record):
    a, _, _ = record
    selection = _chosen({"person": a.slug})
    cursor = Cursor(date(2021, 7, 30), "c", 1)
    rows = within_tallied_months(Contact.objects.confirmed(), selection.month_tallies(), cursor, SIZE)
    dates = rows.values_list("date", flat=True)
    assert max(dates) == date(2021, 7, 30) and min(dates) == date(2019, 5, 2)


def test_several_people_or_other_filters_leave_the_listing_unbounded(record):
    a, b, _ = record
    for data in [
        {"person": [a.slug, b.slug]},
        {"person": a.slug, "q": "x"},
        {"pair": f"{a.slug},{b.slug}", "start": "2020-01-01"},
    ]:
        assert _chosen(data).month_tallies() is None


def test_someone_with_no_contacts_gets_an_empty_page_without_a_scan(record):
    lone = make_person("Tavo Rell")
    selection = _chosen({"person": lone.slug})
    rows = within_tallied_months(selection.qs, selection.month_tallies(), None, SIZE)
    assert rows.query.is_empty()


def test_a_persons_timeline_page_lists_their_newest_contacts(client, record, monkeypatch):
    a, _, _ = record
    monkeypatch.setattr("timeline.views.PAGE_SIZE", SIZE)
    listed = [
        item.obj.pk for kind, item in client.get(f"/timeline/?person={a.slug}").context["entries"] if kind == "item"
    ]
    assert listed == list(_chosen({"person": a.slug}).qs.order_by("-date", "-id").values_list("pk", flat=True)[:SIZE])
