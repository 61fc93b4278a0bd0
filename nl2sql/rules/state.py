"""The parse state the passes share: the items, the query being built, and lookups over both.

Why one state object instead of a class with 16 methods: each pass (``nl2sql.rules.passes``)
is a function over this state, so a pass can be read, tested and reordered on its own, while
the helpers every pass needs (neighbours, sense resolution, "which metric counts this noun")
live here once.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from nl2sql.derived import Derived
from nl2sql.lexicon import Lexicon, Sense, normalize
from nl2sql.rules.counting import count_metric
from nl2sql.rules.items import Item, Understanding
from nl2sql.rules.resolve import disambiguate
from nl2sql.timeparse import TimeMatch
from semantic_layer.catalog import Catalog
from semantic_layer.query import (
    DimensionFilter,
    MetricThreshold,
    OrderBy,
    SemanticQuery,
    TimeRange,
)

GROUPABLE = ("dimension", "entity")
GRAINS = ("day", "week", "month", "quarter", "year")


@dataclass
class ParseState:
    """Items of one question plus the parts of the semantic query found so far."""

    all: list[Item]
    lex: Lexicon
    catalog: Catalog
    today: dt.date
    result: Understanding
    its: list[Item] = field(init=False)  # the items without stop words
    metrics: list[str] = field(default_factory=list)
    group_by: list[str] = field(default_factory=list)
    filters: list[DimensionFilter] = field(default_factory=list)
    having: list[MetricThreshold] = field(default_factory=list)
    order_by: list[OrderBy] = field(default_factory=list)
    limit: int | None = None
    #: ranks skipped before the limit ("排名第二": 1), set with a one-row limit
    offset: int = 0
    #: the period a mean over periods is taken by ("日均": "day"), rules.passes.period_mean
    period_mean: str | None = None
    #: entity nouns read as context ("GMV of VIP customers"); counted when no metric is named
    context_entities: list[Item] = field(default_factory=list)
    #: the metric of "by GMV" / "按GMV": what to rank or sort by
    by_metric: str | None = None
    #: a top/bottom found before the metrics are known: (metric or None, descending, n)
    pending_rank: tuple[str | None, bool, int] | None = None
    #: the words of every HAVING condition
    threshold_items: list[Item] = field(default_factory=list)
    #: "how many X" already named the metric
    counted: bool = False
    #: a "which/哪个" not followed by what it picks
    open_which: bool = False
    #: the previous question's query when this may be a follow-up (see ``rules.followup``)
    context: SemanticQuery | None = None
    #: the previous answer's share / change, which a follow-up keeps
    context_derived: Derived | None = None
    #: the metrics this question itself names (set by the metrics pass)
    named_metrics: list[str] = field(default_factory=list)
    #: the previous time range a follow-up keeps
    inherited_time: TimeRange | None = None
    #: a listing question answered without metrics ("list the regions")
    dimension_only: bool = False
    #: the time expression moved onto another time axis (see ``passes.time_axis``)
    axis_time: TimeMatch | None = None
    #: what a follow-up changed, in the question's language
    changes: list[str] = field(default_factory=list)
    #: a share of total or a change over time to compute over the result (``passes.comparisons``)
    derived: Derived | None = None
    #: the grain a change word names ("month over month"), if any
    derived_grain: str | None = None
    #: conditions on a metric per entity ("customers with more than 3 orders"), as
    #: ``nl2sql.rules.entity_conditions.EntityCondition``
    entity_conditions: list[Any] = field(default_factory=list)
    #: the previous question's ``where`` filters a follow-up keeps (``rules.followup``)
    inherited_where: list[str] = field(default_factory=list)
    #: a word read as one of several statistics of one column (``rules.row_values``), kept
    #: only if it becomes a condition on each row (``row_value_metrics``, rules.row_conditions)
    row_value_picks: list[tuple[Item, list[str]]] = field(default_factory=list)
    row_value_metrics: set[str] = field(default_factory=set)
    #: the items whose sense is being disambiguated right now (see :meth:`resolve`)
    resolving: set[int] = field(default_factory=set)

    def __post_init__(self) -> None:
        self.its = [it for it in self.all if it.kind != "stop"]

    # -- neighbours ----------------------------------------------------------------------
    def at(self, i: int) -> Item | None:
        """The non-stop item at index ``i``, None outside the question."""
        return self.its[i] if 0 <= i < len(self.its) else None

    def role_at(self, i: int, prefix: str) -> bool:
        """Whether item ``i`` is general language whose role starts with ``prefix``."""
        it = self.at(i)
        return it is not None and it.kind == "role" and it.role.startswith(prefix)

    def listed(self, i: int) -> bool:
        """Whether item ``i`` is part of a list of metrics ("GMV, orders and AOV").

        A unit said of the metric across the "and" stays in the list: in "average weight in kg
        and parcels" the unit ended it, and "parcels" was read as the rows (dropped) instead of
        the count asked beside the average."""
        for step in (-1, 1):
            j = i + step
            while self.role_at(j, "and"):
                j += step
            while j != i + step and self.role_at(j, "unit"):
                j += step
            x = self.at(j)
            if (
                j != i + step
                and x is not None
                and x.kind == "domain"
                and any(s.kind == "metric" for s in x.senses)
            ):
                return True
        return False

    # -- building ------------------------------------------------------------------------
    def add_metric(self, name: str) -> None:
        """Add a metric to the query once."""
        if name not in self.metrics:
            self.metrics.append(name)

    def switch_metric(self, k: int, new: str) -> None:
        """Answer with ``new`` in place of the ``k``-th metric, in the ordering and the metric
        conditions too: a switched metric that still ordered or filtered by the old name would
        sort or cut by a metric no longer in the query."""
        old, self.metrics[k] = self.metrics[k], new
        self.order_by = [
            o.model_copy(update={"name": new}) if o.name == old else o for o in self.order_by
        ]
        self.having = [
            h.model_copy(update={"metric": new}) if h.metric == old else h for h in self.having
        ]

    def add_group(self, name: str) -> None:
        """Add a group-by item to the query once."""
        if name not in self.group_by:
            self.group_by.append(name)

    # -- senses --------------------------------------------------------------------------
    def group_name(self, it: Item) -> str | None:
        """What grouping by ``it`` means: a time grain or a dimension/entity name."""
        if it.kind == "role" and it.role.startswith(("grain:", "grainadj:")):
            return f"metric_time__{it.role.split(':')[1]}"
        sense = self.resolve(it, GROUPABLE)
        if sense is None:
            return None
        return sense.name

    def metric_readings(self, it: Item) -> list[Sense]:
        """A term's senses or an unknown word's weak readings, when every one is a metric.

        Why: several rules settle a word that may be one of several metrics (a period phrase,
        a kind word, a grain); they all start from the same readings and must not drift apart
        on which items count. Any other item, or a non-metric reading among them, gives none.
        """
        if it.kind == "domain":
            senses = list(it.senses)
        elif it.kind == "unknown":
            senses = list(self.lex.clarify.get(normalize(it.text), []))
        else:
            return []
        return senses if senses and all(s.kind == "metric" for s in senses) else []

    def resolve(self, it: Item, kinds: tuple[str, ...]) -> Sense | None:
        """The one sense of ``it`` among ``kinds`` (refuses when several remain)."""
        if it.kind != "domain":
            return None
        if it.sense is not None:
            return it.sense if it.sense.kind in kinds else None
        cands = [s for s in it.senses if s.kind in kinds]
        if not cands:
            return None
        if len(cands) > 1:
            # Disambiguating may ask which metric the question counts, and counting may ask
            # for this same item's sense ("how many games": is "games" the entity counted or
            # a dimension?). Asked again from inside its own disambiguation, the item has no
            # sense yet: None, instead of recursing until the stack runs out.
            if id(it) in self.resolving:
                return None
            self.resolving.add(id(it))
            try:
                cands = disambiguate(self, it, cands)
            finally:
                self.resolving.discard(id(it))
        it.sense = cands[0]
        return it.sense

    def metric_allows(self, metric: str, name: str) -> bool:
        """Whether ``metric`` can be grouped or filtered by dimension/entity ``name``."""
        m = self.catalog.metric(metric)
        if m is None or not m.dimensions or name.startswith("metric_time"):
            return True
        if name in m.dimensions:
            return True
        base, _, grain = name.rpartition("__")
        if grain in GRAINS and base in m.dimensions:
            return True  # a grain of a time dimension ("order__paid_at__month")
        # entity group-by: allowed when the metric reaches any dimension of that entity
        return any(d.startswith(f"{name}__") or d == name for d in m.dimensions)

    def count_metric(self, it: Item) -> str | None:
        """The metric that counts what ``it`` names ("orders" -> order_count), if any."""
        return count_metric(self, it)

    def subject_metric(self, it: Item | None) -> str | None:
        """The metric ``it`` names, or the one counting the thing it names."""
        if it is None or it.kind != "domain":
            return None
        if it.is_kind("metric"):
            sense = self.resolve(it, ("metric",))
            return sense.name if sense else None
        if it.is_kind("entity") or it.is_kind("dimension"):
            return self.count_metric(it)
        return None
