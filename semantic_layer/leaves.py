"""The pieces a query's metrics are broken into: leaves (one aggregate each) in groups (one CTE
each), and the CTE names they share.

Why a module of their own: the compiler walks metric definitions (ratio, derived, cumulative,
conversion) down to simple metrics; each simple metric with its inherited filters and time shift
is a *leaf*, and leaves of one semantic model, time dimension and kind share one CTE that scans
the table once. Registering them here keeps that bookkeeping (dedup of equal leaves, unique
column and CTE names) apart from the SQL the compiler builds for each group.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from sqlglot import exp

from semantic_layer.errors import CompileError
from semantic_layer.model import GRAINS, MetricDef, NonAdditive, SimpleSpec


@dataclass(frozen=True)
class GroupKind:
    """How a leaf group is aggregated: plainly, shifted by an offset, or cumulatively."""

    name: str = "plain"  # plain | offset | cumulative
    count: int = 0
    granularity: str | None = None
    grain_to_date: str | None = None
    period_agg: str = "first"  # cumulative at a coarser grain: first | last | average
    to_grain: str | None = None  # offset_to_grain: each period reads its grain's first period
    # an offset_window inside an offset input (MetricFlow nests them): added to count/granularity
    more_shifts: tuple[tuple[int, str], ...] = ()
    non_additive: NonAdditive | None = None  # rows picked per non_additive_dimension first
    filters: tuple[str, ...] = ()  # filters applied to rows before picking / matching them
    metric: str | None = None  # the conversion metric a conversion group computes


#: The kind of a leaf aggregated plainly (no offset, no window): the usual case.
PLAIN = GroupKind()


@dataclass
class Leaf:
    """One aggregate column: a simple metric's measure under its inherited filters."""

    alias: str
    spec: SimpleSpec
    filters: tuple[str, ...]


@dataclass
class LeafGroup:
    """The leaves one CTE computes: one semantic model, time dimension and kind."""

    node: str
    agg_time: str | None
    kind: GroupKind
    cte: str
    leaves: list[Leaf] = field(default_factory=list)


class CteNames:
    """CTE names shared by a query and the metric-filter sub-queries it compiles."""

    def __init__(self) -> None:
        self.ctes: list[tuple[str, exp.Expr]] = []
        self.used: set[str] = set()

    def name(self, base: str) -> str:
        n, i = base, 1
        while n in self.used:
            i += 1
            n = f"{base}_{i}"
        self.used.add(n)
        return n


def simple_spec(m: MetricDef) -> SimpleSpec:
    """The measure a simple metric aggregates (the loader gives every simple metric one)."""
    if m.simple is None:
        raise CompileError(f"simple metric `{m.name}` has no measure; set type_params.measure")
    return m.simple


def input_filters(inp: Any) -> tuple[str, ...]:
    """The ``filter:`` templates of a metric input (ratio, derived, conversion inputs)."""
    return tuple(w.where_sql_template for w in inp.filter.where_filters) if inp.filter else ()


def window_grain(granularity: object) -> str:
    g = str(getattr(granularity, "value", granularity)).lower().rstrip("s")
    if g not in GRAINS:
        raise CompileError(
            f"time window granularity `{granularity}` is not one of {', '.join(GRAINS)}"
        )
    return g


class Leaves:
    """The groups and leaves of one query (or metric-filter sub-query), deduplicated."""

    def __init__(self, names: CteNames) -> None:
        self.names = names
        self.groups: dict[tuple, LeafGroup] = {}
        self.leaf_keys: dict[tuple, Leaf] = {}
        self.leaf_aliases: set[str] = set()

    def add(
        self,
        m: MetricDef,
        filters: tuple[str, ...],
        kind: GroupKind,
        at: tuple[str, str | None] | None = None,
    ) -> exp.Expr:
        """The column of ``m`` (with ``filters``) in its group's CTE, registering both.

        ``at`` is the (semantic model, time dimension) the group is keyed on when it is not
        the metric's own: a conversion metric's conversions are grouped by its base events.
        """
        spec = simple_spec(m)
        filters = tuple(dict.fromkeys(filters))
        if spec.non_additive is not None:
            if kind.name == "cumulative":
                raise CompileError(
                    f"metric `{m.name}` has a non_additive_dimension and cannot be accumulated; "
                    "accumulate a metric without one"
                )
            kind = replace(kind, non_additive=spec.non_additive, filters=filters)
        node, agg_time = at or (spec.node, spec.agg_time)
        gkey = (node, agg_time, kind)
        group = self.groups.get(gkey)
        if group is None:
            suffix = {
                "plain": "",
                "offset": (
                    f"_offset_to_{kind.to_grain}"
                    if kind.to_grain
                    else "".join(
                        f"_offset_{c}_{g}"
                        for c, g in ((kind.count, kind.granularity), *kind.more_shifts)
                    )
                ),
                "cumulative": "_cumulative",
                "conversion": "_conversion",
            }[kind.name]
            group = LeafGroup(node, agg_time, kind, self.names.name(f"agg_{node}{suffix}"))
            self.groups[gkey] = group
        lkey = (m.name, filters, gkey)
        leaf = self.leaf_keys.get(lkey)
        if leaf is None:
            alias = m.name
            i = 1
            while alias in self.leaf_aliases:
                i += 1
                alias = f"{m.name}_{i}"
            self.leaf_aliases.add(alias)
            leaf = Leaf(alias, spec, filters)
            self.leaf_keys[lkey] = leaf
            group.leaves.append(leaf)
        return exp.column(leaf.alias, table=group.cte)
