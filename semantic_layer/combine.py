"""Combining the per-model CTEs of a query on its group-by keys.

Why not a FULL JOIN: the keys must match NULL to NULL (``IS NOT DISTINCT FROM``), and
PostgreSQL refuses a FULL JOIN whose condition is not an equality. The union of every CTE's
keys, with each CTE LEFT JOINed to it, has the same full-outer semantics on every dialect
(each CTE is grouped by the keys, so it has one row per key at most).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlglot import exp


def table(name: str, alias: str | None = None) -> exp.Table:
    """A table (CTE) reference, optionally aliased."""
    t = exp.Table(this=exp.to_identifier(name))
    if alias:
        t.set("alias", exp.TableAlias(this=exp.to_identifier(alias)))
    return t


def null_safe_eq(a: exp.Expr, b: exp.Expr) -> exp.Expr:
    """``a IS NOT DISTINCT FROM b``: group-by keys may be NULL and NULL keys must meet."""
    return exp.NullSafeEQ(this=a, expression=b)


def combine_ctes(
    registry: Any, keys: list[str], primary: list[str], ctes: list[str]
) -> tuple[exp.Select, Callable[[str], exp.Expr]]:
    """``SELECT ... FROM`` the ``primary`` CTEs joined on ``keys``, and each key's column.

    Without keys every CTE has one row and they are CROSS JOINed (``ctes``, offsets
    included); one primary CTE is read as it is; several go through ``query_keys``, the
    UNION of their keys (a CTE added to ``registry``).
    """
    if not keys or len(primary) == 1:
        final = exp.Select().from_(table(primary[0]), copy=False)
        if not keys:  # every other CTE, wherever the primary one stands among them
            for name in [c for c in ctes if c != primary[0]]:
                final.append("joins", exp.Join(this=table(name), kind="CROSS"))
        return final, lambda k: exp.column(k, table=primary[0])
    spine = registry.name("query_keys")
    selects = [exp.select(*(exp.column(k) for k in keys)).from_(table(name)) for name in primary]
    union: exp.Query = selects[0]
    for sel in selects[1:]:
        union = exp.union(union, sel, distinct=True)
    registry.ctes.append((spine, union))
    final = exp.Select().from_(table(spine), copy=False)
    for name in primary:
        on = [null_safe_eq(exp.column(k, table=spine), exp.column(k, table=name)) for k in keys]
        final.append("joins", exp.Join(this=table(name), on=exp.and_(*on, copy=False), side="LEFT"))
    return final, lambda k: exp.column(k, table=spine)
