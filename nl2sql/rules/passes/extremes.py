"""Pass: "longest pickup wait", "smallest rental value", "最长取车等待": a superlative before
(or after) a metric word, with nothing to rank, is the model's own max/min metric of that
metric's column.

Why: with no dimension to rank, "top 1" over one total is refused ("top/bottom of what?"), and
a word naming both the average and the maximum of one column ("pickup wait") was refused as
ambiguous. A superlative with nothing to rank asks for the largest (smallest) single value, and
the model says it directly when it has a ``max`` (``min``) metric over the very column the
named metric aggregates. Only then: without such a metric the question is left to the ranking
passes (and refused there), never answered with a made-up aggregation.

Why "each month" / "每月" / "各运营商" do not make it a ranking: "每月的最高租赁金额" and
"highest rental value each month" were answered as the one month with the largest total (a
top 1 over months), while "each" asks for a value in every month. A group named by a
distributive word ("each", "per", "every", 每, 各) is a breakdown of the extreme, not the rows to
rank; with no max/min metric there, the question is refused with runnable rewrites instead of
ranking the groups ("among"/"中" keeps it a ranking: "各渠道中销售额最高的").
"""

from __future__ import annotations

from nl2sql.lexicon import Sense
from nl2sql.rules.items import Item, Refusal
from nl2sql.rules.passes.grouping import PER_WORDS
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
    ("the highest average rental value") is a ranking of averages, never one row's value.
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


#: words that make a superlative rank the things after a group word ("各渠道*中*最高的")
_AMONG_WORDS = frozenset({"among", "of all", "中", "之中", "当中", "里", "其中"})


def _distributive(p: ParseState, k: int) -> bool:
    """Whether item ``k`` is a group word that distributes ("each", "per", 每, 各) or a
    grain adjective ("每月", "monthly"), or a grain right after such a word ("each month")."""
    x = p.at(k)
    if x is None or x.kind != "role":
        return False
    if x.role.startswith("grainadj"):
        return True
    if x.role == "group":
        return x.text.strip().lower() in PER_WORDS
    return x.role.startswith("grain:") and _distributive(p, k - 1)


def _is_extreme(m: CatalogMetric, agg: str) -> bool:
    return m.metric_type == "simple" and m.agg == agg and not m.filtered and bool(m.measure_expr)


def _nothing_to_rank(p: ParseState, metric_item: Item, *, each: bool = False) -> bool:
    """Whether every other model word is a value (a filter) or the dimension word of a value
    beside it ("the North region"), and no time grain, "which" or "by" asks for rows: nothing
    is left to rank ("the month with the largest rental value" ranks months).

    With ``each``, a grain or group after a distributive word ("each month", "各航空公司")
    is a breakdown, not rows to rank; any other grain, group or "among" still ranks."""
    if each and any(x.text.strip().lower() in _AMONG_WORDS for x in p.all):
        return False
    for k, x in enumerate(p.its):
        if x.kind == "role" and x.role.startswith("which"):
            return False
        if x.kind == "role" and x.role == "howmany" and not (each and x.used):
            return False  # each: "预订数"'s 数, already claimed by its noun, asks for no rows
        grouped = x.kind == "role" and x.role.startswith(("grain", "group"))
        if grouped and not (each and _distributive(p, k)):
            return False
    return all(
        x is metric_item
        or x.used
        or x.kind != "domain"
        or x.is_kind("value")
        or _names_a_neighbour_value(p, k, x)
        or (each and x.is_kind("dimension") and _distributive(p, k - 1))
        for k, x in enumerate(p.its)
    )


def _breakdown_without_extreme(x: Item, rank: Item) -> Refusal:
    """The refusal for "highest <metric> each <group>" on a model with no max/min of it; its
    suggestion is the question without the superlative (the metric by that group)."""
    top = rank.role == "top"
    label = x.text.strip()
    which = "largest" if top else "smallest"
    return Refusal(
        f"'{label}' with a superlative and 'each' asks for the {which} single value in every"
        f" group, and the model has no {'maximum' if top else 'minimum'} of it: ask for"
        f" '{label}' by that group, or for the group with the {which} '{label}'",
        zh=f"“每个…{rank.text}的{label}”要每组里单笔的极值，模型没有{label}的最"
        f"{'大' if top else '小'}值指标：可以问按该分组的“{label}”，或问“{label}”"
        f"{rank.text}的是哪一组",
        # the English word with its space, so the rewrite reads "bookings each month"
        words=[rank.text + (" " if rank.text.isascii() else ""), ""],
        kind="replace",
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
            if not metrics:
                continue
            each = not _nothing_to_rank(p, x) and _nothing_to_rank(p, x, each=True)
            if not each and not _nothing_to_rank(p, x):
                continue
            pick = _extreme_of(p, metrics, "max" if it.role == "top" else "min")
            if pick is None:
                if each:
                    raise _breakdown_without_extreme(x, it)
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
