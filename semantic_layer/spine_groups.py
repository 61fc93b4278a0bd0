"""``join_to_timespine`` inputs grouped by ``metric_time`` *and* other keys: each input's
group is joined to the spine before the metrics are computed.

Why: MetricFlow joins every input with ``join_to_timespine`` to its time spine on its own
(``spine LEFT JOIN input ON metric_time``), so a day on which the input has no row becomes one
row with NULL other keys and the input's ``fill_nulls_with`` value; the inputs are then joined
on the keys and ratio / derived metrics computed from the filled values. OrderLens joined the
spine to the *finished* rows (:func:`semantic_layer.cumulative.join_to_spine`): such a day had
the simple metric's fill but a NULL derived metric ("twice the daily revenue" by day and status
was NULL on a day without orders where MetricFlow says 0; "revenue minus a week earlier" lost
the -50 of the day a week after an order of another status). Grouped by ``metric_time`` alone
the spine is a key source instead (``spine_keys``); this module covers the other case for
plain groups (an aggregation of rows, no offset, window or conversion), the groups MetricFlow
spine-joins before combining. Offset inputs are left as they are: their missing periods read
NULL and take the fill in the metric's expression, the value MetricFlow's spine row has.
"""

from __future__ import annotations

from typing import Any

from sqlglot import exp

from semantic_layer.combine import table
from semantic_layer.cumulative import spine_keys


def _spined(group: Any) -> bool:
    """Whether MetricFlow would join this group's rows to the spine on their own."""
    k = group.kind
    plain = k.name == "plain" and k.non_additive is None
    return plain and any(leaf.spec.join_to_timespine for leaf in group.leaves)


def can_spine_groups(primary: list[Any]) -> bool:
    """True when some primary (not offset) group has a ``join_to_timespine`` leaf and every
    such group is plain (see above): only then is the per-group spine join used, else the
    spine is joined to the finished rows."""
    spine = [g for g in primary if any(leaf.spec.join_to_timespine for leaf in g.leaves)]
    return bool(spine) and all(_spined(g) for g in spine)


def spine_groups(b: Any, primary: list[Any], keys: list[str]) -> None:
    """Replace each spine input's CTE by ``spine LEFT JOIN its rows`` under the same name.

    The group's aggregated rows move to a ``<cte>_rows`` CTE (the metrics' columns keep naming
    the group's CTE); the periods are every period from the first to the last one of the
    primary groups (the query's ``time_range`` where given), as ``spine_keys`` builds them.
    """
    item = b.time_item
    assert item is not None  # called only when metric_time is grouped by
    renamed: dict[str, str] = {}
    for g in primary:
        if _spined(g):
            renamed[g.cte] = b.reg.name(f"{g.cte}_rows")
    b.reg.ctes[:] = [(renamed.get(n, n), sel) for n, sel in b.reg.ctes]
    periods = spine_keys(b, [renamed.get(g.cte, g.cte) for g in primary])
    for g in primary:
        if g.cte not in renamed:
            continue
        rows = renamed[g.cte]
        cols: list[exp.Expr] = [exp.column(item.raw, table=periods)]
        cols += [exp.column(k, table=rows) for k in keys if k != item.raw]
        cols += [exp.column(leaf.alias, table=rows) for leaf in g.leaves]
        on = exp.EQ(
            this=exp.column(item.raw, table=rows), expression=exp.column(item.raw, table=periods)
        )
        sel = exp.Select(expressions=cols).from_(table(periods), copy=False)
        sel.append("joins", exp.Join(this=table(rows), on=on, side="LEFT"))
        b.reg.ctes.append((g.cte, sel))
