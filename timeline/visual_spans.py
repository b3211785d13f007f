"""The stretches of days the visual timeline shades: the span an inexact date stands for, and
the stretches of a range in which someone held no office."""

from __future__ import annotations

from datetime import date, timedelta

from tracker.models import Precision
from tracker.rules import month_after, month_start


def precision_span(day: date, precision: str) -> tuple[date, date] | None:
    """The stretch of days an inexact date stands for: its week (Monday to Sunday) or its month."""
    if precision == Precision.WEEK:
        monday = day - timedelta(days=day.weekday())
        return monday, monday + timedelta(days=7)
    if precision in (Precision.MONTH, Precision.APPROXIMATE):
        return month_start(day), month_after(day)
    return None


def out_of_office(offices: list[tuple[date | None, date | None]], start: date, end: date) -> list[tuple[date, date]]:
    """The stretches of [start, end] in which none of ``offices`` was held (an office ends the day
    before its ``end``). None for someone with no recorded office: the record does not know."""
    if not offices:
        return []
    held = sorted((s or date.min, e or date.max) for s, e in offices)
    stretches, cursor = [], start
    for s, e in held:
        if s > cursor:
            stretches.append((cursor, min(s, end)))
        cursor = max(cursor, e)
        if cursor > end:
            break
    if cursor <= end:
        stretches.append((cursor, end))
    return [(a, b) for a, b in stretches if a < b]
