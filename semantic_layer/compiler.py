"""Compiling a :class:`SemanticQuery` to one fan-out-safe SQL statement (a sqlglot tree).

How (and why):

1. Every metric is broken down to *leaves*: simple metrics (an aggregation of one expression of
   one semantic model) with the filters they inherit (metric ``filter:``, ratio/derived input
   filters), an optional time offset (derived ``offset_window``) or a cumulative window
   (metric_tree.py, mixed into the builder here).
2. Leaves are grouped by (semantic model, time dimension, kind). Each group becomes ONE CTE that
   scans its table once, LEFT JOINs dimension tables many-to-one through entities (multi-hop),
   applies the query filters and aggregates every leaf with ``AGG(CASE WHEN filter THEN expr END)``
   grouped by the requested keys. Because joins only ever go many-to-one and aggregation happens
   at the source's own grain, no join can multiply a sum.
3. The per-model CTEs are combined on the group-by keys: through a key spine (UNION of keys, then
   LEFT JOINs with ``IS NOT DISTINCT FROM`` so NULL keys match) when there are several.
4. Ratio and derived metrics are computed from the aggregated columns (divisions guarded with
   NULLIF), cumulative metrics with window functions over per-period aggregates, thresholds
   (having), ordering and limit on top.

Identifiers and literals are always sqlglot nodes; the tree is rendered per dialect by sqlglot.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import sqlglot
from sqlglot import exp

from semantic_layer.agg_time_item import agg_time_as_metric_time, agg_time_where
from semantic_layer.aggregation import aggregate, exact_percentile
from semantic_layer.combine import combine_ctes, null_safe_eq, table
from semantic_layer.conversion import conversion_select
from semantic_layer.cumulative import cumulative_select, join_to_spine, period_filters, spine_keys
from semantic_layer.custom_offset import shifted_day, shifted_period
from semantic_layer.dimension_query import dimension_select
from semantic_layer.errors import CompileError, GrainTooFineError, QueryError
from semantic_layer.leaves import (
    CteNames,
    Leaf,
    LeafGroup,
    Leaves,
)
from semantic_layer.metric_tree import MetricTree
from semantic_layer.model import GRAINS, SemanticModel
from semantic_layer.month_end import (
    CALENDAR_UNITS,
    month_end_condition,
    month_end_table,
    plus_extra_days,
)
from semantic_layer.offset_grain import to_grain_driver
from semantic_layer.query import DimensionFilter, SemanticQuery
from semantic_layer.resolve import (
    BASE_ALIAS,
    COMPARISONS,
    ItemName,
    Resolver,
    _left_join,
    apply_grain,
    check_grain,
    dimension_filter,
    literal,
    parse_item,
)
from semantic_layer.rows import non_additive_select
from semantic_layer.spine_groups import can_spine_groups, spine_groups
from semantic_layer.templates import Ref

DIALECTS: tuple[str, ...] = ("duckdb", "postgres", "spark", "trino", "snowflake", "bigquery")


@dataclass
class CompiledQuery:
    """The compiled SQL, its sqlglot tree and the result's column names."""

    sql: str
    expression: exp.Expr
    columns: list[str]
    dialect: str = "duckdb"


