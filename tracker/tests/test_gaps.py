from datetime import date

from tracker.gaps import ContactPoint, add_months, gaps_between


def points(*days: str) -> list[ContactPoint]:
    return [ContactPoint(id=i, date=date.fromisoformat(d)) for i, d in enumerate(days, 1)]


def test_no_gap_without_two_contacts():
    assert gaps_between(points("2024-01-01")) == []


def test_gaps_are_counted_between_consecutive_contacts_in_date_order():
    rows = gaps_between(points("2024-03-18", "2024-02-15", "2024-01-01"))
    assert [(r.start.isoformat(), r.end.isoformat(), r.days) for r in rows] == [
        ("2024-01-01", "2024-02-15", 45),
        ("2024-02-15", "2024-03-18", 32),
    ]


def test_longest_since_is_the_end_of_the_last_longer_gap():
    rows = gaps_between(points("2024-01-01", "2024-03-01", "2024-03-11", "2024-04-01", "2024-04-10"))
    # gaps: 60, 10, 21, 9
    assert [r.days for r in rows] == [60, 10, 21, 9]
    assert [r.longest_since.isoformat() for r in rows] == ["2024-01-01", "2024-03-01", "2024-03-01", "2024-04-01"]
    assert [r.is_record for r in rows] == [True, False, False, False]


def test_an_equal_gap_is_not_longer():
    rows = gaps_between(points("2024-01-01", "2024-01-11", "2024-01-21"))
    assert rows[1].longest_since == date(2024, 1, 1) and rows[1].is_record


def test_inexact_dates_mark_a_gap_approximate():
    rows = gaps_between([ContactPoint(1, date(2024, 1, 1), exact=False), ContactPoint(2, date(2024, 2, 1))])
    assert rows[0].approximate


def test_adding_a_month_clamps_to_the_end_of_shorter_months():
    assert add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert add_months(date(2024, 12, 15), 1) == date(2025, 1, 15)
