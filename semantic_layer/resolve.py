"""Resolving names (``order__channel``, ``metric_time__month``, ``sku``) to SQL from one source.

Why per source: the same name means a different column and a different join depending on which
semantic model a measure is aggregated from (``order__channel`` is local in ``orders`` but one
join away from ``returns``). A :class:`Resolver` is bound to one source semantic model, resolves
names through many-to-one entity joins only (so the source's rows are never multiplied), and
records the joins it needed so the compiler can emit them.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass

from sqlglot import exp

from semantic_layer.errors import GrainTooFineError, QueryError, UnknownDimensionError
from semantic_layer.model import GRAINS, JOINABLE_TYPES, JoinHop, Node, SemanticModel
from semantic_layer.query import DimensionFilter
from semantic_layer.templates import Ref, parse_template, substitute

Path = tuple[JoinHop, ...]
BASE_ALIAS = "src"
_DATE = exp.DataType.build("DATE")
_IDENT = re.compile(r"^[a-z_][a-z0-9_]*$")


@dataclass(frozen=True)
class ItemName:
    """A parsed group-by / filter name: ``entities__element__grain``."""

    raw: str
    kind: str  # metric_time | dimension | entity
    entities: tuple[str, ...]
    element: str
    grain: str | None = None


def parse_item(model: SemanticModel, raw: str) -> ItemName:
    """Split a dbt-style qualified name into its parts.

    >>> from semantic_layer import load_model
    >>> parse_item(load_model(), "order__created_at__month")
    ItemName(raw='order__created_at__month', kind='dimension', entities=('order',), element='created_at', grain='month')
    """
    parts = raw.strip().lower().split("__")
    grain = None
    if len(parts) >= 2 and (parts[-1] in GRAINS or parts[-1] in model.custom_grains):
        grain, parts = parts[-1], parts[:-1]
    if parts == ["metric_time"]:
        return ItemName(raw, "metric_time", (), "metric_time", grain)
    all_dims, all_entities = model.element_names()
    if len(parts) == 1:
        if parts[0] in all_entities and grain is None:
            return ItemName(raw, "entity", (), parts[0])
        if parts[0] in all_dims:
            return ItemName(raw, "dimension", (), parts[0], grain)
        raise UnknownDimensionError(_unknown(model, raw))
    *ents, element = parts
    if element in all_dims:
        return ItemName(raw, "dimension", tuple(ents), element, grain)
    if element in all_entities and grain is None:
        return ItemName(raw, "entity", tuple(ents), element)
    raise UnknownDimensionError(_unknown(model, raw))


def _unknown(model: SemanticModel, raw: str) -> str:
    names = sorted({q for n in model.nodes for q, _, _ in model.qualified_dimensions(n)})
    close = difflib.get_close_matches(raw, names, n=3)
    hint = f"; did you mean {', '.join(close)}?" if close else ""
    return f"unknown dimension `{raw}`{hint} (`orderlens dimensions` lists them all)"


def literal(v: object) -> exp.Expr:
    """A Python value as a SQL literal node (dates as DATE casts)."""
    if isinstance(v, bool):
        return exp.Boolean(this=v)
    if isinstance(v, int | float):
        return exp.Literal.number(v)
    if isinstance(v, dt.date):
        return exp.cast(exp.Literal.string(v.isoformat()), "DATE")
    return exp.Literal.string(str(v))


def _is_subsequence(needle: tuple[str, ...], hay: list[str]) -> bool:
    it = iter(hay)
    return all(any(x == h for h in it) for x in needle)


def _left_join(select: exp.Select, rel: exp.Expr, on: exp.Expr) -> exp.Select:
    """Append ``LEFT JOIN rel ON on`` without sqlglot's string parsing of the join type."""
    select.append("joins", exp.Join(this=rel, on=on, side="LEFT"))
    return select


def apply_grain(expr: exp.Expr, grain: str | None, date_part: str | None = None) -> exp.Expr:
    """Truncate a time expression to a grain as a DATE (or extract a date part)."""
    if date_part:
        return exp.Extract(this=exp.var(date_part.upper()), expression=expr)
    if grain is None or grain == "day":
        return exp.Cast(this=expr, to=_DATE.copy())
    trunc = exp.TimestampTrunc(this=expr, unit=exp.var(grain.upper()))
    return exp.Cast(this=trunc, to=_DATE.copy())


