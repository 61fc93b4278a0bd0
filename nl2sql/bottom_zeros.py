"""A bottom rank by a count that would leave out the things with none at all: refused.

Why: "which agent has the fewest urgent tickets" ranks the groups the query returns, and a
group with no rows under the question's filters (an agent with no urgent ticket, a customer
who never ordered, a team with no tickets this year) is not a row of zero: it is missing.
The "fewest" answered was then the lowest *non-zero* group — a wrong answer on any model
whose things can have none of what is counted. The universe of the grouped things is the
same group-by listed without metrics (the dimension's own model, as ``semantic_layer``
compiles it); when it holds a thing the ranked query has no row for, the bottom rank is
refused with the breakdown offered, as ``rules.entity_conditions`` refuses "fewer than 3
orders". Counts only (a missing group is 0, below every present one); amounts can be
negative.
"""

from __future__ import annotations

from typing import Any

from nl2sql.guard import allowed_tables, run_guarded
from nl2sql.interpret import item_label, metric_label
from semantic_layer import compile_query
from semantic_layer.catalog import Catalog

#: the aggregations whose missing group is a zero below every present group
_COUNTS = frozenset({"count", "count_distinct"})


def _ranked_groups(query: Any, catalog: Catalog) -> list[str] | None:
    """The categorical group-by items of a bottom rank by one count metric, or None."""
    if not query.limit or len(query.order_by) != 1 or query.order_by[0].descending:
        return None
    metric = catalog.metric(query.order_by[0].name)
    if metric is None or metric.metric_type != "simple" or metric.agg not in _COUNTS:
        return None
    groups = list(query.group_by)
    for name in groups:
        dim = catalog.dimension(name)
        if name.startswith("metric_time") or (dim is not None and dim.dim_type == "time"):
            return None  # a period with no rows is another question (a calendar's days)
    return groups or None


def _count(con: Any, sql: str, groups: list[str], allowed: set[str]) -> int:
    """How many rows of ``sql`` have every group key set (SQL from ``compile_query``).

    Run through the guard like the answer's own query: the listing compiles the model's
    dimension expressions too, and without the time limit a heavy one ran unbounded.
    """
    keys = " AND ".join(f'"{g}" IS NOT NULL' for g in groups)
    counted = run_guarded(con, f"SELECT COUNT(*) FROM ({sql}) AS q WHERE {keys}", allowed)
    return int(counted.df.iloc[0, 0])


def left_out_zeros(answer: Any, plan: Any, catalog: Catalog, sem_model: Any, con: Any) -> bool:
    """Turn ``answer`` into a refusal when its bottom rank by a count leaves out grouped
    things that have none of it. Returns whether it did."""
    query = plan.query
    if query is None or plan.derived is not None or con is None:
        return False
    groups = _ranked_groups(plan.base, catalog)
    if groups is None or not all(g.replace("__", "").replace("_", "").isalnum() for g in groups):
        return False
    metric = plan.base.order_by[0].name
    try:
        # the grouped things themselves: only the conditions on their own model are kept
        own = {g.split("__")[0] for g in groups}
        kept = [f for f in plan.base.filters if f.dimension.split("__")[0] in own]
        listing = {"metrics": [], "filters": kept, "where": [], "having": [], "order_by": []}
        every = compile_query(
            sem_model, plan.base.model_copy(update={**listing, "limit": None, "time_range": None})
        ).sql
        unranked = plan.base.model_copy(update={"order_by": [], "limit": None})
        ranked = compile_query(sem_model, unranked).sql
        allowed = allowed_tables(sem_model)
        missing = _count(con, every, groups, allowed) - _count(con, ranked, groups, allowed)
    except Exception:  # a listing the model cannot compile: nothing to compare with
        return False
    if missing <= 0:
        return False
    lang = plan.lang
    thing = item_label(catalog, groups[0], "en")
    en_m, zh_m = metric_label(catalog, metric, "en"), metric_label(catalog, metric, "zh")
    zh_t = item_label(catalog, groups[0], "zh")
    error = (
        f"{missing} {thing} value(s) have no {en_m} at all here and are not ranked, so the "
        f"lowest would leave them out; ask for {en_m} by {thing} instead"
    )
    zh = f"有{missing}个{zh_t}在这里完全没有{zh_m}，不会出现在排名中，最少的一项会把它们漏掉；可以改问按{zh_t}统计的{zh_m}"
    answer.suggestions = [f"按{zh_t}统计的{zh_m}" if lang == "zh" else f"{en_m} by {thing}"]
    answer.refused, answer.error = True, error
    answer.reason = zh if lang == "zh" else error
    answer.df = None
    return True
