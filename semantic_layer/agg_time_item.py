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

A where filter on that dimension (``{{ TimeDimension('subscription__subscribed_at', 'day') }}
>= '2024-06-01'``) is, by the same reading, a filter on ``metric_time``: MetricFlow applies it
to the periods of its time spine, so "revenue a month earlier" from June on includes May's
revenue shown under June, and a running total keeps the rows before June in its windows.
OrderLens filtered the rows before shifting or accumulating them (the session-15 cross-check:
7,642.81 against MetricFlow's 8,920.38), so :func:`agg_time_where` rewrites such a reference
to ``metric_time`` under the same conditions (whether or not ``metric_time`` is grouped by).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from semantic_layer.model import SemanticModel, input_metric_names
from semantic_layer.resolve import ItemName, parse_item

#: a dimension named in a where template: ``TimeDimension('x__y'`` / ``Dimension("x__y"``
_NAMED = re.compile(r"""\b((?:Time)?Dimension)\(\s*(['"])([A-Za-z0-9_]+)\2""")


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


def _own_time_test(model: SemanticModel, metrics: list[str]) -> Callable[[ItemName], bool] | None:
    """A test of "this item is the agg-time dimension of every simple metric behind
    ``metrics``", or None when no metric reads periods (nothing is rewritten then)."""
    if not metrics or not any(_periodic(model, m) for m in metrics):
        return None
    leaves = [
        model.metrics[n].simple
        for n in dict.fromkeys(x for m in metrics for x in _leaves(model, m))
    ]
    specs = [s for s in leaves if s is not None]
    if not specs:
        return None

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

    return own_time


def agg_time_as_metric_time(
    model: SemanticModel, items: list[ItemName], metrics: list[str]
) -> list[ItemName]:
    """``items`` with the metrics' own agg-time dimension read as ``metric_time`` (see above)."""
    if any(i.kind == "metric_time" for i in items):
        return items
    own_time = _own_time_test(model, metrics)
    if own_time is None:
        return items
    hits = [k for k, i in enumerate(items) if own_time(i)]
    if len(hits) != 1:
        return items
    k = hits[0]
    out = list(items)
    out[k] = replace(items[k], kind="metric_time", entities=(), element="metric_time")
    return out


def agg_time_where(model: SemanticModel, where: list[str], metrics: list[str]) -> list[str]:
    """``where`` with each reference to the metrics' own agg-time dimension made a reference
    to ``metric_time`` (see above); every other filter is returned as it was."""
    own_time = _own_time_test(model, metrics)
    if own_time is None or not where:
        return where

    def swap(m: re.Match[str]) -> str:
        try:
            item = parse_item(model, m.group(3))
        except Exception:  # not a name this model knows: the resolver reports it later
            return m.group(0)
        if not own_time(item):
            return m.group(0)
        name = f"metric_time__{item.grain}" if item.grain else "metric_time"
        return f"{m.group(1)}({m.group(2)}{name}{m.group(2)}"

    return [_NAMED.sub(swap, w) for w in where]
