"""Pass: a time range that holds no period of a metric's own time grain is refused.

Why: a metric recorded by month (its time dimension's ``time_granularity: month``: ARR, MRR,
a monthly snapshot) has one date per month, the month's first day. "ARR today" or "MRR
yesterday" asked for one day that holds no such date, and the answer came back empty (NULL) —
a wrong answer that looks like "zero". A range that holds a period's first day ("this month",
"last 90 days") answers as before.
"""

from __future__ import annotations

import datetime as dt

from nl2sql.calendar_ranges import calendar_range
from nl2sql.rules.items import Refusal
from nl2sql.rules.state import ParseState

_ZH = {"week": "周", "month": "月", "quarter": "季度", "year": "年"}
#: the grains whose periods ``nl2sql.calendar_ranges`` computes
_CALENDAR_GRAINS = tuple(_ZH)


def _next_start(day: dt.date, grain: str) -> dt.date | None:
    """The first day of a ``grain`` period on or after ``day`` (None for a grain the calendar
    helpers do not know, such as a custom fiscal one).

    >>> _next_start(dt.date(2026, 12, 5), "month"), _next_start(dt.date(2026, 12, 1), "month")
    (datetime.date(2027, 1, 1), datetime.date(2026, 12, 1))
    >>> _next_start(dt.date(2026, 12, 5), "week")
    datetime.date(2026, 12, 7)
    """
    if grain not in _CALENDAR_GRAINS:
        return None
    this = calendar_range(day, grain, 0).start
    return this if this == day else calendar_range(day, grain, 1).start


def refuse_range_finer_than_grain(p: ParseState) -> None:
    """Refuse when the question's range holds no first day of a metric's time grain."""
    tm = p.result.time
    if tm is None or p.axis_time is tm or tm.range.start is None or tm.range.end is None:
        return
    for name in p.metrics:
        metric = p.catalog.metric(name)
        own = metric.agg_time_dimension if metric else None
        dim = p.catalog.dimension(own) if own else None
        grain = dim.time_granularity if dim else None
        if metric is None or grain in (None, "day"):
            continue
        first = _next_start(tm.range.start, grain)
        if first is None or first < tm.range.end:
            continue
        raise Refusal(
            f"{metric.label or name} is recorded by {grain}, and '{tm.label_en}' holds no whole"
            f" {grain}: ask for this {grain} or last {grain}",
            zh=f"{metric.label or name}按{_ZH[grain]}记录，“{tm.label_zh}”不含完整的一{_ZH[grain]}："
            f"可以问本{_ZH[grain]}或上{_ZH[grain]}",
            kind="no_grain",
        )


def refuse_one_day_by_period(p: ParseState) -> None:
    """Refuse a breakdown by week, month, quarter or year over a range of one day.

    Why: "sales in the week of December 9" read "week" as the breakdown and "December 9" as the
    range, and answered the one day's sales as that week's — a wrong answer under the week's
    name. A day holds part of one period only; asked so, the question means the period around
    the day (which the question must name by its dates) or the day itself.
    """
    tm = p.result.time
    if tm is None or tm.range.start is None or tm.range.end is None:
        return
    if tm.range.end - tm.range.start != dt.timedelta(days=1):
        return
    grains = [g.split("__")[1] for g in p.group_by if g.startswith("metric_time__")]
    coarse = [g for g in grains if g in _CALENDAR_GRAINS]
    if not coarse:
        return
    grain, day = coarse[0], tm.range.start.isoformat()
    raise Refusal(
        f"'{tm.label_en}' is one day, part of one {grain}: ask for the {grain}'s dates "
        f"(from … to …), or for {day} without '{grain}'",
        zh=f"“{tm.label_zh}”只有一天，只是某一{_ZH[grain]}的一部分：请写出这一{_ZH[grain]}的起止日期，"
        f"或去掉“{_ZH[grain]}”只问{day}",
        kind="no_grain",
    )
