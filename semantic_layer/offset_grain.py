"""Periods for a derived metric whose only inputs are ``offset_to_grain`` ones.

Why: an ``offset_to_grain: month`` input reads, for each period of the query, the value of the
first period of its month (the row of the 1st joined to every day of the month). The compiler
joins such a group to the query's rows on that month start (``_offset_key``), which needs
other rows to drive the query. When every input of the query is offset to a grain, there were
no such rows: the group was read as it is, so each day showed *its own* value, unshifted (a
wrong number). MetricFlow drives these queries from its time spine, joined to the offset rows
on the grain's start (an inner join: a month whose first day has no row has no days).

:func:`to_grain_driver` builds that: the query-grain periods of the spine (or generated
periods) from the first to the last offset-grain period of the group's rows, each kept when
its grain's start is a row of the group, with the group's other keys. Query grains that do not
nest in the offset grain (a week in a month) are refused, not guessed.
"""

from __future__ import annotations

from typing import Any

from sqlglot import exp

from semantic_layer.combine import table
from semantic_layer.cumulative import PERIOD, _interval, period_spine
from semantic_layer.errors import CompileError
from semantic_layer.model import GRAINS
from semantic_layer.resolve import apply_grain

#: query grains that lie inside one period of each coarser standard grain
NESTING = {"day": GRAINS[1:], "month": ("quarter", "year"), "quarter": ("year",)}


def to_grain_driver(b: Any, groups: list[Any], keys: list[str]) -> str | None:
    """The name of a CTE of the query's keys when every group in ``groups`` (the query's
    primary groups) is an ``offset_to_grain`` one at a grain coarser than the query's; None
    when the query needs no driver (another input drives it, or the grains are equal)."""
    item = b.time_item
    if item is None or not groups or item.raw not in keys:
        return None
    grains = {g.kind.to_grain for g in groups if g.kind.name == "offset"}
    if any(g.kind.name != "offset" or not g.kind.to_grain for g in groups):
        return None
    grain = item.grain or "day"
    (to_grain,) = grains if len(grains) == 1 else (None,)
    if to_grain is None or grain == to_grain:
        return None
    if to_grain not in NESTING.get(grain, ()):
        offset = to_grain or "/".join(sorted(str(g) for g in grains))
        why = (
            f"offset_to_grain `{offset}` is finer than the query grain `{grain}`"
            if to_grain in GRAINS
            and grain in GRAINS
            and GRAINS.index(to_grain) < GRAINS.index(grain)
            else f"the `{grain}` periods do not lie inside one `{offset}` period"
        )
        raise CompileError(
            f"an offset_to_grain metric on its own cannot be grouped by `{item.raw}`: {why}; "
            f"group by metric_time__{to_grain or 'day'} or metric_time__day"
        )
    src = groups[0].cte
    col = exp.column(item.raw, table=src)
    start = exp.Min(this=apply_grain(col.copy(), to_grain))
    end = exp.Sub(  # the last day of the last offset period with rows
        this=exp.Add(
            this=exp.Max(this=apply_grain(col.copy(), to_grain)), expression=_interval(1, to_grain)
        ),
        expression=_interval(1, "day"),
    )
    span = b.reg.name("offset_span")  # two rows: the first and the last day to cover
    ends = [exp.alias_(e, item.raw) for e in (start, end)]
    b.reg.ctes.append(
        (span, exp.union(*(exp.select(e).from_(table(src)) for e in ends), distinct=False))
    )
    tr = b.q.time_range
    lo = apply_grain(exp.Literal.string(tr.start), grain) if tr and tr.start else None
    hi = apply_grain(exp.Literal.string(tr.end), grain) if tr and tr.end else None
    if hi is not None:  # time_range's end is exclusive
        hi = exp.Sub(this=hi, expression=_interval(1, "day"))
    periods = b.reg.name("offset_periods")
    b.reg.ctes.append((periods, period_spine(span, item.raw, grain, lo, hi, b.model.spine_table)))
    other = [k for k in keys if k != item.raw]
    sel = exp.select(
        exp.alias_(exp.column(PERIOD, table="p"), item.raw),
        *(exp.column(k, table="g") for k in other),
    ).distinct()
    sel = sel.from_(table(periods, "p"), copy=False)
    on = exp.EQ(
        this=exp.column(item.raw, table="g"),
        expression=apply_grain(exp.column(PERIOD, table="p"), to_grain),
    )
    sel = sel.join(table(src, "g"), on=on, copy=False)
    name = b.reg.name("offset_keys")
    b.reg.ctes.append((name, sel))
    return name
