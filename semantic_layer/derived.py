"""Derived metric expressions: the author's ``expr`` with each input metric's value put in.

Why a tree transform: ``expr: revenue - month_start`` is parsed by sqlglot once, each column
that names an input (or its alias) is replaced by the input's compiled value, and every
division is guarded (``x / NULLIF(y, 0)`` on a DOUBLE) so a zero denominator gives NULL
instead of an error — no text is ever glued into SQL.
"""

from __future__ import annotations

from sqlglot import exp

from semantic_layer.errors import CompileError

_DOUBLE = exp.DataType.build("DOUBLE")


def double(e: exp.Expr) -> exp.Expr:
    """``CAST(e AS DOUBLE)``: integer division would truncate a ratio."""
    return exp.Cast(this=e, to=_DOUBLE.copy())


def derived_value(name: str, tree: exp.Expr, values: dict[str, exp.Expr]) -> exp.Expr:
    """``tree`` (metric ``name``'s parsed expr) with its inputs' values (lower-case names)."""
    missing = [c.name for c in tree.find_all(exp.Column) if c.name.lower() not in values]
    if missing:
        raise CompileError(
            f"metric `{name}`: expr names {missing} which are not among its input metrics"
        )

    def guard(node: exp.Expr) -> exp.Expr:
        if isinstance(node, exp.Div):
            return exp.Div(
                this=double(node.this),
                expression=exp.Nullif(this=node.expression, expression=exp.Literal.number(0)),
            )
        return node

    def swap(node: exp.Expr) -> exp.Expr:
        if isinstance(node, exp.Column) and not node.table and node.name.lower() in values:
            return values[node.name.lower()].copy()
        return node

    return tree.transform(guard).transform(swap)
