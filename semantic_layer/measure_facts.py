"""What a simple metric's measure is: the entity it counts and the words that state its unit.

Why the catalog needs this: "how many rides", "骑行次数", "how many different bikes were used"
name an entity, not a metric; the question engine maps them onto the metric whose measure
*counts* that entity (``COUNT(ride_id)`` over the rides model, ``COUNT(DISTINCT frame_no)``
of its bike key), which only the measure's aggregation and expression say. Likewise a unit is
often written only on the measure ("Total length ridden, in miles.", ``late_fees_usd``),
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

from sqlglot import exp

from semantic_layer.errors import QueryError
from semantic_layer.model import MetricDef, SemanticModel
from semantic_layer.templates import parse_template, placeholder_index

#: aggregations that count rows or keys
_COUNTING = frozenset({"count", "count_distinct"})
#: aggregations whose value is a number of rows: counts, and a sum of a yes/no column
ROW_COUNT_AGGS = _COUNTING | {"sum_boolean"}
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


#: words a row count's name may add to the entity it counts
#: words of a count's name that say how, not what, it counts ("measure": MetricFlow's name for
#: the aggregation, as in ``users_measure``)
_COUNT_WORDS = frozenset({"number", "num", "count", "total", "of", "n", "measure"})


def _singular(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


def is_sum_of_one(agg: str, expr: str) -> bool:
    """dbt's usual way to write a row count: ``agg: sum, expr: 1``.

    >>> is_sum_of_one("sum", " 1 "), is_sum_of_one("sum", "amount"), is_sum_of_one("count", "1")
    (True, False, False)
    """
    return agg == "sum" and _bare(expr) == "1"


def counts_rows(agg: str, expr: str) -> bool:
    """Whether a measure counts rows: a count, a sum of a yes/no column, or a sum of ``1``.

    >>> counts_rows("sum_boolean", "is_lux"), counts_rows("sum", "1"), counts_rows("sum", "x")
    (True, True, False)
    """
    return agg in ROW_COUNT_AGGS or is_sum_of_one(agg, expr)


def names_only(metric: str, entity: str) -> bool:
    """Whether ``metric``'s name is ``entity`` plus counting words ("number_of_policies").

    >>> names_only("number_of_policies", "policy"), names_only("new_customers", "customer")
    (True, False)
    """
    words = [_singular(w) for w in metric.lower().split("_") if w and w not in _COUNT_WORDS]
    return bool(entity) and words == [_singular(w) for w in entity.lower().split("_") if w]


def counted_entity(model: SemanticModel, metric: MetricDef) -> str:
    """The entity whose rows or distinct keys ``metric`` counts, or "" for any other metric.

    A count of the model's primary key (or of ``1`` / ``*``, or a sum of ``1``) counts the
    primary entity's rows;
    a count (distinct or not) of a foreign entity's key counts that entity's distinct things
    only when distinct. A metric with a filter counts a subset, so it is not "the" count.
    """
    spec = metric.simple
    if spec is None or spec.filters:
        return ""
    node = model.nodes.get(spec.node)
    if node is None:
        return ""
    expr = _bare(spec.expr)
    if is_sum_of_one(spec.agg, spec.expr):
        # dbt's other way to count rows (`agg: sum, expr: 1`): "the" count of the entity only
        # when the metric's name is just the entity counted ("number_of_policies"); a name
        # with a qualifier ("new_customers") says it counts a kind, whatever its expression
        primary = node.primary_entity or ""
        return primary if names_only(metric.name, primary) else ""
    if spec.agg not in _COUNTING:
        return ""
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


def presence_flag(metric: MetricDef) -> str:
    """The dimension a simple metric's only filter requires to be set, or "".

    dbt projects mark "this amount is a loss payment" by joining a model whose dimension is the
    constant ``expr: "1"`` and filtering ``{{ Dimension('claim_amount__has_loss_payment') }} = 1``;
    the metric *is* the measure restricted to the rows that have it, so a question naming the
    flag's words ("loss payments") names that metric. Any other filter (a comparison with
    another value, two conditions) is not such a restriction and gives "".

    >>> from semantic_layer.model import SimpleSpec
    >>> class M:  # the two fields read here
    ...     simple = SimpleSpec("t", "sum", "x", None, ("{{ Dimension('t__has_refund') }} = 1",))
    >>> presence_flag(M())
    't__has_refund'
    """
    spec = metric.simple
    if spec is None or len(spec.filters) != 1:
        return ""
    try:
        parsed = parse_template(spec.filters[0].strip())
    except QueryError:
        return ""
    tree = parsed.expression
    if not isinstance(tree, exp.EQ):
        return ""
    sides = [tree.this, tree.expression]
    refs = [placeholder_index(s) for s in sides]
    for ref, other in ((refs[0], sides[1]), (refs[1], sides[0])):
        if ref is None or parsed.refs[ref].kind != "dimension":
            continue
        if isinstance(other, exp.Boolean) and other.this is True:
            return parsed.refs[ref].name
        if isinstance(other, exp.Literal) and other.is_number and other.this == "1":
            return parsed.refs[ref].name
    return ""


def filter_value(metric: MetricDef) -> tuple[str, ...]:
    """(dimension, value) when a simple metric's only filter is one dimension equal to one
    text value, else ().

    Why: such a metric is the measure restricted to one value ("cancelled orders":
    ``order_status = 'cancelled'``), so "GMV without cancelled orders" excludes that value
    from another metric of the same rows instead of being refused.

    >>> from semantic_layer.model import SimpleSpec
    >>> class M:  # the one field read here
    ...     simple = SimpleSpec("t", "count", "x", None, ("{{ Dimension('t__state') }} = 'shut'",))
    >>> filter_value(M())
    ('t__state', 'shut')
    """
    spec = metric.simple
    if spec is None or len(spec.filters) != 1:
        return ()
    try:
        parsed = parse_template(spec.filters[0].strip())
    except QueryError:
        return ()
    tree = parsed.expression
    if not isinstance(tree, exp.EQ):
        return ()
    sides = [tree.this, tree.expression]
    refs = [placeholder_index(s) for s in sides]
    for ref, other in ((refs[0], sides[1]), (refs[1], sides[0])):
        if ref is None or parsed.refs[ref].kind != "dimension":
            continue
        if isinstance(other, exp.Literal) and other.is_string:
            return (parsed.refs[ref].name, str(other.this))
    return ()


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