class _Builder(MetricTree):
    def __init__(
        self, model: SemanticModel, query: SemanticQuery, registry: CteNames | None = None
    ):
        self.model = model
        where = agg_time_where(model, list(query.where), list(query.metrics))
        self.q = query if where == query.where else query.model_copy(update={"where": where})
        self.reg = registry or CteNames()
        self.leaves = Leaves(self.reg)
        self.groups = self.leaves.groups
        # a metric's own agg-time dimension is its metric_time (as MetricFlow reads it)
        parsed = agg_time_as_metric_time(
            model, [parse_item(model, g) for g in query.group_by], list(query.metrics)
        )
        self.items: list[ItemName] = [self._default_time_grain(i) for i in parsed]
        names = [g for g in query.group_by]
        if len(set(names)) != len(names):
            raise QueryError(f"group_by repeats an item: {names}")
        self.time_item = next((i for i in self.items if i.kind == "metric_time"), None)
        self.top = registry is None

    # ---- per-group CTEs -----------------------------------------------------------------------
    def _resolver(self, group: LeafGroup) -> Resolver:
        r = Resolver(self.model, group.node, group.agg_time)
        r.metric_hook = self._metric_filter
        r.extra_joins = []  # type: ignore[attr-defined]
        return r

    def _default_time_grain(self, item: ItemName) -> ItemName:
        """Bare ``metric_time`` at the queried metrics' default grain (SemanticModel)."""
        if item.kind != "metric_time" or item.grain is not None:
            return item
        grain = self.model.default_time_grain(self.q.metrics)
        return item if grain == "day" else replace(item, grain=grain)

    def _custom_shift(self, group: LeafGroup) -> str | None:
        """The custom granularity an offset group is shifted in, if it is one."""
        k = group.kind
        custom = k.name == "offset" and k.granularity in self.model.custom_grains
        return k.granularity if custom else None

    def _time_expr(self, r: Resolver, group: LeafGroup, shift_custom: bool = True) -> exp.Expr:
        dim = r.source.dimensions.get(group.agg_time or "")
        if dim is None:
            raise QueryError(
                f"semantic model `{group.node}` has no time dimension for metric_time / time_range"
            )
        t = r.expression(dim.expr)
        unit = self._custom_shift(group)
        if unit is not None:  # a lookup in the time spine, not an interval (custom_offset)
            return shifted_day(r, t, unit, group.kind.count) if shift_custom else t
        if group.kind.name == "offset" and not group.kind.to_grain:
            assert group.kind.granularity is not None  # offset windows always carry their unit
            for count, unit in (
                (group.kind.count, group.kind.granularity),
                *group.kind.more_shifts,
            ):
                t = exp.Add(
                    this=t,
                    expression=exp.Interval(
                        this=exp.Literal.string(str(count)), unit=exp.var(unit.upper())
                    ),
                )
            if self._month_end(group):  # the k-th later day a month's last day also stands for
                t = plus_extra_days(t)
        return t

    def _source_time(self, r: Resolver, group: LeafGroup) -> exp.Expr:
        """The group's own (unshifted) time expression."""
        return r.expression(r.source.dimensions[group.agg_time or ""].expr)

    def _month_end(self, group: LeafGroup) -> bool:
        """Whether a calendar offset is read day by day as MetricFlow reads it (month_end)."""
        k = group.kind
        return (
            k.name == "offset"
            and not k.to_grain
            and not k.more_shifts
            and k.non_additive is None
            and k.granularity in CALENDAR_UNITS
            and self.time_item is not None
            and (self.time_item.grain or "day") == "day"
        )

    def _key_exprs(
        self, r: Resolver, group: LeafGroup, time_grain: str | None = None
    ) -> list[tuple[str, exp.Expr]]:
        keys = []
        for item in self.items:
            if item.kind == "metric_time":
                grain = time_grain or item.grain or "day"
                dim = r.source.dimensions.get(group.agg_time or "")
                dim_grain = dim.granularity if dim is not None else None
                try:
                    check_grain(item.raw, grain, dim_grain)
                except GrainTooFineError as exc:
                    names = ", ".join(leaf.alias for leaf in group.leaves)
                    raise GrainTooFineError(f"metric(s) {names}: {exc}", exc.recorded) from exc
                if grain == self._custom_shift(group):  # period P reported as period P + n
                    t = self._time_expr(r, group, shift_custom=False)
                    keys.append((item.raw, shifted_period(r, t, grain, group.kind.count)))
                else:
                    keys.append((item.raw, r.truncate(self._time_expr(r, group), grain)))
            else:
                try:
                    keys.append((item.raw, r.item(item)))
                except QueryError as exc:
                    names = ", ".join(leaf.alias for leaf in group.leaves)
                    if isinstance(exc, GrainTooFineError):
                        raise GrainTooFineError(f"metric(s) {names}: {exc}", exc.recorded) from exc
                    raise QueryError(f"metric(s) {names}: {exc}") from exc
        return keys

    def _where(self, r: Resolver, group: LeafGroup) -> list[exp.Expr]:
        conds: list[exp.Expr] = [self._filter(r, f) for f in self.q.filters]
        k = group.kind
        if k.name == "offset" and not k.to_grain and self._custom_shift(group) is None:
            # metric_time in a where filter is the period a row is reported in (MetricFlow
            # filters its spine's periods, then joins them to the rows an offset earlier)
            r.metric_time_expr = self._time_expr(r, group)
        periods = period_filters(self) if k.name == "cumulative" else []
        for w in self.q.where:
            if w not in periods:  # a running total's metric_time filters select its periods
                conds.append(r.condition(w))
        r.metric_time_expr = None
        unit = self._custom_shift(group)
        if unit is not None and self.time_item is not None and self.time_item.grain != unit:
            # a day past the end of the (shorter) later period has no counterpart: dropped
            # (MetricFlow keeps it under a NULL period; see custom_offset)
            shifted = self._time_expr(r, group)
            conds.append(exp.Not(this=exp.Is(this=shifted, expression=exp.Null())))
        tr = self.q.time_range
        if tr is not None and group.kind.name != "cumulative" and (tr.start or tr.end):
            t = self._time_expr(r, group)
            if tr.start and group.kind.to_grain:
                # a period of the range reads its grain's first period, maybe before the range
                start = apply_grain(literal(tr.start), group.kind.to_grain)
                conds.append(exp.GTE(this=t.copy(), expression=start))
            elif tr.start:
                conds.append(exp.GTE(this=t.copy(), expression=literal(tr.start)))
            if tr.end:
                conds.append(exp.LT(this=t.copy(), expression=literal(tr.end)))
        return conds

    def _filter(self, r: Resolver, f: DimensionFilter) -> exp.Expr:
        return dimension_filter(r, f)

    def _agg(self, r: Resolver, leaf: Leaf) -> exp.Expr:
        """The leaf's aggregate; metric filters become ``FILTER (WHERE ...)`` (sqlglot rewrites
        it to IF/IFF for dialects without FILTER), and counting the primary key is COUNT(*)."""
        agg = aggregate(r, leaf.spec)
        if leaf.filters:
            cond = exp.and_(*(r.condition(f) for f in leaf.filters), copy=False)
            return exp.Filter(this=agg, expression=exp.Where(this=cond))
        return agg

    def _group_select(
        self, group: LeafGroup, time_grain: str | None = None
    ) -> tuple[exp.Select, list[str]]:
        r = self._resolver(group)
        keys = self._key_exprs(r, group, time_grain)
        aggs = [exp.alias_(self._agg(r, leaf), leaf.alias, copy=False) for leaf in group.leaves]
        conds = self._where(r, group)
        if group.leaves and all(leaf.filters for leaf in group.leaves):
            # rows no metric of this group counts are dropped before grouping, as MetricFlow
            # does: a group whose rows all fail the metric filters is absent, not a NULL row
            conds.append(
                exp.or_(
                    *(
                        exp.and_(*(r.condition(f) for f in leaf.filters), copy=False)
                        for leaf in group.leaves
                    ),
                    copy=False,
                )
            )
        sel = exp.Select(expressions=[exp.alias_(e, k, copy=False) for k, e in keys] + aggs)
        sel = r.from_clause(sel)
        if self._month_end(group):
            sel = sel.join(month_end_table(), join_type="cross", copy=False)
            unit = str(group.kind.granularity)
            conds.append(month_end_condition(self._source_time(r, group), group.kind.count, unit))
        for rel, on in r.extra_joins:  # type: ignore[attr-defined]
            sel = _left_join(sel, rel, on)
        if conds:
            sel = sel.where(exp.and_(*conds, copy=False), copy=False)
        if keys:
            sel = sel.group_by(*[e.copy() for _, e in keys], copy=False)
        return sel, [k for k, _ in keys]

    # ---- metric filters in where: {{ Metric('x', group_by=['sku']) }} -------------------------
    def _metric_filter(self, ref: Ref, r: Resolver) -> exp.Expr:
        if not ref.group_by:
            raise QueryError(
                f"{{{{ Metric('{ref.name}') }}}} needs group_by=[...] (the entity it is computed per)"
            )
        sub_q = SemanticQuery(
            metrics=[ref.name], group_by=list(ref.group_by), time_range=self.q.time_range
        )
        sub = _Builder(self.model, sub_q, self.reg)
        select, _cols = sub.build_select()
        name = self.reg.name(f"metric_filter_{ref.name}")
        self.reg.ctes.append((name, select))
        alias = self.reg.name(f"mf_{ref.name}")
        on = [
            null_safe_eq(exp.column(g, table=alias), r.item(parse_item(self.model, g)))
            for g in ref.group_by
        ]
        rel = table(name, alias)
        r.extra_joins.append((rel, exp.and_(*on, copy=False)))  # type: ignore[attr-defined]
        return exp.column(ref.name, table=alias)

    # ---- assembly -----------------------------------------------------------------------------
    def build_select(self) -> tuple[exp.Select, list[str]]:
        q = self.q
        if not q.metrics:
            return dimension_select(self)  # a listing: distinct group-by values, no metric
        for name in q.metrics:
            self.model.metric(name)
        needed = list(
            dict.fromkeys(
                [
                    *q.metrics,
                    *(h.metric for h in q.having),
                    *(
                        o.name
                        for o in q.order_by
                        if o.name in self.model.metrics and o.name not in q.group_by
                    ),
                ]
            )
        )
        metric_exprs = {name: self.metric_expr(name) for name in needed}
        for o in q.order_by:
            if o.name not in q.group_by and o.name not in self.model.metrics:
                raise QueryError(
                    f"order_by `{o.name}` is neither a group_by item nor a metric of the query"
                )

        groups = list(self.groups.values())
        for g in groups:
            if g.kind.name == "cumulative":
                sel = cumulative_select(self, g)
            elif g.kind.name == "conversion":
                sel = conversion_select(self, g)
            elif g.kind.non_additive is not None:
                sel = non_additive_select(self, g)
            else:
                sel, _ = self._group_select(g)
            self.reg.ctes.append((g.cte, sel))

        keys = [i.raw for i in self.items]
        primary = [g for g in groups if g.kind.name != "offset"] or groups
        spine_join = self.time_item is not None and any(
            leaf.spec.join_to_timespine for g in groups for leaf in g.leaves
        )
        sources = [g.cte for g in primary]
        driver = to_grain_driver(self, primary, keys)
        if driver is not None:  # offset_to_grain inputs alone: spine periods drive the rows
            sources, primary = [driver], []
        spine_keyed = spine_join and self.time_item is not None and keys == [self.time_item.raw]
        if spine_keyed:  # the periods are keys: inputs are filled before metrics are computed
            sources.append(spine_keys(self, sources))
            spine_join = False
        elif spine_join and driver is None and can_spine_groups(primary):
            spine_groups(self, primary, keys)  # each spine input joined to the periods first
            spine_join = False
        final, key = combine_ctes(self.reg, keys, sources, [g.cte for g in groups])
        if spine_keyed:  # rows without a time are in no period of the spine (as before)
            final = final.where(exp.Not(this=exp.Is(this=key(keys[0]), expression=exp.Null())))
        for g in [g for g in groups if g not in primary and keys]:  # no keys: cross-joined
            on = [
                null_safe_eq(self._offset_key(key(k), k, g), exp.column(k, table=g.cte))
                for k in keys
            ]
            final = _left_join(final, table(g.cte), exp.and_(*on, copy=False))
        key_cols = [exp.alias_(key(k), k, copy=False) for k in keys]
        cols = key_cols + [exp.alias_(e, n, copy=False) for n, e in metric_exprs.items()]
        final = final.select(*cols, copy=False)
        if spine_join:
            fills = {
                n: m.simple.fill_nulls_with
                for n in metric_exprs
                if (m := self.model.metric(n)).simple is not None
                and m.simple.fill_nulls_with is not None
            }
            final = join_to_spine(self, final, keys, fills)
        out_cols = [*keys, *q.metrics]
        wrap = bool(q.having) or len(metric_exprs) != len(q.metrics)
        if wrap:
            final = exp.Select(expressions=[exp.column(c) for c in out_cols]).from_(
                final.subquery("q", copy=False), copy=False
            )
            if q.having:
                final = final.where(
                    exp.and_(
                        *(
                            COMPARISONS[h.op](
                                this=exp.column(h.metric), expression=literal(h.value)
                            )
                            for h in q.having
                        ),
                        copy=False,
                    ),
                    copy=False,
                )
        order = [exp.Ordered(this=exp.column(o.name), desc=o.descending) for o in q.order_by]
        if not order and keys and self.top:
            order = [exp.Ordered(this=exp.column(k)) for k in keys]
        if order:
            final = final.order_by(*order, copy=False)
        if q.limit:
            final = final.limit(q.limit, copy=False)
        if q.offset:
            final = final.offset(q.offset, copy=False)
        return final, out_cols

    def _offset_key(self, key: exp.Expr, name: str, group: LeafGroup) -> exp.Expr:
        """The period an offset group is joined on: ``offset_to_grain`` reads the first period
        of the grain (a day's row joins its month's first day), other offsets the same key."""
        grain = group.kind.to_grain
        if grain is None or self.time_item is None or name != self.time_item.raw:
            return key
        query_grain = self.time_item.grain or "day"
        if query_grain not in GRAINS:
            raise CompileError(f"offset_to_grain needs a standard query grain, not `{query_grain}`")
        if GRAINS.index(grain) < GRAINS.index(query_grain):
            raise CompileError(
                f"offset_to_grain `{grain}` is finer than the query grain "
                f"`{self.time_item.grain or 'day'}`"
            )
        return apply_grain(key, grain)

    def build(self) -> tuple[exp.Select, list[str]]:
        final, cols = self.build_select()
        for name, cte in self.reg.ctes:
            final = final.with_(exp.to_identifier(name), as_=cte, copy=False)
        return final, cols


