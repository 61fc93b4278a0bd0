"""What the semantic model offers, flattened for people and for the question engines.

Why a separate, plain structure: the rules engine builds its lexicon from it, the LLM engine
sends a compact form of it to the model, the Ask page lists it, and ``orderlens metrics`` prints
it. None of them needs the YAML objects, only names, labels, synonyms and values.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class CatalogMetric:
    """A metric as users name it."""

    name: str
    label: str
    description: str = ""
    synonyms: tuple[str, ...] = ()
    metric_type: str = "simple"  # simple | ratio | derived | cumulative | conversion
    value_format: str = "number"  # number | percent | currency
    agg_time_dimension: str | None = None
    dimensions: tuple[str, ...] = ()  # qualified names this metric can be grouped / filtered by
    unit: str = ""  # config.meta.unit ("minutes", "days"): converts "longer than 2 hours"
    #: config.meta.caveat as (language, text) pairs ("" = any language): what a reader must
    #: know whenever the metric is shown (nl2sql's interpretation line carries it)
    caveats: tuple[tuple[str, str], ...] = ()
    #: config.meta.description_zh (an OrderLens convention): the definition for Chinese readers
    #: (last, so positional construction keeps its meaning)
    description_zh: str = ""
    #: a simple metric's aggregation ("sum", "count", "median") and the column expression it
    #: aggregates: how the engine tells a count from an amount ("$10" never applies to a
    #: count) and the measure's own column ("median unit price" names the metric, not a
    #: breakdown by the price dimension)
    agg: str = ""
    measure_expr: str = ""
    #: the entity whose rows (primary key) or distinct keys (foreign key) the metric's measure
    #: counts, "" for any other metric: "how many rides" / "骑行次数" is that metric
    counts: str = ""
    #: the measure's name and description, where a unit is often written ("..., in miles")
    measure: str = ""
    measure_description: str = ""
    #: whether a simple metric's definition filters its rows, and the dimension its only filter
    #: requires to be set (``has_loss_payment = 1``; ``measure_facts.presence_flag``): the flag's
    #: words name this metric, and an unfiltered sum is the base that other flags restrict
    filtered: bool = False
    flag: str = ""
    #: a ratio metric's (numerator, denominator) metric names when both are taken as they are
    #: (no filter, no alias), else (): "average incurred loss per claim" is the model's own
    #: incurred loss / claim count, never an average the engine makes up
    ratio_of: tuple[str, ...] = ()
    #: a cumulative metric with a ``window`` or ``grain_to_date``: its value is read on a day
    #: (the month so far, the last 7 days), so without a time grain it has no one value
    windowed: bool = False
    #: a sum over every snapshot of a column the model also reads at its latest snapshot only
    #: (another metric over the same column and rows with a ``non_additive_dimension`` whose
    #: ``window_choice`` is ``max``): that metric's name, "" for any other. "当前账户余额" is
    #: then not this sum of every day's balances
    latest: str = ""
    #: a running total over all time: a cumulative metric without window or grain-to-date, or
    #: a derived metric of such metrics only (no offset): "ARR today" is its value up to today
    running: bool = False
    #: (actor entity, first hop) an actor reached from this metric's rows only through another
    #: entity while the rows also record roles the model leaves unlinked
    #: (``semantic_layer.actor_roles``): "bookings by user" is then the listing's user or a
    #: guest or a host, and the hop must be named
    hop_actors: tuple[tuple[str, str], ...] = ()
    unlinked_roles: tuple[str, ...] = ()
    #: the entities its own rows carry (declared on every semantic model it aggregates): any
    #: other entity is reached through a join, which may not cover every row
    own_entities: tuple[str, ...] = ()
    #: a derived metric that divides and multiplies by 100: a percentage in points (60 = 60 %)
    percent_points: bool = False
    #: a measure the owner published no metric for (``semantic_layer.implied``): answered
    #: only when no published metric matches the same words, and said so in the answer
    implied: bool = False
    #: a derived metric with a time-offset input (at any depth): it compares periods, so it has
    #: no one value without a time grain ("bookings since start of month" asked bare is refused)
    compares_periods: bool = False
    #: an implied metric's counted entity when its name qualifies it ("active_drivers",
    #: "repeat_patrons": a kind of drivers or patrons, not all of them); then
    #: ``counts`` is "" and "how many patrons" never reads it, "活跃司机人数" still may
    counts_some: str = ""
    #: (dimension, value) of a simple metric whose only filter is that dimension equal to that
    #: value (``measure_facts.filter_value``): "GMV without cancelled orders" excludes it
    filter_value: tuple[str, ...] = ()
    #: a metric that compares periods: the unit of its inputs' time shift (``offset_window: 1
    #: month`` -> "month", ``offset_to_grain: year`` -> "year"), "" for any other. It has a value
    #: per period only, so "its change in November" is read by month
    offset_grain: str = ""

    @property
    def rows_entity(self) -> str:
        """The entity whose rows the metric is kept on: the owner of its time dimension ("" when
        it has none). Why one place: whether a count runs over the counted thing's own rows or
        over another thing's rows decides several readings (per-thing averages, "how many X")."""
        return (self.agg_time_dimension or "").split("__")[0]

    @property
    def column_key(self) -> str:
        """The measure's column expression without case or whitespace: two metrics with one key
        aggregate the same column, however their owners spaced or cased the SQL."""
        return "".join(self.measure_expr.lower().split())


