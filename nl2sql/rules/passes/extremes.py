"""Pass: "longest arrival delay", "smallest booking value", "最长到达延误": a superlative before
(or after) a metric word, with nothing to rank, is the model's own max/min metric of that
metric's column.

Why: with no dimension to rank, "top 1" over one total is refused ("top/bottom of what?"), and
a word naming both the average and the maximum of one column ("arrival delay") was refused as
ambiguous. A superlative with nothing to rank asks for the largest (smallest) single value, and
the model says it directly when it has a ``max`` (``min``) metric over the very column the
named metric aggregates. Only then: without such a metric the question is left to the ranking
passes (and refused there), never answered with a made-up aggregation.
"""

from __future__ import annotations

from nl2sql.lexicon import Sense
from nl2sql.rules.items import Item
from nl2sql.rules.state import ParseState
from semantic_layer.catalog import CatalogMetric

#: rank words that say where in a ranking, not how large ("top", "前"): never an extreme value
_POSITION_WORDS = frozenset(
    {
        "top",
        "bottom",
        "前",
        "排名前",
        "后",
        "排名后",
        "倒数",
        "头部",
        "尾部",
        "most",
        "least",
        "最多",
        "最少",
    }
)


def _extreme_of(p: ParseState, metrics: list[str], agg: str) -> str | None:
    """The one simple ``agg`` (max/min) metric over the column of the named metrics.

    The named metric must be that extreme itself or an amount (a sum): the largest *average*
    ("the highest average booking value") is a ranking of averages, never one row's value.
    """
    named = [m for m in (p.catalog.metric(n) for n in metrics) if m is not None]
    if not any(_is_extreme(m, agg) for m in named) and any(m.agg != "sum" for m in named):
        return None
    exprs = {(m.measure_expr, m.agg_time_dimension) for m in named if m.measure_expr}
    found = {m.name for m in named if _is_extreme(m, agg)}
    for m in p.catalog.metrics:
        if _is_extreme(m, agg) and (m.measure_expr, m.agg_time_dimension) in exprs:
            found.add(m.name)
    return found.pop() if len(found) == 1 else None


def _is_extreme(m: CatalogMetric, agg: str) -> bool:
    return m.metric_type == "simple" and m.agg == agg and not m.filtered and bool(m.measure_expr)


def _nothing_to_rank(p: ParseState, metric_item: Item) -> bool:
    """Whether every other model word is a value (a filter) or the dimension word of a value
    beside it ("the North region"), and no time grain, "which" or "by" asks for rows: nothing
    is left to rank ("the month with the largest booking value" ranks months)."""
    if any(
        x.kind == "role" and (x.role.startswith(("grain", "which", "group")) or x.role == "howmany")
        for x in p.its
    ):
        return False
    return all(
        x is metric_item
        or x.used
        or x.kind != "domain"
        or x.is_kind("value")
        or _names_a_neighbour_value(p, k, x)
        for k, x in enumerate(p.its)
    )


def _names_a_neighbour_value(p: ParseState, k: int, x: Item) -> bool:
    dims = {s.name for s in x.senses if s.kind == "dimension"}
    for j in (k - 1, k + 1):
        y = p.at(j)
        if y is not None and any(s.kind == "value" and s.name in dims for s in y.senses):
            return True
    return False


def read_extreme_metric(p: ParseState) -> None:
    """Read "<superlative> <metric>" with nothing to rank as the model's max/min metric."""
    for i, it in enumerate(p.its):
        if it.kind != "role" or it.role not in ("top", "bottom") or it.used:
            continue
        if it.text.strip().lower() in _POSITION_WORDS:
            continue
        after = i + 1
        one = p.at(after)
        if one is not None and one.kind == "num" and not one.used:
            if one.number != 1 or one.pct:
                continue  # "the 3 largest …" ranks; "最小的一笔" is the single smallest
            after += 1
        for j in (after, i - 1):
            x = p.at(j)
            if x is None or x.kind != "domain" or x.used:
                continue
            metrics = [s.name for s in x.senses if s.kind == "metric"]
            if not metrics or not _nothing_to_rank(p, x):
                continue
            pick = _extreme_of(p, metrics, "max" if it.role == "top" else "min")
            if pick is None:
                continue
            x.sense = next(
                (s for s in x.senses if s.kind == "metric" and s.name == pick),
                Sense("metric", pick),
            )
            x.used = it.used = True
            if after != i + 1:
                p.its[i + 1].used = True
            p.add_metric(pick)
            break
