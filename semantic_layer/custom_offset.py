"""``offset_window`` counted in a custom granularity of the time spine (``1 fiscal_quarter``).

Why a module of its own: a custom period has no fixed length, so the shift is not an interval
but a lookup in the project's time spine, the way MetricFlow does it:

- grouped by the custom granularity itself, period *P*'s rows are reported as period *P + n*
  (``LEAD`` over the distinct periods);
- grouped by anything else (days, months), the day at position *k* of its period moves to the
  day at position *k* of period *P + n*. A day past the end of that (shorter) period has no
  counterpart: MetricFlow reports its rows under a NULL period, OrderLens drops them (a time
  series with an undated row helps no one; documented in docs/semantic_layer.md).

Both lookups are derived tables over the spine, LEFT JOINed on the row's day through the
resolver's spine joins (one join per lookup and day expression).
"""

from __future__ import annotations

from sqlglot import exp

from semantic_layer.errors import CompileError
from semantic_layer.resolve import Resolver, apply_grain

DAY, PERIOD, POSITION = "ol_day", "ol_period", "ol_position"
SHIFTED_DAY, SHIFTED_PERIOD = "ol_shifted_day", "ol_shifted_period"


def _spine_days(r: Resolver, grain: str) -> exp.Select:
    """Each spine day with its custom period and its 1-based position in that period."""
    spine = r.model.time_spine
    if spine is None or grain not in r.model.custom_grains:
        raise CompileError(f"offset in `{grain}` needs the project's time spine with that column")
    day = exp.column(spine["column"], table="s")
    period = exp.column(r.model.custom_grains[grain], table="s")
    position = exp.Window(
        this=exp.RowNumber(),
        partition_by=[period.copy()],
        order=exp.Order(expressions=[exp.Ordered(this=day.copy())]),
    )
    return exp.select(
        exp.alias_(exp.cast(day, "date"), DAY),
        exp.alias_(period, PERIOD),
        exp.alias_(position, POSITION),
    ).from_(exp.to_table(spine["relation"], alias="s"))


def _lead(expr: exp.Expr, count: int) -> exp.Window:
    return exp.Window(
        this=exp.Anonymous(this="LEAD", expressions=[expr, exp.Literal.number(count)]),
        order=exp.Order(expressions=[exp.Ordered(this=exp.column(PERIOD))]),
    )


def _join(r: Resolver, key: str, lookup: exp.Select, time: exp.Expr) -> str:
    """LEFT JOIN ``lookup`` on the row's day once per key; the alias it is joined under."""
    if key not in r.spine_joins:
        alias = f"custom_offset_{len(r.spine_joins) + 1}"
        rel = lookup.subquery(alias, copy=False)
        on = exp.EQ(this=exp.column(DAY, table=alias), expression=apply_grain(time, "day"))
        r.spine_joins[key] = (rel, on)
    return str(r.spine_joins[key][0].alias)


def shifted_period(r: Resolver, time: exp.Expr, grain: str, count: int) -> exp.Expr:
    """The label of the ``grain`` period ``count`` periods after the one ``time`` falls in."""
    periods = (
        exp.select(exp.column(PERIOD), exp.alias_(_lead(exp.column(PERIOD), count), SHIFTED_PERIOD))
        .from_(_spine_days(r, grain).subquery("d"))
        .group_by(exp.column(PERIOD))
    )
    lookup = (
        exp.select(exp.column(DAY, table="d"), exp.column(SHIFTED_PERIOD, table="p"))
        .from_(_spine_days(r, grain).subquery("d"))
        .join(
            periods.subquery("p"),
            on=exp.column(PERIOD, table="d").eq(exp.column(PERIOD, table="p")),
        )
    )
    alias = _join(r, f"offset period {grain} {count} {time.sql()}", lookup, time)
    return exp.column(SHIFTED_PERIOD, table=alias)


def shifted_day(r: Resolver, time: exp.Expr, grain: str, count: int) -> exp.Expr:
    """The day at the same position ``count`` ``grain`` periods later (NULL: no such day)."""
    first = exp.Min(this=exp.column(DAY))
    last = exp.Max(this=exp.column(DAY))
    periods = (
        exp.select(
            exp.column(PERIOD),
            exp.alias_(_lead(first, count), "next_first"),
            exp.alias_(_lead(last, count), "next_last"),
        )
        .from_(_spine_days(r, grain).subquery("d"))
        .group_by(exp.column(PERIOD))
    )
    moved = exp.DateAdd(
        this=exp.column("next_first", table="p"),
        expression=exp.Sub(this=exp.column(POSITION, table="d"), expression=exp.Literal.number(1)),
        unit=exp.var("DAY"),
    )
    inside = exp.LTE(this=exp.cast(moved, "date"), expression=exp.column("next_last", table="p"))
    lookup = (
        exp.select(
            exp.column(DAY, table="d"),
            exp.alias_(
                exp.Case(ifs=[exp.If(this=inside, true=exp.cast(moved.copy(), "date"))]),
                SHIFTED_DAY,
            ),
        )
        .from_(_spine_days(r, grain).subquery("d"))
        .join(
            periods.subquery("p"),
            on=exp.column(PERIOD, table="d").eq(exp.column(PERIOD, table="p")),
        )
    )
    alias = _join(r, f"offset day {grain} {count} {time.sql()}", lookup, time)
    return exp.column(SHIFTED_DAY, table=alias)
