"""The loaded semantic model: semantic models (nodes), their join graph, and metric specs.

Why our own small classes on top of dbt-semantic-interfaces' pydantic objects: the compiler
needs indexes (which node owns entity ``order``, which nodes can be reached from ``returns``
through many-to-one joins, what a simple metric aggregates after dbt's transformations) and the
file each element came from (for error messages). The pydantic manifest stays available as
``SemanticModel.manifest`` for anything dbt-shaped.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlglot import exp

from semantic_layer.errors import QueryError, UnknownMetricError
from semantic_layer.query import OrderBy, SemanticQuery

GRAINS: tuple[str, ...] = ("day", "week", "month", "quarter", "year")
JOINABLE_TYPES = ("primary", "unique", "natural")
MAX_JOIN_DEPTH = 5  # hops; MetricFlow stops at fewer, real models need 4 (line → order → customer → nation → region)


@dataclass(frozen=True)
class EntityDef:
    """An entity (join key) of one semantic model."""

    name: str
    type: str  # primary | foreign | unique | natural
    expr: str
    label: str | None = None
    description: str | None = None
    meta: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)


@dataclass(frozen=True)
class DimensionDef:
    """A dimension of one semantic model; ``expr`` may hold ``{{ Dimension(...) }}`` templates."""

    name: str
    type: str  # categorical | time
    expr: str
    granularity: str | None = None
    label: str | None = None
    description: str | None = None
    meta: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)
    is_partition: bool = False  # dbt `is_partition`: joins also match it (MetricFlow)
    validity: str | None = None  # "start" | "end" of a slowly changing dimension's row


@dataclass
class Node:
    """One semantic model: a warehouse table (or a SQL view file) with entities and dimensions."""

    name: str
    table: str
    file: str
    entities: dict[str, EntityDef]
    dimensions: dict[str, DimensionDef]
    primary_entity: str | None
    default_agg_time: str | None
    label: str | None = None
    description: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    view_sql: exp.Query | None = None  # set when ``ref()`` names a ``<name>.sql`` view file
    schema: str | None = None  # set when dbt builds the relation in a custom schema

    def relation(self, alias: str) -> exp.Expr:
        """The FROM item for this node under ``alias`` (table or parenthesised view)."""
        if self.view_sql is not None:
            return exp.Subquery(
                this=self.view_sql.copy(), alias=exp.TableAlias(this=exp.to_identifier(alias))
            )
        return exp.Table(
            this=exp.to_identifier(self.table),
            db=exp.to_identifier(self.schema) if self.schema else None,
            alias=exp.TableAlias(this=exp.to_identifier(alias)),
        )


@dataclass(frozen=True)
class NonAdditive:
    """A measure's ``non_additive_dimension``: only the rows on the last (``max``) or first
    (``min``) value of ``dimension`` per ``groupings`` entities (and queried period) count."""

    dimension: str
    window_choice: str = "min"  # min (dbt's default) | max
    groupings: tuple[str, ...] = ()


@dataclass(frozen=True)
class SimpleSpec:
    """What a simple metric aggregates, after dbt's measure-to-metric transformations."""

    node: str
    agg: str
    expr: str
    agg_time: str | None
    filters: tuple[str, ...] = ()
    percentile: float | None = None
    discrete_percentile: bool = False
    non_additive: NonAdditive | None = None
    approximate_percentile: bool = False
    fill_nulls_with: int | None = None  # COALESCE of the metric's value (dbt: fill_nulls_with)
    join_to_timespine: bool = False  # periods without rows appear (dbt: join_to_timespine)


@dataclass
class MetricDef:
    """A metric as loaded: the dbt pydantic object plus its origin and NL metadata."""

    name: str
    type: str  # simple | ratio | derived | cumulative | conversion
    pydantic: Any
    file: str
    label: str | None
    description: str | None
    meta: dict[str, Any]
    simple: SimpleSpec | None = None
    hidden: bool = False  # created by dbt's transformations, not declared by the author
    #: a measure the owner published no metric for, offered to questions only
    #: (``semantic_layer.implied``): ``orderlens query`` refuses it as MetricFlow does
    implied: bool = False

    @property
    def filters(self) -> tuple[str, ...]:
        """The metric-level ``filter:`` templates."""
        f = self.pydantic.filter
        return tuple(w.where_sql_template for w in f.where_filters) if f else ()


@dataclass(frozen=True)
class JoinHop:
    """One many-to-one join: from a node via ``entity`` into ``node``."""

    entity: str
    node: str


