"""Values of two dimensions that pick exactly the same rows ("Mortgage" / "mortgage").

Why: models often carry a raw column and one derived from it in the same table
(``product_normalized`` = "Debt collection" and ``product_category`` = "debt_collection",
a status and its group). A word naming a value of both was refused as ambiguous ("'mortgage'
could be product normalized Mortgage or product category mortgage"), although either filter
selects the same rows and gives the same answer. Whether two values are such twins is a fact
of the data, not of the words: one query per pair counts the rows of each value and of both;
the pair is twins only when the three counts are equal (and not zero). Only values whose
written forms coincide once case and separators are ignored are compared, so the check costs a
query per such pair and never guesses that two differently named values mean the same thing.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from typing import Any

from sqlglot import exp

from semantic_layer.model import SemanticModel
from semantic_layer.resolve import Resolver

#: most pairs compared per table (:func:`candidate_pairs` is given one table's dimensions; a
#: model with many tables compares up to this many in each): each costs one query at build
MAX_PAIRS = 200
_SEPARATORS = re.compile(r"[^0-9a-z\u3400-\u9fff]+")

Twin = tuple[tuple[str, str], tuple[str, str]]


def written_key(value: str) -> str:
    """A value as written, without case and separators ("Debt collection" = "debt_collection").

    >>> written_key("Debt collection") == written_key("debt_collection") == "debt collection"
    True
    """
    return " ".join(_SEPARATORS.sub(" ", value.lower()).split())


def candidate_pairs(
    dims: list[tuple[str, str, tuple[str, ...]]],
) -> list[tuple[tuple[str, str, str], tuple[str, str, str]]]:
    """Pairs of (dimension, expr, value) of *different* dimensions whose values are written
    alike; ``dims`` lists (qualified name, column expression, values) of one table.

    >>> candidate_pairs([("c__product", "product", ("Mortgage", "Student loan")),
    ...                  ("c__product_category", "cat", ("mortgage", "card"))])
    [(('c__product', 'product', 'Mortgage'), ('c__product_category', 'cat', 'mortgage'))]
    """
    by_key: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    for name, expr, values in dims:
        for v in values:
            key = written_key(v)
            if key:
                by_key[key].append((name, expr, v))
    out = []
    for entries in by_key.values():
        for i, a in enumerate(entries):
            out += [(a, b) for b in entries[i + 1 :] if b[0] != a[0]]
    return out[:MAX_PAIRS]


def _same_rows(
    model: SemanticModel,
    read: Callable[[str, str], list[tuple[Any, ...]] | None],
    node: str,
    a: tuple[str, str, str],
    b: tuple[str, str, str],
) -> bool:
    r = Resolver(model, node)
    ea = exp.EQ(this=r.expression(a[1]), expression=exp.convert(a[2]))
    eb = exp.EQ(this=r.expression(b[1]), expression=exp.convert(b[2]))

    def count(cond: exp.Expr) -> exp.Expr:
        return exp.Sum(
            this=exp.If(this=cond, true=exp.Literal.number(1), false=exp.Literal.number(0))
        )

    sel = exp.Select(expressions=[count(ea), count(eb), count(exp.and_(ea.copy(), eb.copy()))])
    sel = r.from_clause(sel)
    try:
        rows = read(sel.sql(dialect="duckdb"), "")  # a twin not checked in time: none
    except Exception:  # a table the warehouse lacks: no twins
        return False
    if not rows:  # None: not read in time, so no twins
        return False
    row = rows[0]
    return bool(row) and row[0] is not None and row[0] > 0 and row[0] == row[1] == row[2]


def value_twins(
    model: SemanticModel,
    read: Callable[[str, str], list[tuple[Any, ...]] | None],
    node: str,
    dims: list[tuple[str, str, tuple[str, ...]]],
) -> list[Twin]:
    """The pairs ((dimension, value), (dimension, value)) of table ``node`` that select the
    same rows; ``dims`` as in :func:`candidate_pairs`. ``read(sql, dimension)`` runs a query
    (``semantic_layer.catalog_builder.ValueReader``: None when it ran out of time)."""
    return [
        ((a[0], a[2]), (b[0], b[2]))
        for a, b in candidate_pairs(dims)
        if _same_rows(model, read, node, a, b)
    ]
