"""A metric's own aggregation time dimension in a query is its ``metric_time``.

Why: ``cumulative_revenue by customer_order__order_date__month`` names the time dimension the
running total is measured along (its measure's ``agg_time_dimension``), under its qualified
name instead of ``metric_time``. MetricFlow answers it exactly as it answers
``metric_time__month`` (the running total per month, under the name asked for). OrderLens
used to treat it as an ordinary dimension: with no ``metric_time`` in the query the cumulative
metric fell back to its plain total, so each month showed that month's revenue under a
running-total name — a wrong number found by the session-14 MetricFlow cross-check of public
projects. The same holds for time offsets (an offset compares periods of that dimension) and
``join_to_timespine``.

The item is read as ``metric_time`` only when it is unambiguous: the query has no
``metric_time``, the item is ``<primary entity>__<agg time dimension>[__grain]`` of the semantic
model of *every* simple metric the query's metrics are built from, and one such item only. For
plain metrics grouping by their own time dimension or by ``metric_time`` is the same query, so
the rewrite is applied only when a cumulative, offset or ``join_to_timespine`` metric is asked
for (the SQL of every other query stays as it was).
"""

from __future__ import annotations

from dataclasses import replace

from semantic_layer.model import SemanticModel, input_metric_names
from semantic_layer.resolve import ItemName


def _leaves(model: SemanticModel, name: str, seen: frozenset[str] = frozenset()) -> list[str]:
    """The simple metrics ``name`` is computed from (itself when simple)."""
    m = model.metrics.get(name)
    if m is None or name in seen:
        return []
    if m.simple is not None:
        return [name]
    out: list[str] = []
    for inp in input_metric_names(m):
        out += [n for n in _leaves(model, inp, seen | {name}) if n not in out]
    return out


def _periodic(model: SemanticModel, name: str, seen: frozenset[str] = frozenset()) -> bool:
    """Whether ``name`` (or an input of it) reads periods: cumulative, offset, time spine."""
    m = model.metrics.get(name)
    if m is None or name in seen:
        return False
    if m.type == "cumulative" or (m.simple is not None and m.simple.join_to_timespine):
        return True
    if m.type == "derived":
        for inp in m.pydantic.type_params.metrics or []:
            if inp.offset_window is not None or inp.offset_to_grain:
                return True
    return any(_periodic(model, i, seen | {name}) for i in input_metric_names(m))


def agg_time_as_metric_time(
    model: SemanticModel, items: list[ItemName], metrics: list[str]
) -> list[ItemName]:
    """``items`` with the metrics' own agg-time dimension read as ``metric_time`` (see above)."""
    if not metrics or any(i.kind == "metric_time" for i in items):
        return items
    if not any(_periodic(model, m) for m in metrics):
        return items
    leaves = [
        model.metrics[n].simple
        for n in dict.fromkeys(x for m in metrics for x in _leaves(model, m))
    ]
    specs = [s for s in leaves if s is not None]
    if not specs:
        return items

    def own_time(item: ItemName) -> bool:
        if item.kind != "dimension" or len(item.entities) != 1:
            return False
        for s in specs:
            node = model.nodes.get(s.node)
            if node is None or node.primary_entity != item.entities[0]:
                return False
            if (s.agg_time or "").lower() != item.element:
                return False
        return True

    hits = [k for k, i in enumerate(items) if own_time(i)]
    if len(hits) != 1:
        return items
    k = hits[0]
    out = list(items)
    out[k] = replace(items[k], kind="metric_time", entities=(), element="metric_time")
    return out