@dataclass
class SemanticModel:
    """A validated semantic model, ready to compile queries against.

    Attributes:
        nodes: semantic models by name.
        metrics: metrics by name.
        manifest: the validated dbt ``PydanticSemanticManifest``.
        path: the directory it was loaded from.
        project_meta: project-level metadata (``example_questions``...).
        saved_queries: dbt saved queries by name (pydantic objects).
    """

    nodes: dict[str, Node]
    metrics: dict[str, MetricDef]
    manifest: Any
    path: Path | None = None
    project_meta: dict[str, Any] = field(default_factory=dict)
    saved_queries: dict[str, Any] = field(default_factory=dict)
    _paths: dict[str, Any] = field(default_factory=dict, repr=False)

    # ---- lookups -------------------------------------------------------------------------
    @property
    def time_spine(self) -> dict[str, Any] | None:
        """The project's time spine: ``relation``, day ``column`` and ``custom`` grain columns."""
        return self.project_meta.get("time_spine")

    @property
    def spine_table(self) -> dict[str, Any] | None:
        """The time spine when its table is there to read periods from (not known missing)."""
        spine = self.time_spine
        return spine if spine and not spine.get("missing") else None

    @property
    def custom_grains(self) -> dict[str, str]:
        """Custom granularities of the time spine (``fiscal_quarter`` -> its column)."""
        spine = self.time_spine
        return dict(spine["custom"]) if spine else {}

    def default_time_grain(self, metric_names: list[str]) -> str:
        """The grain a bare ``metric_time`` means for these metrics, as MetricFlow reads it.

        A metric's ``time_granularity`` (``largest_greenhouse``: month) is its default, else the
        grain its time dimension is recorded at (a yearly ``intake_year``: year); for several
        metrics the coarsest wins. Without either (or with a sub-daily one, which OrderLens
        cannot group by) a metric's default is day.

        A custom granularity of the project's time spine (``time_granularity: fiscal_quarter``)
        is a default too: the periods are the spine column's labels, not days. Custom periods
        have no rank among the standard grains, so it is the default only when every other
        metric asked with it has no coarser default than day; beside a metric whose default is
        a standard grain coarser than day, that grain wins (MetricFlow 0.213 raises here).
        """
        defaults, custom = [], set()
        for name in metric_names:
            m = self.metrics.get(name)
            grain = getattr(m.pydantic, "time_granularity", None) if m is not None else None
            grain = str(getattr(grain, "value", grain) or "").lower()
            if grain in self.custom_grains:
                custom.add(grain)
                continue
            if grain not in GRAINS and m is not None and m.simple is not None:
                node = self.nodes.get(m.simple.node)
                dim = node.dimensions.get(m.simple.agg_time or "") if node else None
                grain = (dim.granularity or "") if dim is not None else ""
            defaults.append(grain if grain in GRAINS else "day")
        standard = max(defaults, key=GRAINS.index, default="day")
        if len(custom) == 1 and standard == "day":
            return custom.pop()
        return standard

    def element_names(self) -> tuple[frozenset[str], frozenset[str]]:
        """All dimension names and all entity names (cached: the model is immutable)."""
        cached = self._paths.get("__names__")
        if cached is None:
            dims = frozenset(d for n in self.nodes.values() for d in n.dimensions)
            ents = frozenset(e for n in self.nodes.values() for e in n.entities)
            cached = self._paths["__names__"] = (dims, ents)
        return cached

    def metric(self, name: str) -> MetricDef:
        """The metric called ``name`` or an :class:`UnknownMetricError` with suggestions."""
        try:
            return self.metrics[name]
        except KeyError:
            folded = {k.lower(): v for k, v in self.metrics.items()}.get(name.lower())
            if folded is not None:  # names match case-insensitively, as the engine's SQL does
                return folded
            close = difflib.get_close_matches(name, list(self.metrics), n=3)
            hint = f"; did you mean {', '.join(close)}?" if close else ""
            raise UnknownMetricError(
                f"unknown metric `{name}`{hint} (`orderlens metrics` lists them all)"
            ) from None

    def saved_query(self, name: str):
        """A dbt ``saved_queries:`` entry as a :class:`SemanticQuery` (group-by names unwrapped)."""
        sq = self.saved_queries.get(name) or next(
            (s for k, s in self.saved_queries.items() if k.lower() == name.lower()), None
        )
        if sq is None:
            raise QueryError(
                f"unknown saved query `{name}`; known: {', '.join(sorted(self.saved_queries))}"
            )
        qp = sq.query_params

        def unwrap(item: str) -> str:
            m = re.match(
                r"^\s*(?:TimeDimension|Dimension|Entity|Metric)\(\s*'([^']+)'(?:\s*,\s*'([^']+)')?\s*\)(?:\.grain\('([^']+)'\))?\s*$",
                item,
            )
            if not m:
                return item.strip()
            grain = m.group(2) or m.group(3)
            return f"{m.group(1)}__{grain}" if grain else m.group(1)

        def order_item(text: str) -> OrderBy:
            """``-name`` or MetricFlow's ``Metric('x').descending(True)`` (either may be set)."""
            desc = text.strip().startswith("-")
            m = re.match(r"^(.*)\.descending\(\s*(True|False)\s*\)\s*$", text.strip().lstrip("-"))
            body = m.group(1) if m else text.strip().lstrip("-")
            return OrderBy(name=unwrap(body), descending=desc or bool(m and m.group(2) == "True"))

        where = [w.where_sql_template for w in qp.where.where_filters] if qp.where else []
        order = [order_item(o) for o in qp.order_by]
        return SemanticQuery(
            metrics=list(qp.metrics),
            group_by=[unwrap(g) for g in qp.group_by],
            where=where,
            order_by=order,
            limit=qp.limit,
        )

    def nodes_with_entity(self, entity: str, joinable_only: bool = True) -> list[Node]:
        """Nodes where ``entity`` is primary/unique (the 'one' side of a join), sorted by name."""
        out = []
        for node in self.nodes.values():
            e = node.entities.get(entity)
            if e is not None and (not joinable_only or e.type in JOINABLE_TYPES):
                out.append(node)
        return sorted(out, key=lambda n: (n.entities[entity].type != "primary", n.name))

    def all_join_paths(self, start: str) -> tuple[tuple[JoinHop, ...], ...]:
        """Every many-to-one join path from ``start``: ``()`` first, then by length, then names.

        Why every path and not one per table: the same table is often reached in several roles
        (a nation of the customer and of the supplier; an airport as origin and as
        destination through two entities of one model), and each role is a different join.
        A path never visits a semantic model twice and has at most ``MAX_JOIN_DEPTH`` hops.
        """
        key = f"__all__{start}"
        cached = self._paths.get(key)
        if cached is not None:
            return cached
        out: list[tuple[JoinHop, ...]] = [()]
        frontier: list[tuple[JoinHop, ...]] = [()]
        for _ in range(MAX_JOIN_DEPTH):
            nxt: list[tuple[JoinHop, ...]] = []
            for path in frontier:
                cur = path[-1].node if path else start
                visited = {start, *(h.node for h in path)}
                for ename in sorted(self.nodes[cur].entities):
                    if path and path[-1].entity == ename:
                        # A -e-> B -e-> C: A has e too, so A -e-> C is the same join, shorter
                        continue
                    for target in self.nodes_with_entity(ename):
                        if target.name not in visited:
                            nxt.append((*path, JoinHop(ename, target.name)))
            out += nxt
            frontier = nxt
        result = tuple(out)
        self._paths[key] = result
        return result

    def join_paths(self, start: str) -> dict[str, tuple[JoinHop, ...]]:
        """The preferred (shortest, then by entity names) join path to every reachable node."""
        paths: dict[str, tuple[JoinHop, ...]] = {}
        for path in self.all_join_paths(start):
            paths.setdefault(path[-1].node if path else start, path)
        return paths

    def qualified_dimensions(self, node_name: str) -> list[tuple[str, Node, DimensionDef]]:
        """``entity__dim`` names reachable from ``node_name`` (local first), with their owners."""
        seen: dict[str, tuple[str, Node, DimensionDef]] = {}
        for path in self.all_join_paths(node_name):
            node = self.nodes[path[-1].node] if path else self.nodes[node_name]
            # named after the entity the join enters by: a table reached only in a role
            # (members as the *refunded* member of a refund) is that role's, never the
            # primary entity's (``payer_member__state`` of a refund was the refunded
            # member's state under another name)
            owner = path[-1].entity if path else node.primary_entity
            if owner is None:
                continue
            for dim in node.dimensions.values():
                q = f"{owner}__{dim.name}"
                seen.setdefault(q, (q, node, dim))
        return list(seen.values())

    def reachable_entities(self, node_name: str) -> list[str]:
        """Entity names reachable from ``node_name`` (group-by items like ``sku``).

        A joined model's keys of the same row (``payer_member``, ``guest_member`` and
        ``refunded_member`` on one members table) are roles of that row: each is reachable
        only through a path that enters by it. Refunds reach members only as the refunded
        member, so "refunds by guest member" is not a grouping of theirs (it used to join
        the refunded member and call it the guest member).
        """
        names: list[str] = []
        for path in self.all_join_paths(node_name):
            target = self.nodes[path[-1].node] if path else self.nodes[node_name]
            for e, ent in target.entities.items():
                if path and ent.type in JOINABLE_TYPES and e != path[-1].entity:
                    continue
                if e not in names:
                    names.append(e)
        return names

    def leaf_nodes(self, metric_name: str, _seen: frozenset[str] = frozenset()) -> list[str]:
        """The semantic models whose rows a metric aggregates (through ratio/derived inputs)."""
        m = self.metric(metric_name)
        if m.simple is not None:
            return [m.simple.node]
        if metric_name in _seen:
            return []
        out: list[str] = []
        for inp in input_metric_names(m):
            for n in self.leaf_nodes(inp, _seen | {metric_name}):
                if n not in out:
                    out.append(n)
        return out


def input_metric_names(m: MetricDef) -> list[str]:
    """Names of the metrics a ratio/derived/cumulative metric is computed from."""
    tp = m.pydantic.type_params
    if m.type == "ratio":
        return [tp.numerator.name, tp.denominator.name]
    if m.type == "derived":
        return [i.name for i in tp.metrics or []]
    if m.type == "cumulative":
        ctp = tp.cumulative_type_params
        if ctp is not None and ctp.metric is not None:
            return [ctp.metric.name]
        return [tp.measure.name] if tp.measure is not None else []
    if m.type == "conversion":
        # grouped and filtered like its base metric: conversions are counted on base events
        return [tp.conversion_type_params.base_metric.name]
    return []
