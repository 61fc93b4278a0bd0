"""Calendar arithmetic on half-open date ranges: months, quarters, years, rolling windows.

Why apart from the time parser (``nl2sql.timeparse``): these are plain date rules with no
language in them, used by the parser, by comparisons with a previous period and by derived
columns; a bug here is found by a doctest, not by a question.
"""

from __future__ import annotations

import datetime as dt

from semantic_layer.query import TimeRange

DAY = dt.timedelta(days=1)


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` moved by whole months, clamped to the month's last day.

    >>> add_months(dt.date(2026, 3, 31), -1)
    datetime.date(2026, 2, 28)
    """
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    last = (dt.date(year + month // 12, month % 12 + 1, 1) - DAY).day
    return dt.date(year, month, min(day.day, last))


def month_range(year: int, month: int) -> TimeRange:
    """The calendar month as a half-open range."""
    start = dt.date(year, month, 1)
    return TimeRange(start=start, end=add_months(start, 1))


def quarter_range(year: int, quarter: int) -> TimeRange:
    """The calendar quarter as a half-open range."""
    start = dt.date(year, 3 * (quarter - 1) + 1, 1)
    return TimeRange(start=start, end=add_months(start, 3))


def year_range(year: int) -> TimeRange:
    """The calendar year as a half-open range."""
    return TimeRange(start=dt.date(year, 1, 1), end=dt.date(year + 1, 1, 1))


def rolling_range(today: dt.date, n: int, unit: str) -> TimeRange:
    """The ``n`` ``unit``s ending with ``today`` (today included): "last 30 days", "最近3个月".

    >>> r = rolling_range(dt.date(2026, 11, 20), 30, "day"); (r.start, r.end)
    (datetime.date(2026, 10, 22), datetime.date(2026, 11, 21))
    """
    end = today + DAY
    if unit == "day":
        return TimeRange(start=end - n * DAY, end=end)
    if unit == "week":
        return TimeRange(start=end - 7 * n * DAY, end=end)
    months = {"month": 1, "quarter": 3, "year": 12}[unit] * n
    return TimeRange(start=add_months(today, -months) + DAY, end=end)


def calendar_range(today: dt.date, unit: str, offset: int) -> TimeRange:
    """The calendar ``unit`` containing today, moved by ``offset`` units (−1 = previous)."""
    if unit == "day":
        day = today + offset * DAY
        return TimeRange(start=day, end=day + DAY)
    if unit == "week":
        monday = today - today.weekday() * DAY + 7 * offset * DAY
        return TimeRange(start=monday, end=monday + 7 * DAY)
    if unit == "month":
        start = add_months(dt.date(today.year, today.month, 1), offset)
        return TimeRange(start=start, end=add_months(start, 1))
    if unit == "quarter":
        q_start = dt.date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
        start = add_months(q_start, 3 * offset)
        return TimeRange(start=start, end=add_months(start, 3))
    return year_range(today.year + offset)


def latest_year(today: dt.date, month: int) -> int:
    """Year of the most recent month ``month`` that has started by ``today``."""
    return today.year if month <= today.month else today.year - 1


def format_range(r: TimeRange) -> str:
    """A half-open range as the dates it covers.

    >>> format_range(TimeRange(start=dt.date(2026, 10, 1), end=dt.date(2026, 11, 1)))
    '2026-10-01 ~ 2026-10-31'
    """
    if r.start is None:
        return f"< {r.end}"
    if r.end is None:
        return f">= {r.start}"
    return f"{r.start} ~ {r.end - DAY}"
