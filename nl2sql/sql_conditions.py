"""The conditions of a compiled WHERE, taken apart and written as a user reads them.

Why a module: the checks that read a compiled query's conditions back (a contradiction with the
metric's own filter, ``nl2sql.empty_conditions``; an empty answer from rows the metric leaves
out, ``nl2sql.filtered_out``) both find the query's SELECTs, split an AND into its parts and name each part without the
query's table aliases.

>>> import sqlglot
>>> where = sqlglot.parse_one("SELECT 1 FROM o WHERE (o.a = 1) AND o.b <> 'x' AND o.c").args["where"]
>>> [unqualified(c) for c in conjuncts(where.this)]
['a = 1', "b <> 'x'", 'c']
>>> conjuncts(None)
[]
>>> len(selects("SELECT 1 FROM (SELECT 2) AS t")), selects("SELECT FROM WHERE (")
(2, [])
"""

from __future__ import annotations

import sqlglot
from sqlglot import exp


def selects(sql: str) -> list[exp.Select]:
    """Every SELECT of ``sql`` (DuckDB), outermost first; none when it does not parse (a check
    that cannot read the query leaves the answer as it is)."""
    try:
        return list(sqlglot.parse_one(sql, read="duckdb").find_all(exp.Select))
    except sqlglot.errors.ParseError:
        return []


def unqualified(node: exp.Expr) -> str:
    """The condition as a user reads it: column names without the query's table aliases."""
    bare = node.transform(lambda n: exp.column(n.name) if isinstance(n, exp.Column) else n)
    return bare.sql("duckdb")


def conjuncts(node: exp.Expr | None) -> list[exp.Expr]:
    """The parts of an AND (each without its parentheses); one part for anything else."""
    if node is None:
        return []
    node = node.unnest()
    return [c.unnest() for c in node.flatten()] if isinstance(node, exp.And) else [node]