def check_grain(name: str, grain: str | None, dim_grain: str | None) -> None:
    """Refuse a grain finer than the time dimension's own (``time_granularity: year``).

    Why: a yearly column (a season's start, a fiscal year) truncated to months puts every row in
    the year's first month: "goals by month" would read as all goals scored in October.
    MetricFlow refuses the same query.

    >>> check_grain("metric_time__year", "year", "year")
    >>> check_grain("metric_time__month", "month", "year")
    Traceback (most recent call last):
    ...
    semantic_layer.errors.GrainTooFineError: `metric_time__month` is finer than its time dimension, which is recorded by year: group by year or coarser
    """
    if grain in GRAINS and dim_grain in GRAINS and GRAINS.index(grain) < GRAINS.index(dim_grain):
        raise GrainTooFineError(
            f"`{name}` is finer than its time dimension, which is recorded by {dim_grain}: "
            f"group by {dim_grain} or coarser",
            dim_grain,
        )


class Resolver:
    """Resolves names and templates to SQL for one source semantic model, collecting joins."""

    def __init__(self, model: SemanticModel, source: str, agg_time: str | None = None):
        self.model = model
        self.source = model.nodes[source]
        self.agg_time = agg_time or self.source.default_agg_time
        self.aliases: dict[Path, str] = {(): BASE_ALIAS}
        self.metric_hook: Callable[[Ref, Resolver], exp.Expr] | None = None
        self.spine_joins: dict[str, tuple[exp.Expr, exp.Expr]] = {}
        #: ``metric_time`` in a filter, when it is not the source's own time (an offset
        #: input's rows filtered on the period they are reported in, as MetricFlow does)
        self.metric_time_expr: exp.Expr | None = None

    # ---- joins ---------------------------------------------------------------------------------
    def alias(self, path: Path) -> str:
        """The table alias for a join path, registering the joins it needs."""
        if path in self.aliases:
            return self.aliases[path]
        self.alias(path[:-1])
        name = path[-1].node
        taken = set(self.aliases.values())
        alias = name if name not in taken and name != BASE_ALIAS else f"{name}_{len(self.aliases)}"
        self.aliases[path] = alias
        return alias

    def joins(self) -> list[tuple[exp.Expr, exp.Expr]]:
        """(relation, ON condition) for every registered join, parents before children."""
        out: list[tuple[exp.Expr, exp.Expr]] = []
        for path, alias in sorted(self.aliases.items(), key=lambda kv: len(kv[0])):
            if not path:
                continue
            hop = path[-1]
            parent_node = self._node_at(path[:-1])
            child = self.model.nodes[hop.node]
            left = self._entity_expr(parent_node, hop.entity, path[:-1])
            right = self._entity_expr(child, hop.entity, path)
            on: list[exp.Expr] = [exp.EQ(this=left, expression=right)]
            # as MetricFlow: two models with a same-named partition dimension (`is_partition`,
            # e.g. the day of a daily snapshot) are joined on it too, not across partitions
            for name, dim in parent_node.dimensions.items():
                other = child.dimensions.get(name)
                if dim.is_partition and other is not None and other.is_partition:
                    on.append(
                        exp.EQ(
                            this=self.expression(dim.expr, parent_node, path[:-1]),
                            expression=self.expression(other.expr, child, path),
                        )
                    )
            on += self._validity_window(child, path)
            out.append((child.relation(alias), exp.and_(*on, copy=False)))
        return out

    def _validity_window(self, child: Node, path: Path) -> list[exp.Expr]:
        """A slowly changing dimension (``validity_params``) is read at the row's time.

        Such a model holds several versions of an entity, each valid from its start to its end
        (open when NULL); joined on the entity alone, every version would match and multiply
        the measure. As MetricFlow: the version valid on the fact's agg-time day.
        """
        bounds = {d.validity: d for d in child.dimensions.values() if d.validity}
        if not bounds:
            return []
        dim = self.source.dimensions.get(self.agg_time or "")
        if dim is None or "start" not in bounds:
            raise QueryError(
                f"`{child.name}` keeps versions (validity_params): it is read at a metric's "
                "time, so query it with a metric that has an agg_time_dimension"
            )
        day = apply_grain(self.expression(dim.expr), "day")
        start = apply_grain(self.expression(bounds["start"].expr, child, path), "day")
        conds: list[exp.Expr] = [exp.GTE(this=day, expression=start)]
        if "end" in bounds:
            end = apply_grain(self.expression(bounds["end"].expr, child, path), "day")
            open_end = exp.Is(this=end.copy(), expression=exp.Null())
            conds.append(exp.or_(exp.LT(this=day.copy(), expression=end), open_end))
        return conds

    def from_clause(self, select: exp.Select) -> exp.Select:
        """Attach FROM source and LEFT JOINs to ``select``."""
        select = select.from_(self.source.relation(BASE_ALIAS), copy=False)
        for rel, on in [*self.joins(), *self.spine_joins.values()]:
            select = _left_join(select, rel, on)
        return select

    def truncate(self, expr: exp.Expr, grain: str | None, date_part: str | None = None) -> exp.Expr:
        """A time expression at ``grain``: a standard grain truncates; a custom granularity of
        the project's time spine (``fiscal_quarter``) is the spine's column for that day, read
        through a LEFT JOIN of the spine on its day column."""
        custom = self.model.custom_grains
        if grain not in custom or date_part:
            return apply_grain(expr, grain, date_part)
        spine = self.model.time_spine
        assert spine is not None
        day = apply_grain(expr, "day")
        key = day.sql()
        if key not in self.spine_joins:
            alias = f"time_spine_{len(self.spine_joins) + 1}"
            rel = exp.to_table(spine["relation"])
            rel.set("alias", exp.TableAlias(this=exp.to_identifier(alias)))
            on = exp.EQ(this=exp.column(spine["column"], table=alias), expression=day)
            self.spine_joins[key] = (rel, on)
        alias = self.spine_joins[key][0].alias
        return exp.column(custom[grain], table=alias)

    def _node_at(self, path: Path) -> Node:
        return self.model.nodes[path[-1].node] if path else self.source

    def _entity_expr(self, node: Node, entity: str, path: Path) -> exp.Expr:
        return self.expression(node.entities[entity].expr, node, path)

    # ---- expressions ---------------------------------------------------------------------------
    def expression(self, text: str, node: Node | None = None, path: Path = ()) -> exp.Expr:
        """A model expression (may hold templates) of ``node`` reached by ``path``."""
        node = node or self.source
        if _IDENT.match(text):  # fast path: most expressions are a bare column name
            return exp.column(text, table=self.alias(path))
        t = parse_template(text, allow_columns=True)
        values = {i: self._ref(r, node, path) for i, r in enumerate(t.refs)}
        return substitute(t.expression, values, qualify_table=self.alias(path))

    def condition(self, text: str) -> exp.Expr:
        """A user / metric filter template resolved from the source (no bare columns)."""
        t = parse_template(text)
        values = {i: self._ref(r, self.source, ()) for i, r in enumerate(t.refs)}
        return substitute(t.expression, values)

    def _ref(self, ref: Ref, node: Node, path: Path) -> exp.Expr:
        if ref.kind == "metric":
            if self.metric_hook is None or path:
                raise QueryError(
                    f"{{{{ Metric('{ref.name}') }}}} is only allowed in a query's where filters"
                )
            return self.metric_hook(ref, self)
        item = parse_item(self.model, ref.name)
        if ref.kind == "entity" and item.kind != "entity":
            raise UnknownDimensionError(f"`{ref.name}` is not an entity")
        grain = ref.grain or item.grain
        if ref.kind == "time_dimension" and grain is None and not ref.date_part:
            grain = "day"
        return self.item(item, node, path, grain=grain, date_part=ref.date_part)

    # ---- names ---------------------------------------------------------------------------------
    def item(
        self,
        item: ItemName,
        node: Node | None = None,
        path: Path = (),
        grain: str | None = None,
        date_part: str | None = None,
    ) -> exp.Expr:
        """SQL for a parsed name, resolved from ``node`` at ``path`` (default: the source)."""
        node = node or self.source
        grain = grain or item.grain
        if item.kind == "metric_time":
            if not self.agg_time or self.agg_time not in self.source.dimensions:
                raise UnknownDimensionError(
                    f"semantic model `{self.source.name}` has no agg_time_dimension for metric_time"
                )
            dim = self.source.dimensions[self.agg_time]
            t = self.metric_time_expr if self.metric_time_expr is not None else None
            t = t.copy() if t is not None else self.expression(dim.expr)
            return self.truncate(t, grain or "day", date_part)
        if item.kind == "entity":
            target, tpath = self._find(node, path, item, want_entity=True)
            return self._entity_expr(target, item.element, tpath)
        target, tpath = self._find(node, path, item, want_entity=False)
        dim = target.dimensions[item.element]
        expr = self._joined_value(self.expression(dim.expr, target, tpath), target, tpath)
        if dim.type == "time":
            check_grain(item.raw, item.grain, dim.granularity)
            return self.truncate(expr, grain or dim.granularity or "day", date_part)
        if grain:
            raise UnknownDimensionError(
                f"`{item.raw}`: `{item.element}` is categorical and has no time grain"
            )
        return expr

    def _joined_value(self, expr: exp.Expr, target: Node, path: Path) -> exp.Expr:
        """A joined model's dimension is NULL where the LEFT JOIN found no row.

        Why: a plain column is NULL there by itself, but an expression is not — ``expr: "1"``
        (dbt's usual "has a premium" flag) would be 1 on every row and a filter on it
        (``= 1``) would silently keep rows without a match. MetricFlow computes dimensions in
        the joined model's own subquery, so they are NULL without a match; guarding with the
        joined side's key (non-NULL exactly when the join matched) gives the same values.
        """
        if not path or isinstance(expr, exp.Column):
            return expr
        key = self._entity_expr(target, path[-1].entity, path)
        matched = exp.Not(this=exp.Is(this=key, expression=exp.Null()))
        return exp.Case(ifs=[exp.If(this=matched, true=expr)])

    def _find(
        self, node: Node, path: Path, item: ItemName, *, want_entity: bool
    ) -> tuple[Node, Path]:
        """The node owning the item, many-to-one from ``node``, and its full join path.

        The rule (documented in docs/semantic_layer.md): the entities named before the
        element (``customer__nation__name``) must appear, in order, along the path; the last
        of them is the entity the path *enters* the owning model through (its role:
        ``pickup__station_name`` joins on the pickup key, ``dropoff__station_name`` on the
        dropoff key) — a path entering through another entity of the owner is only a fallback when
        the owner is the model's primary entity (the catalog's plain ``customer__state``)
        and no path enters through it; a role entity (``guest_member``) never falls back
        to another role's join. Among the remaining paths the shortest wins, then the
        alphabetical order of its entity names.
        """
        candidates = []
        for rel in self.model.all_join_paths(node.name):
            target = self.model.nodes[rel[-1].node] if rel else node
            chain = [
                *([node.primary_entity] if node.primary_entity else []),
                *(h.entity for h in rel),
            ]
            fallback = False
            if want_entity:
                if item.element not in target.entities:
                    continue
                if item.entities and not _is_subsequence(item.entities, [*chain, item.element]):
                    continue
            else:
                if item.element not in target.dimensions:
                    continue
                owner = item.entities[-1] if item.entities else None
                if owner is not None:
                    ok_owner = target.primary_entity == owner or (
                        owner in target.entities and target.entities[owner].type in JOINABLE_TYPES
                    )
                    if not ok_owner or not _is_subsequence(item.entities[:-1], chain):
                        continue
                    fallback = bool(rel) and rel[-1].entity != owner
                    if fallback and target.primary_entity != owner:
                        continue  # another role's join would answer for this role
            candidates.append((fallback, len(rel), tuple(h.entity for h in rel), target, rel))
        if not candidates:
            raise UnknownDimensionError(
                f"`{item.raw}` cannot be reached from semantic model `{self.source.name}` "
                "through many-to-one entity joins; group metrics of this model by one of: "
                + ", ".join(
                    sorted(q for q, _, _ in self.model.qualified_dimensions(self.source.name))[:15]
                )
            )
        candidates.sort(key=lambda c: c[:3])
        *_, target, rel = candidates[0]
        full = (*path, *rel)
        self.alias(full)
        return target, full


