"""The first day of a contact's week, month, quarter or year, computed in the database.

On SQLite, Django computes ``TruncMonth``/``TruncWeek`` with a Python function called once per row
(most of a chart's time at 100,000 contacts); these use SQLite's own date functions instead.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.db.models.functions import TruncMonth, TruncQuarter, TruncWeek, TruncYear

PERIODS = [("month", "month"), ("week", "week")]


class MonthStart(TruncMonth):
    """TruncMonth, with SQLite's own strftime instead of Django's Python function."""

    def as_sqlite(self, compiler, connection, **extra_context):
        sql, params = compiler.compile(self.lhs)
        return f"strftime('%%Y-%%m-01', {sql})", params


class WeekStart(TruncWeek):
    """TruncWeek (weeks start on Monday), in SQLite's own date functions."""

    def as_sqlite(self, compiler, connection, **extra_context):
        sql, params = compiler.compile(self.lhs)
        return f"date({sql}, 'weekday 0', '-6 days')", params


class QuarterStart(TruncQuarter):
    """TruncQuarter in SQLite's own date functions: back to the month that opens the quarter."""

    def as_sqlite(self, compiler, connection, **extra_context):
        sql, params = compiler.compile(self.lhs)
        return (
            f"date({sql}, 'start of month', '-' || ((CAST(strftime('%%m', {sql}) AS INTEGER) - 1) %% 3) || ' months')",
            params * 2,
        )


class YearStart(TruncYear):
    """TruncYear in SQLite's own strftime."""

    def as_sqlite(self, compiler, connection, **extra_context):
        sql, params = compiler.compile(self.lhs)
        return f"strftime('%%Y-01-01', {sql})", params


STARTS = {"week": WeekStart, "month": MonthStart, "quarter": QuarterStart, "year": YearStart}


def period_start(period: str, field: str = "date"):
    """The first day of ``field``'s week, month, quarter or year (month for anything else)."""
    return STARTS.get(period, MonthStart)(field)


def period_start_of(day: date, period: str) -> date:
    """``period_start`` of one day, in Python: for contacts already read."""
    if period == "week":
        return day - timedelta(days=day.weekday())
    if period == "quarter":
        return day.replace(month=(day.month - 1) // 3 * 3 + 1, day=1)
    if period == "year":
        return day.replace(month=1, day=1)
    return day.replace(day=1)
