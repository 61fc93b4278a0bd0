"""Queries without metrics: the distinct combinations of dimension values, as MetricFlow answers them.

Why: listing questions ("each policy with its start and end date", "every claim with its
policy number") ask for rows, not aggregates. MetricFlow answers a query with only group-by
items by reading the semantic model that can provide all of them (joining many-to-one as for
metrics) and returning the distinct combinations; so does this module.

Which model is read: the first, in this order, from which every item (and every filter)
resolves: fewest joins needed, then the model named by the first item's entity, then name.
``metric_time`` needs a metric (it is each metric's own time axis) and is refused here.
"""

from __future__ import annotations

from sqlglot import exp

from semantic_layer.errors import QueryError
from semantic_layer.resolve import Resolver
from semantic_layer.rows import Builder


def _candidates(b: Builder) -> list[str]:
    first = b.items[0] if b.items else None
    owner = (first.entities[-1] if first.entities else first.element) if first else None
    return sorted(
        b.model.nodes,
        key=lambda n: (b.model.nodes[n].primary_entity != owner, n),
    )


def dimension_select(b: Builder) -> tuple[exp.Select, list[str]]:
    """SELECT DISTINCT of the group-by items from the first model that resolves all of them."""
    q = b.q
    if not b.items:
        raise QueryError("a semantic query needs at least one metric or one group_by item")
    if any(i.kind == "metric_time" for i in b.items) or q.time_range is not None:
        raise QueryError(
            "metric_time and time_range need a metric (each metric has its own time axis); "
            "group by a time dimension such as `order__created_at__month` instead"
        )
    if q.having:
        raise QueryError("`having` needs a metric")
    best: tuple[int, Resolver, list[exp.Expr], list[exp.Expr]] | None = None
    errors: list[str] = []
    for name in _candidates(b):
        r = Resolver(b.model, name)
        try:
            keys = [r.item(i) for i in b.items]
            conds = [b._filter(r, f) for f in q.filters] + [r.condition(w) for w in q.where]
        except QueryError as exc:
            errors.append(str(exc))
            continue
        joins = len(r.aliases) - 1
        if best is None or joins < best[0]:
            best = (joins, r, keys, conds)
        if joins == 0:
            break
    if best is None:
        raise QueryError(
            "no semantic model provides all of "
            + ", ".join(i.raw for i in b.items)
            + " through many-to-one joins"
            + (f" ({errors[0]})" if errors else "")
        )
    _, r, keys, conds = best
    cols = [i.raw for i in b.items]
    sel = exp.Select(
        expressions=[exp.alias_(e, c, copy=False) for c, e in zip(cols, keys, strict=True)]
    )
    sel = r.from_clause(sel.distinct(copy=False))
    if conds:
        sel = sel.where(exp.and_(*conds, copy=False), copy=False)
    order = [exp.Ordered(this=exp.column(o.name), desc=o.descending) for o in q.order_by]
    for o in q.order_by:
        if o.name not in cols:
            raise QueryError(f"order_by `{o.name}` is not a group_by item of the query")
    sel = sel.order_by(*(order or [exp.Ordered(this=exp.column(c)) for c in cols]), copy=False)
    if q.limit:
        sel = sel.limit(q.limit, copy=False)
    if q.offset:
        sel = sel.offset(q.offset, copy=False)
    return sel, cols
