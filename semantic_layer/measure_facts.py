"""What a simple metric's measure is: the entity it counts and the words that state its unit.

Why the catalog needs this: "how many flights", "航班数", "how many different planes were used"
name an entity, not a metric; the question engine maps them onto the metric whose measure
*counts* that entity (``COUNT(flight_id)`` over the flights model, ``COUNT(DISTINCT tailnum)``
of its plane key), which only the measure's aggregation and expression say. Likewise a unit is
often written only on the measure ("Total distance flown, in miles.", ``cancellations_usd``),
not on the metric built from it.

>>> from semantic_layer import load_model
>>> model = load_model()
>>> counted_entity(model, model.metrics["buyers"]), counted_entity(model, model.metrics["gmv"])
('customer', '')
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from semantic_layer.model import MetricDef, SemanticModel

#: aggregations that count rows or keys
_COUNTING = frozenset({"count", "count_distinct"})
#: a measure expression that names an entity through dbt's Jinja: ``{{ Entity('customer') }}``
_ENTITY_JINJA = re.compile(r"^\{\{\s*Entity\(\s*['\"](\w+)['\"]\s*\)\s*\}\}$")


@dataclass(frozen=True)
class MeasureFacts:
    """The measure behind a simple metric, as far as questions need it."""

    name: str = ""
    description: str = ""
    unit: str = ""  # the measure's config.meta.unit, when declared


def _bare(expr: str) -> str:
    return expr.strip().strip('"`').lower()


def counted_entity(model: SemanticModel, metric: MetricDef) -> str:
    """The entity whose rows or distinct keys ``metric`` counts, or "" for any other metric.

    A count of the model's primary key (or of ``1`` / ``*``) counts the primary entity's rows;
    a count (distinct or not) of a foreign entity's key counts that entity's distinct things
    only when distinct. A metric with a filter counts a subset, so it is not "the" count.
    """
    spec = metric.simple
    if spec is None or spec.filters or spec.agg not in _COUNTING:
        return ""
    node = model.nodes.get(spec.node)
    if node is None:
        return ""
    expr = _bare(spec.expr)
    named = _ENTITY_JINJA.match(spec.expr.strip())
    for entity in node.entities.values():
        keys = {_bare(entity.expr or entity.name), entity.name.lower()}
        if not (expr in keys or (named and named.group(1) == entity.name)):
            continue
        if entity.type == "primary" or spec.agg == "count_distinct":
            return entity.name
        return ""
    if expr in {"1", "*"} and node.primary_entity:
        return node.primary_entity
    return ""


def measure_facts(model: SemanticModel, metric: MetricDef) -> MeasureFacts:
    """The name, description and declared unit of the measure a simple metric aggregates."""
    spec = metric.simple
    measure: Any = getattr(metric.pydantic.type_params, "measure", None)
    if spec is None or measure is None:
        return MeasureFacts()
    for sm in model.manifest.semantic_models:
        if sm.name != spec.node:
            continue
        for m in sm.measures:
            if m.name == measure.name:
                meta = dict(m.config.meta) if getattr(m, "config", None) else {}
                return MeasureFacts(
                    name=m.name,
                    description=(m.description or "").strip(),
                    unit=str(meta.get("unit") or ""),
                )
    return MeasureFacts(name=measure.name)