@dataclass(frozen=True)
class CatalogRole:
    """One join path to a dimension, for a dimension reachable in several roles.

    ``name`` is the role-qualified name to query (``supplier__nation__nation_name``),
    ``entity_path`` the entities joined through, ``label`` the human form ("nation name (of
    the supplier)") an interpretation line shows, ``default`` whether the unqualified name
    resolves to this path from ``source`` (shortest path, then entity names alphabetically).
    """

    name: str
    entity_path: tuple[str, ...]
    label: str
    source: str
    default: bool = False


@dataclass(frozen=True)
class CatalogDimension:
    """A dimension (qualified ``entity__name``) with its known values for categorical ones."""

    name: str
    label: str
    dim_type: str = "categorical"  # categorical | time
    description: str = ""
    synonyms: tuple[str, ...] = ()
    entity: str | None = None
    values: tuple[str, ...] = ()  # distinct values of low-cardinality categorical dimensions
    value_synonyms: dict[str, tuple[str, ...]] = field(default_factory=dict)  # value -> words
    time_granularity: str | None = None
    roles: tuple[CatalogRole, ...] = ()  # paths when reachable in several roles (or via a role)
    #: config.meta.description_zh (an OrderLens convention): the definition for Chinese readers
    #: (last, so positional construction keeps its meaning)
    description_zh: str = ""
    #: the column expression (``amount``): a dimension over the column a metric aggregates is
    #: that metric's measure, and an amount column takes a money condition as a row filter
    expr: str = ""
    #: the column is its model's own key (an entity's expr there: `tailnum` of planes), so
    #: grouping the facts by it equals grouping by that entity's foreign key, without the join
    is_key: bool = False
    #: whole-number labels of a categorical dimension (seasons 2022..2024, model years): no
    #: names (a question's number is a quantity), but a number written right beside the
    #: dimension's name ("2023赛季", "season 2023") picks one (``rules.passes.number_labels``)
    number_values: tuple[str, ...] = ()
    #: the entity whose key column (primary or foreign) this dimension's column is, if one
    #: (``owner_team`` beside ``{name: team, type: foreign, expr: owner_team}``): a value of
    #: the dimension is a value of that entity's key, which other models reach as the entity
    key_of: str = ""


@dataclass(frozen=True)
class CatalogEntity:
    """An entity (join key) such as ``order`` or ``sku``, which users also group by."""

    name: str
    label: str
    synonyms: tuple[str, ...] = ()
    description: str = ""
    #: the column of the entity's primary key (``location_key``): a key named like a surrogate
    #: is not what a reader recognises, so its natural identifier is shown beside it
    key_expr: str = ""
    #: the semantic models whose primary entity it is ("crocodile_observations" for
    #: ``observation``): their names say what kind of rows the entity's are
    models: tuple[str, ...] = ()
    #: the columns other models hold it in as a foreign key (``program_key``): for an entity with
    #: no model of its own, whether those keys are surrogates a reader does not recognise
    foreign_exprs: tuple[str, ...] = ()
    #: the values of its primary key when they are a few short codes ("T01" .. "T06",
    #: ``semantic_layer.entity_codes``): a code said alone ("T04的付费转化率") names the entity
    values: tuple[str, ...] = ()


@dataclass(frozen=True)
class CatalogSavedQuery:
    """A dbt saved query: a question with a name, runnable as ``query(saved_query=name)``."""

    name: str
    label: str
    description: str = ""
    metrics: tuple[str, ...] = ()
    group_by: tuple[str, ...] = ()
    where: tuple[str, ...] = ()


@dataclass(frozen=True)
class Catalog:
    """Everything a question can be about."""

    metrics: tuple[CatalogMetric, ...]
    dimensions: tuple[CatalogDimension, ...]
    entities: tuple[CatalogEntity, ...] = ()
    example_questions: tuple[str, ...] = ()
    saved_queries: tuple[CatalogSavedQuery, ...] = ()
    #: ((dimension, value), (dimension, value)) pairs of one table that select the same rows
    #: ("Mortgage" of product and "mortgage" of its category): ``semantic_layer.value_twins``
    value_twins: tuple[tuple[tuple[str, str], tuple[str, str]], ...] = ()
    #: qualified categorical dimensions whose values were not read because reading them ran
    #: out of time (listed without values; answers say so, and such a catalog is not kept on
    #: disk, so the next start reads them again)
    unread_values: tuple[str, ...] = ()

    def same_rows(self, a: tuple[str, str], b: tuple[str, str]) -> bool:
        """Whether filtering on value ``a`` selects the same rows as on ``b`` (each a
        (dimension, value) pair): equal, or twins in the data."""
        return a == b or (a, b) in self.value_twins or (b, a) in self.value_twins

    def saved_query(self, name: str) -> CatalogSavedQuery | None:
        """The saved query called ``name`` (case-insensitive), if any."""
        return next((s for s in self.saved_queries if s.name.lower() == name.lower()), None)

    def metric(self, name: str) -> CatalogMetric | None:
        """The metric called ``name``, if any."""
        return next((m for m in self.metrics if m.name == name), None)

    def dimension(self, name: str) -> CatalogDimension | None:
        """The dimension called ``name`` (qualified), if any."""
        return next((d for d in self.dimensions if d.name == name), None)
