"""Conditions no row can meet: a question's filter that contradicts a metric's own definition.

Why: a metric defined over a slice (``filter: order_status <> 'cancelled'``, "eligible orders")
asked with the opposite condition ("how many cancelled orders", when that is the only count the
model has) compiles to ``status <> 'cancelled' AND status = 'cancelled'`` and answers an empty
table or 0 — read by a user as "there are none", a wrong answer, where the true count is not 0.
The compiled SQL is checked before it runs: when one SELECT's WHERE holds literal conditions on
one column that leave no value (equal to one value and not equal to it; IN lists that do not
meet), the question is refused, saying which conditions clash. Only plain conjuncts are read
(an OR, as in an exclusion that keeps rows with no value, is never taken for a contradiction),
so a clash written another way is missed, never invented. sqlglot's ``simplify`` does not
decide these (``x <> 'a' AND x = 'a'`` stays as it is), hence this small check.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlglot import exp

from nl2sql.sql_conditions import selects, unqualified

_Value = tuple[bool, str]  # (is a string, literal text): 1 and '1' differ in SQL


@dataclass(frozen=True)
class Clash:
    """Two conditions of one SELECT on one column that no row can meet together."""

    column: str
    allowed: str  # the condition that keeps some values (SQL)
    excluded: str  # the condition that rules them out (SQL)


def _literals(nodes: list[exp.Expr]) -> set[_Value] | None:
    out: set[_Value] = set()
    for n in nodes:
        if not isinstance(n, exp.Literal):
            return None
        out.add((n.is_string, n.this))
    return out


def _condition(node: exp.Expr) -> tuple[str, set[_Value], bool] | None:
    """(column SQL, values, negated) of ``col = v``, ``col <> v``, ``col IN (…)`` or
    ``NOT col IN (…)`` with literal values, else None."""
    node = node.unnest()  # sqlglot's own: the expression inside any parentheses
    negated = isinstance(node, exp.Not)
    if negated:
        node = node.this.unnest()
    if isinstance(node, exp.EQ | exp.NEQ) and isinstance(node.this, exp.Column):
        values = _literals([node.expression])
        neg = negated != isinstance(node, exp.NEQ)
        return (node.this.sql("duckdb"), values, neg) if values else None
    if isinstance(node, exp.In) and isinstance(node.this, exp.Column) and node.expressions:
        values = _literals(list(node.expressions))
        return (node.this.sql("duckdb"), values, negated) if values else None
    return None


def contradiction(sql: str) -> Clash | None:
    """The first pair of conditions in one WHERE that leave no row, else None.

    >>> contradiction("SELECT count(*) FROM o WHERE o.status <> 'cancelled' AND o.status = 'cancelled'")
    Clash(column='o.status', allowed="status = 'cancelled'", excluded="status <> 'cancelled'")
    >>> contradiction("SELECT 1 FROM o WHERE o.status IN ('a', 'b') AND o.status = 'c'").column
    'o.status'
    >>> contradiction("SELECT 1 FROM o WHERE o.status IN ('a', 'b') AND o.status <> 'a'") is None
    True
    >>> contradiction("SELECT 1 FROM o WHERE (o.status <> 'a' OR o.status IS NULL) AND o.status = 'a'") is None
    True
    """
    for select in selects(sql):  # none when the SQL does not parse: nothing is read
        where = select.args.get("where")
        if where is None:
            continue
        kept: dict[str, tuple[set[_Value], str]] = {}
        ruled_out: dict[str, list[tuple[set[_Value], str]]] = {}
        for part in where.this.flatten() if isinstance(where.this, exp.And) else [where.this]:
            found = _condition(part)
            if found is None:
                continue
            column, values, negated = found
            text = unqualified(part)
            if negated:
                ruled_out.setdefault(column, []).append((values, text))
                continue
            before = kept.get(column)
            if before is not None and not (before[0] & values):
                return Clash(column, before[1], text)
            kept[column] = (values if before is None else before[0] & values, text)
        for column, (values, text) in kept.items():
            gone: set[_Value] = set()
            for out, out_text in ruled_out.get(column, []):
                gone |= out
                if not values - gone:
                    return Clash(column, text, out_text)
    return None