def compile_query(
    model: SemanticModel, query: SemanticQuery, dialect: str = "duckdb"
) -> CompiledQuery:
    """Compile a semantic query to SQL for ``dialect``.

    >>> from semantic_layer import load_model
    >>> c = compile_query(load_model(), SemanticQuery(metrics=["gmv"], group_by=["order__channel"]))
    >>> c.columns
    ['order__channel', 'gmv']
    >>> "GROUP BY" in c.sql
    True
    """
    if dialect not in DIALECTS:
        raise QueryError(f"unknown dialect `{dialect}`; use one of {', '.join(DIALECTS)}")
    select, cols = _Builder(model, query).build()
    tree = select.transform(exact_percentile) if dialect == "postgres" else select
    try:
        sql = tree.sql(dialect=dialect)
    except (sqlglot.errors.SqlglotError, AttributeError, TypeError, ValueError) as exc:
        # a model expr sqlglot parses but cannot write in this dialect: name it, don't crash
        raise CompileError(
            f"cannot write this query in {dialect} SQL ({type(exc).__name__}: {exc}); an "
            "`expr` of the metrics or dimensions asked for uses a function sqlglot cannot "
            "translate: rewrite it with standard SQL (CAST, DATE_TRUNC, CASE)"
        ) from exc
    return CompiledQuery(sql=sql, expression=tree, columns=cols, dialect=dialect)


_ = BASE_ALIAS
