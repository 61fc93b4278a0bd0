"""Row-level selects: the rows a group of metrics aggregates, before aggregation.

Why a row level at all: most metrics aggregate straight from the source table in one SELECT
(see compiler.py). Three kinds cannot, because they pick or combine *rows* first:

* ``non_additive_dimension`` (a balance, a stock level): only the rows on the last (or first)
  day per account and period count — a window over the filtered rows picks them, then the
  measure is aggregated (:func:`non_additive_select`);
* cumulative metrics over count_distinct / average / percentiles: each period aggregates the
  *rows* of its window, not the per-day values (cumulative.py);
* conversion metrics: base events are joined to conversion events row by row (conversion.py).

:func:`row_select` gives those rows: the query's group-by keys, one column per metric (its value
where the metric's filter holds, else NULL) and any extra columns, with the query's filters.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from sqlglot import exp

from semantic_layer.aggregation import aggregate_value
from semantic_layer.errors import CompileError
from semantic_layer.model import SemanticModel
from semantic_layer.query import SemanticQuery
from semantic_layer.resolve import ItemName, Resolver, _left_join, parse_item

NAD_TIME = "__nad_time"
NAD_PICK = "__nad_pick"
ROWS = "metric_rows"

Extra = Callable[[Resolver, dict[str, exp.Expr]], list[tuple[str, exp.Expr]]]


class Builder(Protocol):
    """What the row-level modules need from the compiler's query builder (no import of
    compiler.py: the compiler imports these modules)."""

    model: SemanticModel
    q: SemanticQuery
    reg: Any  # the CTE registry: .name(base) -> str, .ctes list
    time_item: ItemName | None
    items: list[ItemName]

    def _group_select(
        self, group: Any, time_grain: str | None = None
    ) -> tuple[exp.Select, list[str]]: ...

    def _resolver(self, group: Any) -> Resolver: ...

    def _key_exprs(
        self, r: Resolver, group: Any, time_grain: str | None = None
    ) -> list[tuple[str, exp.Expr]]: ...

    def _where(self, r: Resolver, group: Any) -> list[exp.Expr]: ...

    def _filter(self, r: Resolver, f: Any) -> exp.Expr: ...


def row_select(
    b: Builder,
    group: Any,
    time_grain: str | None = None,
    *,
    values: bool = True,
    conditions: tuple[str, ...] = (),
    extra: Extra | None = None,
) -> tuple[exp.Select, list[str]]:
    """The group's rows: keys, each leaf's value (NULL where its filter fails), ``extra``.

    ``conditions`` are filter templates every row must pass (besides the query's filters);
    with ``values=False`` no leaf column is selected (conversion base events). As in the
    aggregated path, when every leaf has a filter, rows that no filter keeps are dropped.
    """
    r = b._resolver(group)
    keys = b._key_exprs(r, group, time_grain)
    cols = [exp.alias_(e, k, copy=False) for k, e in keys]
    leaves = group.leaves if values else []
    for leaf in leaves:
        val = r.expression(leaf.spec.expr)
        if leaf.filters:
            cond = exp.and_(*(r.condition(f) for f in leaf.filters), copy=False)
            val = exp.Case(ifs=[exp.If(this=cond, true=val)])
        cols.append(exp.alias_(val, leaf.alias, copy=False))
    if extra is not None:
        cols += [exp.alias_(e, n, copy=False) for n, e in extra(r, dict(keys))]
    conds = b._where(r, group) + [r.condition(c) for c in conditions]
    if leaves and all(leaf.filters for leaf in leaves):
        conds.append(
            exp.or_(
                *(exp.and_(*(r.condition(f) for f in lf.filters), copy=False) for lf in leaves),
                copy=False,
            )
        )
    sel = r.from_clause(exp.Select(expressions=cols))
    for rel, on in getattr(r, "extra_joins", []):
        sel = _left_join(sel, rel, on)
    if conds:
        sel = sel.where(exp.and_(*conds, copy=False), copy=False)
    return sel, [k for k, _ in keys]


def aggregate_rows(
    rows: exp.Expr, keys: list[str], leaves: list[Any], table: str | None = None
) -> exp.Select:
    """``SELECT keys, AGG(leaf) ... FROM rows GROUP BY keys`` with each leaf's own aggregation."""
    cols: list[exp.Expr] = [exp.column(k, table=table) for k in keys]
    for leaf in leaves:
        value = aggregate_value(leaf.spec, exp.column(leaf.alias, table=table))
        cols.append(exp.alias_(value, leaf.alias, copy=False))
    sel = exp.Select(expressions=cols).from_(rows, copy=False)
    if keys:
        sel = sel.group_by(*[exp.column(k, table=table) for k in keys], copy=False)
    return sel


def non_additive_select(b: Builder, group: Any) -> exp.Select:
    """A group of metrics over a ``non_additive_dimension``, as MetricFlow computes them.

    After the query's and the metric's filters, only the rows whose non-additive dimension
    equals its ``max`` (``min``) per ``window_groupings`` entity — and per queried period of
    that dimension (``metric_time`` when it is the agg time dimension, or the dimension itself)
    — are aggregated: an account's last balance of each month, summed over accounts. Other
    group-by items do not partition the pick (as in MetricFlow): a group without rows on the
    picked day is absent.
    """
    nad = group.kind.non_additive
    node = b.model.nodes[group.node]
    dim = node.dimensions.get(nad.dimension)
    if dim is None or dim.type != "time":
        raise CompileError(
            f"non_additive_dimension `{nad.dimension}` is not a time dimension of semantic "
            f"model `{group.node}`; name one of its time dimensions"
        )

    def extra(r: Resolver, keys: dict[str, exp.Expr]) -> list[tuple[str, exp.Expr]]:
        t = r.truncate(r.expression(dim.expr), dim.granularity or "day")
        parts = [r.item(parse_item(b.model, e)) for e in nad.groupings]
        queried = next(
            (
                keys[i.raw]
                for i in b.items
                if (i.kind == "metric_time" and nad.dimension == group.agg_time)
                or (i.kind == "dimension" and i.element == nad.dimension)
            ),
            None,
        )
        if queried is not None:
            parts.append(queried.copy())
        fn = exp.Min if nad.window_choice == "min" else exp.Max
        pick = exp.Window(this=fn(this=t.copy()), partition_by=parts or None)
        return [(NAD_TIME, t), (NAD_PICK, pick)]

    rows, keys = row_select(b, group, conditions=group.kind.filters, extra=extra)
    picked = exp.EQ(
        this=exp.column(NAD_TIME, table=ROWS), expression=exp.column(NAD_PICK, table=ROWS)
    )
    sel = aggregate_rows(rows.subquery(ROWS, copy=False), keys, group.leaves, table=ROWS)
    return sel.where(picked, copy=False)
