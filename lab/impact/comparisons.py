"""Finding, with sqlglot, every place a SQL tree compares a column to literal values.

Why the tree and not text search: ``payment_status = 'unpaid'``, ``o.payment_status IN
('paid', 'refunded')``, ``CASE payment_status WHEN 'paid' THEN ...`` and ``NOT (x = 'a')`` are
all the same question to a parser ("which values does this rule handle?") and look nothing
alike to grep.

>>> import sqlglot
>>> tree = sqlglot.parse_one("select * from orders o where o.payment_status = 'unpaid' "
...                          "and channel not in ('pos', 'jd')")
>>> [(c.column, c.op, c.values) for c in find_comparisons(tree)]
[('payment_status', '=', ('unpaid',)), ('channel', 'not in', ('pos', 'jd'))]
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlglot import exp

POSITIVE_OPS = frozenset({"=", "in", "case"})


@dataclass(frozen=True)
class Comparison:
    """One comparison of a column to literals inside a SQL tree."""

    column: str
    table: str | None
    op: str  # '=', '!=', 'in', 'not in', 'case'
    values: tuple[str, ...]
    snippet: str

    @property
    def positive(self) -> bool:
        """True when the listed values are the ones the place acts on (=, IN, CASE WHEN)."""
        return self.op in POSITIVE_OPS


def _literal(node: exp.Expr) -> str | None:
    if isinstance(node, exp.Literal):
        return node.name
    if isinstance(node, exp.Boolean):
        return "true" if node.this else "false"
    if isinstance(node, exp.Cast | exp.Paren):
        return _literal(node.this)
    return None


def _column(node: exp.Expr) -> exp.Column | None:
    while isinstance(node, exp.Paren | exp.Cast | exp.Lower | exp.Upper | exp.Trim):
        node = node.this
    return node if isinstance(node, exp.Column) else None


def _negated(node: exp.Expr) -> bool:
    parent = node.parent
    while isinstance(parent, exp.Paren):
        parent = parent.parent
    return isinstance(parent, exp.Not)


def _table_aliases(tree: exp.Expr) -> dict[str, str]:
    aliases: dict[str, str] = {}
    for table in tree.find_all(exp.Table):
        aliases[table.alias_or_name] = table.name
        aliases[table.name] = table.name
    return aliases


def _make(col: exp.Column, op: str, values: list[str], node: exp.Expr, aliases) -> Comparison:
    table = aliases.get(col.table, col.table) if col.table else None
    return Comparison(col.name, table or None, op, tuple(values), node.sql(dialect="duckdb"))


def find_comparisons(tree: exp.Expr, column: str | None = None) -> list[Comparison]:
    """Every ``column = literal``, ``<>``, ``IN``, ``NOT IN`` and ``CASE column WHEN literal``.

    ``column`` restricts the result to one column name (case-insensitive).
    """
    aliases = _table_aliases(tree)
    found: list[Comparison] = []
    for node in tree.walk():
        if isinstance(node, exp.EQ | exp.NEQ):
            for side, other in ((node.this, node.expression), (node.expression, node.this)):
                col, value = _column(side), _literal(other)
                if col is not None and value is not None:
                    op = "=" if isinstance(node, exp.EQ) else "!="
                    if _negated(node):
                        op = "!=" if op == "=" else "="
                    found.append(_make(col, op, [value], node, aliases))
                    break
        elif isinstance(node, exp.In):
            col = _column(node.this)
            values = [_literal(v) for v in node.expressions]
            if col is not None and values and all(v is not None for v in values):
                op = "not in" if _negated(node) else "in"
                found.append(_make(col, op, values, node, aliases))  # type: ignore[arg-type]
        elif isinstance(node, exp.Case) and node.this is not None:
            col = _column(node.this)
            values = [_literal(i.this) for i in node.args.get("ifs") or []]
            if col is not None and values and all(v is not None for v in values):
                found.append(_make(col, "case", values, node, aliases))  # type: ignore[arg-type]
    if column is not None:
        found = [c for c in found if c.column.lower() == column.lower()]
    return found
