"""An empty answer from a metric whose own filter leaves out every row the question asked about.

Why: a model often has one count or amount of a thing, defined over a slice of its rows
("Parcels": ``is_billable = true``, which leaves out parcels returned to the sender or lost).
"How many returned parcels" reads the only parcel count there is, adds
``parcel_status = 'returned'`` and answers an empty result or 0 — read by a user as "there were
none", where the warehouse holds dozens of them. ``empty_conditions`` refuses such a clash when the
two conditions are on one column; here they are on different columns, linked only by the data,
so it is decided after the answer runs, by one more cheap query.

The rule: when the answer holds no data, the query has conditions of its own and a metric's
filter (``FILTER (WHERE …)`` in the compiled SQL) — count, over all time, the rows that meet
the question's conditions, and how many of them pass the metric's filter. Rows there, none
passing: the question is about rows the metric's definition leaves out, and the empty answer
is refused, naming the filter, with the model's unfiltered metric of the same kind offered when
it has one. When some rows pass (the empty answer comes from the period asked, "last week"),
or none meet the conditions at all, the answer stands: it is a true zero. Anything the check
cannot read (no plain conjuncts, several scopes) leaves the answer as it is — missed, never
invented.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlglot import exp

from nl2sql.guard import run_guarded
from nl2sql.guessed_values import has_no_data
from nl2sql.interpret import item_label, metric_label
from nl2sql.sql_conditions import conjuncts, selects, unqualified
from semantic_layer import compile_query
from semantic_layer.catalog import Catalog, CatalogMetric
from semantic_layer.ratio_formats import counts_rows

#: how many unfiltered metrics are offered instead
MAX_OFFERED = 2


@dataclass(frozen=True)
class LeftOut:
    """The check's SQL and what it is about, as a user reads it."""

    sql: str  # SELECT count(*) FILTER (WHERE <metric filter>), count(*) FROM … WHERE <asked>
    metric_filter: str  # the metric's own condition, without table aliases
    asked: str  # the question's conditions, without table aliases


def left_out_check(sql: str) -> LeftOut | None:
    """The row check for compiled ``sql``: its first SELECT whose aggregates carry a metric
    filter, with that filter's conjuncts taken out of its WHERE; None when there is none or no
    other condition is left (nothing the question asked for).

    >>> c = left_out_check(
    ...     "SELECT SUM(1) FILTER (WHERE o.ok = TRUE) AS n FROM orders AS o "
    ...     "WHERE o.status = 'cancelled' AND o.ok = TRUE"
    ... )
    >>> c.sql
    "SELECT COUNT(*) FILTER(WHERE o.ok = TRUE), COUNT(*) FROM orders AS o WHERE o.status = 'cancelled'"
    >>> c.metric_filter, c.asked
    ('ok = TRUE', "status = 'cancelled'")
    >>> left_out_check("SELECT SUM(1) FILTER (WHERE o.ok) AS n FROM orders AS o WHERE o.ok") is None
    True
    >>> left_out_check("SELECT COUNT(*) FROM orders AS o WHERE o.status = 'x'") is None
    True
    """
    for select in selects(sql):  # none when the SQL does not parse: nothing is read
        filters = [f.expression.this for e in select.expressions for f in e.find_all(exp.Filter)]
        if not filters or not isinstance(
            select.args.get("from_", select.args.get("from")), exp.From
        ):
            continue
        parts = {c.sql() for f in filters for c in conjuncts(f)}
        wanted = exp.or_(*(f.copy() for f in filters)) if len(filters) > 1 else filters[0].copy()
        parts.add(wanted.unnest().sql())
        where = select.args.get("where")
        asked = [
            c
            for c in conjuncts(where.this if where is not None else None)
            if c.sql() not in parts
            and not (isinstance(c, exp.Or) and all(o.unnest().sql() in parts for o in c.flatten()))
        ]
        if not asked:
            return None
        check = select.copy()
        for arg in ("group", "order", "limit", "offset", "having", "qualify", "with", "with_"):
            check.set(arg, None)
        passing = exp.Filter(this=exp.Count(this=exp.Star()), expression=exp.Where(this=wanted))
        check.set("expressions", [passing, exp.Count(this=exp.Star())])
        check.set("where", exp.Where(this=exp.and_(*(c.copy() for c in asked))))
        if check.find(exp.Select) is not check or any(True for _ in check.find_all(exp.Subquery)):
            return None  # rows read from another scope: not a plain table to count
        return LeftOut(
            sql=check.sql("duckdb"),
            metric_filter=" AND ".join(unqualified(f) for f in filters),
            asked=" AND ".join(unqualified(c) for c in asked),
        )
    return None