COMPARISONS: dict[str, type[exp.Expr]] = {
    "=": exp.EQ,
    "!=": exp.NEQ,
    ">": exp.GT,
    ">=": exp.GTE,
    "<": exp.LT,
    "<=": exp.LTE,
}


def dimension_filter(r: Resolver, f: DimensionFilter) -> exp.Expr:
    """A structured filter (``order__channel in ['jd', 'tmall']``) as a condition from ``r``."""
    col = r.item(parse_item(r.model, f.dimension))
    if isinstance(col, exp.Predicate | exp.Connector | exp.Not):
        # a dimension defined as a condition (``expr: damage_cost > 0``): compared as a whole,
        # or ``damage_cost > 0 = TRUE`` is a chained comparison DuckDB cannot parse
        col = exp.Paren(this=col)
    vals = [literal(v) for v in f.values]
    op = f.op
    if op in ("is null", "is not null"):
        is_null = exp.Is(this=col, expression=exp.Null())
        return exp.Not(this=is_null) if op == "is not null" else is_null
    if not vals:
        raise QueryError(f"filter on `{f.dimension}` with `{op}` needs at least one value")
    if op in ("in", "not in"):
        e = exp.In(this=col, expressions=vals)
        return _or_no_value(f, col, exp.Not(this=e)) if op == "not in" else e
    cls = {**COMPARISONS, "like": exp.Like}[op]
    if op == "=" and len(vals) > 1:
        return exp.In(this=col, expressions=vals)
    return _or_no_value(f, col, cls(this=col, expression=vals[0]))


def _or_no_value(f: DimensionFilter, col: exp.Expr, cond: exp.Expr) -> exp.Expr:
    """``cond`` or, for an exclusion that keeps them (``keep_null``), the rows with no value.

    Why: ``promotion <> 'X'`` is never true where promotion is NULL, so "GMV excluding
    promotion X" left out every order without a promotion — most of them on the demo data."""
    if not (f.keep_null and f.op in ("!=", "not in")):
        return cond
    return exp.Paren(this=exp.Or(this=cond, expression=exp.Is(this=col, expression=exp.Null())))
