"""A derived metric that is one input metric divided by another: its (numerator, denominator).

Why: the latest dbt spec writes a model's own averages as derived metrics ("Revenue Per Visit =
``total_visit_revenue / nullif(total_visits, 0)``") as often as ratio metrics. The question
engine reads "average revenue per visit", "平均每次访问收入" as the model's own ratio of an amount
to a count (``CatalogMetric.ratio_of``); with only ``type: ratio`` counted, the same average
written as a derived metric was refused ("I can't tell what '平均' averages here").

Only the plain shapes count — ``a / b`` and ``a / nullif(b, 0)`` over exactly the two inputs,
neither filtered, renamed nor offset — so a derived metric that scales, subtracts or shifts a
period (``a / b * 100``, ``(a - b) / b``, last year's ``b``) is never taken for the ratio.
"""

from __future__ import annotations

from typing import Any

import sqlglot
from sqlglot import exp


def _bare(node: exp.Expression) -> exp.Expression:
    """``node`` without the parentheses around it."""
    while isinstance(node, exp.Paren):
        node = node.this
    return node


def _zero(node: exp.Expression) -> bool:
    return isinstance(node, exp.Literal) and not node.is_string and float(node.this) == 0


def _name(node: exp.Expression) -> str | None:
    """The input metric a side names: a bare column, or ``nullif(column, 0)``."""
    node = _bare(node)
    if isinstance(node, exp.Nullif) and _zero(_bare(node.expression)):
        node = _bare(node.this)
    return node.name if isinstance(node, exp.Column) and not node.table else None


def derived_ratio(type_params: Any) -> tuple[str, ...]:
    """(numerator, denominator) of a derived metric's ``type_params`` when it is one plain
    input metric over another, else ().

    >>> from types import SimpleNamespace as N
    >>> ins = [N(name="revenue"), N(name="visits")]
    >>> derived_ratio(N(expr="revenue / nullif(visits, 0)", metrics=ins))
    ('revenue', 'visits')
    >>> derived_ratio(N(expr="revenue / visits * 100", metrics=ins))
    ()
    >>> derived_ratio(N(expr="(revenue - visits) / visits", metrics=ins))
    ()
    >>> derived_ratio(N(expr="revenue / visits", metrics=[N(name="revenue"), N(name="visits",
    ...     offset_window="1 year")]))
    ()
    """
    inputs = list(getattr(type_params, "metrics", None) or [])
    expr = getattr(type_params, "expr", None)
    if len(inputs) != 2 or not isinstance(expr, str):
        return ()
    for x in inputs:
        if any(
            getattr(x, k, None) for k in ("filter", "alias", "offset_window", "offset_to_grain")
        ):
            return ()
    try:
        parsed = sqlglot.parse_one(expr)
    except sqlglot.errors.SqlglotError:
        return ()
    tree = _bare(parsed) if isinstance(parsed, exp.Expression) else None
    if not isinstance(tree, exp.Div):
        return ()
    num, den = _name(tree.this), _name(tree.expression)
    if num is None or den is None or {num, den} != {str(x.name) for x in inputs}:
        return ()
    return (num, den)
