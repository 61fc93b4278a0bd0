"""A presence flag named where a metric should be: "loss payments in 2019", "total premium".

Why: dbt projects often say "this amount is a premium" / "this amount is a loss payment" by
joining a tiny model whose dimension is the constant ``expr: "1"`` (``has_premium``) and either
define a metric filtered on it (``loss_payment_amount``: the claim amounts where
``has_loss_payment = 1``) or leave the filter to the user (the premiums are the policy amounts
that have a premium). A user names the thing, not the metric, so the question holds no metric
word and was refused. Two readings are taken, and only when they are the one possible one:

1. a metric whose only filter requires this flag (``measure_facts.presence_flag``) *is* what the
   flag's words name: that metric, with nothing added;
2. otherwise the one unfiltered sum metric over the rows the flag marks (the flag's entity is
   the metric's own rows) restricted to those rows: that metric and ``flag = 1``.

A flag that several metrics could carry, or a count, is left to the other rules (refused with
the usual reason): guessing which amount the user meant would be a wrong answer.
"""

from __future__ import annotations

from nl2sql.rules.items import Item
from nl2sql.rules.view import StateView
from semantic_layer.catalog import CatalogDimension

#: the constant expressions dbt projects give a "this row exists there" dimension
_PRESENT = frozenset({"1", "true"})


def is_presence_flag(dim: CatalogDimension | None) -> bool:
    """Whether ``dim`` is a constant dimension (``expr: "1"``): set exactly where its model has
    a row for the entity, NULL elsewhere.

    >>> is_presence_flag(CatalogDimension("a__has_fee", "Has fee", expr='"1"'))
    True
    >>> is_presence_flag(CatalogDimension("a__fee", "Fee", expr="fee"))
    False
    """
    if dim is None or dim.dim_type != "categorical":
        return False
    return dim.expr.strip().strip("\"'`").lower() in _PRESENT


def _flags(p: StateView, it: Item) -> list[str]:
    """The presence flags ``it`` names, when every reading of it is one (else none).

    With no metric in the question, the grouping pass has taken the bare noun for a breakdown
    by the flag; a breakdown by a constant is never what was asked, so that reading is free.
    """
    if it.kind != "domain" or not it.senses:
        return []
    if it.used and not (it.sense is not None and it.sense.name in p.group_by):
        return []
    if not all(
        s.kind == "dimension" and is_presence_flag(p.catalog.dimension(s.name)) for s in it.senses
    ):
        return []
    return [s.name for s in it.senses]


def _restricted_sum(p: StateView, flag: str) -> str | None:
    """The one unfiltered sum metric over the rows ``flag`` marks, or None."""
    owner = flag.split("__")[0]
    fits = [
        m.name
        for m in p.catalog.metrics
        if m.metric_type == "simple"
        and m.agg == "sum"
        and not m.filtered
        and m.measure_expr.strip() != "1"  # a row count in disguise, not an amount
        and (m.agg_time_dimension or "").split("__")[0] == owner
        and p.metric_allows(m.name, flag)
    ]
    return fits[0] if len(fits) == 1 else None


def flag_reading(p: StateView, it: Item) -> tuple[str, str | None] | None:
    """``(metric, flag to require or None)`` when ``it`` is a presence flag naming a metric.

    Read-only, so the role and disambiguation rules can ask which metric the question names
    before this pass has run ("premium by state": the state nearest the premiums' rows).
    """
    flags = _flags(p, it)
    if not flags:
        return None
    defined = [m.name for m in p.catalog.metrics if m.flag and m.flag in flags]
    if len(defined) == 1:
        return defined[0], None
    if defined or len(flags) != 1:
        return None
    metric = _restricted_sum(p, flags[0])
    return (metric, flags[0]) if metric is not None else None
