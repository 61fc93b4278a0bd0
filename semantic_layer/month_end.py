"""A calendar offset (``offset_window: 1 month``) read day by day, as MetricFlow reads it.

Why: "revenue a month earlier" on day *d* is the revenue of *d* − 1 month, the month's last
day when *d*'s day-of-month does not exist there (Mar 29, 30 and 31 all read Feb 29; no day
reads Jan 30 or 31). MetricFlow gets this by joining each spine day to the rows of that
earlier day. OrderLens moved each row forward instead (Jan 29, 30 and 31 + 1 month all land on
Feb 29, summed; Mar 30 and 31 got nothing): wrong values on the days at month ends (the
session-15 MetricFlow cross-check: 4 of 161 days of a probe differ, Nov 30 showed Oct 30 +
Oct 31). By month, quarter or year both readings sum the same months, so only queries by day
use this (a week is a documented difference of its own).

Rows still move forward, which keeps each row in one group select: a row of day *s* stands for
day *s* + n (when that day reads back to *s*, i.e. not a clamped 30th or 31st), and, when *s* is
the last day of its month, for the later days of *s* + n's month too (Feb 29 for Mar 30 and 31).
A cross join with the numbers 0–3 (a month's last day stands for at most 3 more days) makes
those copies; :func:`month_end_condition` keeps the right ones.
"""

from __future__ import annotations

from sqlglot import exp

from semantic_layer.resolve import apply_grain

#: offset units whose days clamp at month ends (weeks and days never do)
CALENDAR_UNITS = ("month", "quarter", "year")
_ALIAS = "month_end_days"
_COL = "extra_day"


def _interval(count: int, unit: str) -> exp.Interval:
    return exp.Interval(this=exp.Literal.string(str(count)), unit=exp.var(unit.upper()))


def month_end_table() -> exp.Expr:
    """``(VALUES (0), (1), (2), (3)) AS month_end_days(extra_day)``."""
    values = exp.Values(
        expressions=[exp.Tuple(expressions=[exp.Literal.number(k)]) for k in range(4)],
        alias=exp.TableAlias(this=exp.to_identifier(_ALIAS), columns=[exp.to_identifier(_COL)]),
    )
    return values


def plus_extra_days(t: exp.Expr) -> exp.Expr:
    """``t`` plus the extra days a copy stands for (DATE_ADD: written per dialect)."""
    return exp.DateAdd(this=t, expression=exp.column(_COL, table=_ALIAS), unit=exp.var("DAY"))


def _last_day(day: exp.Expr) -> exp.Expr:
    month = apply_grain(day, "month")
    return exp.Sub(
        this=exp.Add(this=month, expression=_interval(1, "month")), expression=_interval(1, "day")
    )


def month_end_condition(source: exp.Expr, count: int, unit: str) -> exp.Expr:
    """Which copies of a row of ``source`` time are kept for an offset of ``count`` ``unit``."""
    day = apply_grain(source.copy(), "day")
    shifted = apply_grain(exp.Add(this=source.copy(), expression=_interval(count, unit)), "day")
    back = exp.Sub(this=shifted.copy(), expression=_interval(count, unit))
    reads_back = exp.EQ(this=apply_grain(back, "day"), expression=day.copy())
    later = exp.and_(
        exp.EQ(this=day.copy(), expression=_last_day(day.copy())),
        exp.LTE(this=plus_extra_days(shifted.copy()), expression=_last_day(shifted.copy())),
    )
    first = exp.EQ(this=exp.column(_COL, table=_ALIAS), expression=exp.Literal.number(0))
    return exp.and_(reads_back, exp.or_(exp.Paren(this=first), exp.Paren(this=later)))
