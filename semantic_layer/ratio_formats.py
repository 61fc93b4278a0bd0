"""A metric's display format when its model does not declare one: a rate or an amount per thing.

Why apart from the catalog builder: the rule reads the metric's parts (what each side of a ratio
aggregates, a constant it is scaled by, whether its names call it money or a number of things),
and grew with each public project that showed a wrong format; the builder only asks for it.
"""

from __future__ import annotations

import re

import sqlglot
from sqlglot import exp

from semantic_layer.measure_facts import ROW_COUNT_AGGS
from semantic_layer.model import MetricDef, SemanticModel
from semantic_layer.money_names import is_count_named, is_money_named
from semantic_layer.value_formats import meta_format

#: a measure expression that counts rows: ``1`` or a 0/1 ``case`` ("case when x then 1 else 0
#: end"), summed
_ZERO_ONE = re.compile(
    r"^\s*(?:1|case\s+when\s.+\sthen\s+1(?:\s+else\s+0)?\s+end)\s*$", re.I | re.S
)


def counts_rows(agg: str, expr: str) -> bool:
    """Whether a measure of aggregation ``agg`` over ``expr`` counts rows (a count, or a sum of
    1 or of a 0/1 ``case``): "Order Count" summing ``case when eligible then 1 else 0 end``.

    >>> counts_rows("sum", "case when is_ok then 1 else 0 end"), counts_rows("sum", "amount")
    (True, False)
    """
    return agg in ROW_COUNT_AGGS or (agg == "sum" and bool(_ZERO_ONE.match(expr or "")))


def _counts_rows(model: SemanticModel, name: str) -> bool | None:
    """Whether simple metric ``name`` counts rows (True), aggregates an amount (False), or
    cannot be told (None: not a simple metric)."""
    m = model.metrics.get(name)
    spec = m.simple if m is not None else None
    if spec is None:
        return None
    return counts_rows(spec.agg, spec.expr or "")


def value_format(model: SemanticModel, m: MetricDef) -> str:
    """How a metric's values read: ``percent`` for rates, else ``number`` (or ``meta.format``).

    A ratio is a rate — except an amount over a count ("Net item revenue divided by completed
    orders"): that is an amount per thing (an average order value), and read as a percent a
    threshold "above 300" became "above 300 %" = 3. The count may be pre-summed (a sum of a
    ``new_customers`` column): money over a sum its names call a number of things (a spend over
    new customers, a cost per click) is an amount per thing too; 188.82 per customer showed as
    "18,882.0%" (``semantic_layer.money_names``). Money over money stays a percent (sales over
    their target).
    """
    fmt = meta_format(m.meta)
    if fmt:
        return fmt
    if m.type == "conversion":  # a rate unless the metric asks for the conversions count
        ctp = m.pydantic.type_params.conversion_type_params
        calc = str(getattr(ctp.calculation, "value", ctp.calculation)) if ctp else ""
        return "number" if calc.lower() == "conversions" else "percent"
    if m.type != "ratio":
        return "number"
    tp = m.pydantic.type_params
    num, den = (
        getattr(getattr(tp, side, None), "name", "") for side in ("numerator", "denominator")
    )
    num_rows, den_rows = _counts_rows(model, num), _counts_rows(model, den)
    if num_rows is False and den_rows:
        return "number"
    if _scaled(model, num) != _scaled(model, den):
        return "number"
    # money over a pre-summed number of things (new customers, clicks) is an amount per thing
    if (
        num_rows is False  # "Paid Sales" summing 0/1 counts rows: a share
        and is_money_named(model, num)
        and (den_rows or is_count_named(model, den))
    ):
        return "number"
    return "percent"


def _scaled(model: SemanticModel, name: str) -> float | None:
    """The constant a simple metric's measure multiplies its column by (``goals * 90``,
    ``passes_completed * 100``), else None.

    Why: a ratio over such a side is already on its own scale — goals per 90 minutes, a
    percentage in points — not a fraction; read as a percent, 0.23 goals per 90 showed as "23%"
    and 77.25 % pass accuracy as "7,725.2%" on a public football project.

    >>> from semantic_layer import load_model
    >>> _scaled(load_model(), "gmv") is None
    True
    """
    m = model.metrics.get(name)
    spec = m.simple if m is not None else None
    if spec is None or not spec.expr:
        return None
    try:
        tree = sqlglot.parse_one(spec.expr, dialect="duckdb")
    except sqlglot.errors.ParseError:
        return None
    if not isinstance(tree, exp.Mul):
        return None
    for side in (tree.this, tree.expression):
        if isinstance(side, exp.Literal) and not side.is_string:
            return float(side.this)
    return None