def _unfiltered_twins(catalog: Catalog, metric: CatalogMetric) -> list[str]:
    """The model's metrics that count or sum the same thing with no filter of their own: for a
    filtered count of rows ("Order Count", a sum of a 0/1 flag) the unfiltered count of the
    entity its flag belongs to ("Total Orders"); for an amount, the same sum unfiltered."""
    entity = metric.counts or (metric.flag.split("__")[0] if "__" in metric.flag else "")
    counting = counts_rows(metric.agg, metric.measure_expr)
    out = []
    for m in catalog.metrics:
        if m.name == metric.name or m.filtered or m.metric_type != "simple":
            continue
        same_count = counting and bool(entity) and m.counts == entity
        same_sum = not counting and (m.agg, m.measure_expr) == (metric.agg, metric.measure_expr)
        if same_count or (same_sum and bool(metric.measure_expr)):
            out.append(m.name)
    return out[:MAX_OFFERED]


def _asked_again(catalog: Catalog, base: Any, metric: str, lang: str) -> str:
    """The question again with ``metric`` and the same conditions, when they are plain values
    (``dim = v``) and no period; else the metric's name alone."""
    label = metric_label(catalog, metric, lang)
    plain = [f for f in base.filters if f.op == "=" and len(f.values) == 1]
    if base.where or base.time_range is not None or len(plain) != len(base.filters):
        return label
    said = [(item_label(catalog, f.dimension, lang), f.values[0]) for f in plain]
    if lang == "zh":
        return "、".join(f"{d}为{v}" for d, v in said) + f"的{label}"
    return f"{label} where " + " and ".join(f"{d} is {v}" for d, v in said)


def refuse_filtered_out(
    answer: Any, plan: Any, catalog: Catalog, sem_model: Any, con: Any, allowed: Any
) -> bool:
    """Turn an empty ``answer`` into a refusal when the rows the question asks about exist but
    its metric's own filter leaves every one of them out (see the module). Returns whether it
    did."""
    base = plan.base
    if base is None or plan.derived is not None or con is None or base.having:
        return False
    if not (base.filters or base.where) or not has_no_data(answer.df, list(base.metrics)):
        return False
    metrics = [catalog.metric(m) for m in base.metrics]
    if not metrics or any(m is None or not m.filtered for m in metrics):
        return False
    try:  # over all time: a period with none of the metric's rows is a true zero
        every = base.model_copy(
            update={"time_range": None, "group_by": [], "order_by": [], "limit": None}
        )
        check = left_out_check(compile_query(sem_model, every).sql)
        if check is None:
            return False
        counted = run_guarded(con, check.sql, allowed).df
        passing, rows = int(counted.iloc[0, 0]), int(counted.iloc[0, 1])
    except Exception:  # a check that cannot run leaves the answer as it was
        return False
    if rows == 0 or passing > 0:
        return False
    lang = plan.lang
    en = "、".join(metric_label(catalog, m.name, "en") for m in metrics if m)
    zh = "、".join(metric_label(catalog, m.name, "zh") for m in metrics if m)
    twins = [t for m in metrics if m for t in _unfiltered_twins(catalog, m)]
    offered = [metric_label(catalog, t, lang) for t in dict.fromkeys(twins)]
    error = (
        f"{en} counts only rows where {check.metric_filter} (its definition), and none of the "
        f"{rows} rows where {check.asked} meet it, so the answer would read as none; "
        + (
            f"ask for {' or '.join(offered)} with the same condition"
            if offered
            else "the model has no metric that includes those rows"
        )
    )
    reason = (
        f"{zh}只统计满足 {check.metric_filter} 的行（指标定义），而满足 {check.asked} 的{rows}行"
        "都不满足它，结果会被读成“没有”；"
        + (
            f"请改问{'或'.join(offered)}，保留同样的条件"
            if offered
            else "模型中没有包含这些行的指标"
        )
    )
    answer.refused, answer.error = True, error
    answer.reason = reason if lang == "zh" else error
    answer.suggestions = [_asked_again(catalog, base, t, lang) for t in dict.fromkeys(twins)]
    answer.df = None
    return True
