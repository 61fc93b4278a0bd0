"""Wrong answers found by probes19 (issue #12), on a small original airline-like catalog:

- a listing kept by a metric condition ("tail numbers with more than 500 flights") listed the
  flights of no plane as one NULL "tail number"; "did any tail number have more than 1000
  flights" said yes on that NULL group alone;
- "across all <dimension>" (or <grain>) was read as a breakdown (16 averages for "average arrival delay
  across all carriers"); it is one figure over every value, and "flights across all carriers"
  listed flights one per row ("all" read as a list word);
- a stored value spelled "all <things>" ("All Airports") was taken as the value where every
  airport was meant; it is asked back with both readings.
"""

from __future__ import annotations

import datetime as dt

from nl2sql.rules import understand
from semantic_layer.catalog import Catalog, CatalogDimension, CatalogEntity, CatalogMetric
from semantic_layer.query import SemanticQuery

TODAY = dt.date(2025, 6, 30)

_DIMS = (
    "carrier__code",
    "plane__tail_number",
    "airport__airport_name",
    "trip__flown_on",
    "trip__cabin",
    "metric_time",
)
AIR = Catalog(
    metrics=(
        CatalogMetric(
            "trips",
            "Trips",
            description="Number of trips flown.",
            synonyms=("航程数",),
            dimensions=_DIMS,
            agg_time_dimension="trip__flown_on",
            counts="trip",
        ),
        CatalogMetric(
            "average_delay",
            "Average Delay",
            description="Average arrival delay of trips, in minutes.",
            synonyms=("平均延误",),
            dimensions=_DIMS,
            agg_time_dimension="trip__flown_on",
            agg="average",
        ),
    ),
    dimensions=(
        CatalogDimension(
            "carrier__code",
            "Carrier Code",
            entity="carrier",
            values=("ZQ", "XW"),
            synonyms=("航空公司",),
        ),
        CatalogDimension("plane__tail_number", "Tail Number", entity="plane", is_key=True),
        CatalogDimension(
            "airport__airport_name",
            "Airport Name",
            entity="airport",
            values=("All Airports", "Harbour Field"),
        ),
        CatalogDimension("trip__flown_on", "Flown On", entity="trip", dim_type="time"),
        CatalogDimension("trip__cabin", "Cabin", entity="trip", values=("economy", "premium")),
    ),
    entities=(
        CatalogEntity("trip", "trip"),
        CatalogEntity("carrier", "carrier"),
        CatalogEntity("plane", "plane"),
        CatalogEntity("airport", "airport"),
    ),
)


def _query(question: str) -> SemanticQuery:
    u = understand(question, AIR, TODAY)
    assert not u.refused, u.reason_en
    assert u.query is not None
    return u.query


def _filters(q: SemanticQuery) -> list[tuple[str, str]]:
    return [(f.dimension, f.op) for f in q.filters]


# -- 1. a listing by a metric condition lists things, not the rows without one -------------


def test_listing_by_a_metric_condition_leaves_out_the_null_key() -> None:
    q = _query("tail numbers with more than 500 trips")
    assert q.group_by == ["plane"]  # the facts' own key (rules.own_keys)
    assert _filters(q) == [("plane", "is not null")]
    assert [(h.metric, h.op, h.value) for h in q.having] == [("trips", ">", 500.0)]


def test_a_condition_below_a_number_leaves_out_the_null_key_too() -> None:
    q = _query("tail numbers with fewer than 2 trips")
    assert _filters(q) == [("plane", "is not null")]


def test_a_plain_breakdown_keeps_the_null_group() -> None:
    """As MetricFlow: a breakdown's groups add up to the total, the NULL one included."""
    q = _query("trips by tail number")
    assert q.group_by == ["plane"] and not q.filters and not q.having


def test_any_thing_over_a_number_is_judged_on_things_only() -> None:
    u = understand("did any tail number have more than 1000 trips", AIR, TODAY)
    assert not u.refused, u.reason_en
    assert u.query is not None
    assert ("plane", "is not null") in _filters(u.query)


# -- 2. "across all <dimension>" is one figure -------------------------------------------


def test_across_all_a_dimension_is_one_figure() -> None:
    q = _query("average delay across all cabins")
    assert q.metrics == ["average_delay"] and q.group_by == []
    # trips of no cabin are in none of "all cabins" (orders of no promotion, "GMV across all
    # promotions")
    assert _filters(q) == [("trip__cabin", "is not null")]


def test_across_all_of_a_joined_key_tests_the_facts_own_key() -> None:
    """ "trips across all tail numbers": the trips with a tail number, as "by tail number"
    groups them, not only those whose plane the planes table lists."""
    q = _query("trips across all tail numbers")
    assert q.group_by == [] and _filters(q) == [("plane", "is not null")]


def test_across_all_an_entity_is_one_figure() -> None:
    assert _query("average delay across all carriers").group_by == []


def test_across_a_dimension_without_all_groups() -> None:
    assert _query("average delay across cabins").group_by == ["trip__cabin"]


def test_compared_across_all_is_not_one_figure() -> None:
    u = understand("compare average delay across all cabins", AIR, TODAY)
    assert u.refused or (u.query is not None and u.query.group_by == ["trip__cabin"])


def test_across_without_all_still_groups() -> None:
    assert _query("average delay across carriers").group_by[0] == "carrier"


def test_across_all_keeps_a_breakdown_asked_elsewhere() -> None:
    q = _query("average delay across all carriers by month")
    assert q.group_by == ["metric_time__month"]


def test_across_all_with_each_word_groups() -> None:
    assert _query("average delay for each carrier").group_by[0] == "carrier"


def test_across_all_is_not_a_list_word() -> None:
    q = _query("trips across all carriers")
    assert q.metrics == ["trips"] and q.group_by == []


def test_list_all_still_lists() -> None:
    u = understand("list all tail numbers", AIR, TODAY)
    assert not u.refused and u.query is not None
    assert u.query.metrics == [] and u.query.group_by in (["plane__tail_number"], ["plane"])


def test_zh_all_with_an_aggregate_word_is_one_figure() -> None:
    assert _query("所有航空公司的平均延误").group_by == []


def test_zh_all_without_an_aggregate_word_stays_a_breakdown() -> None:
    assert _query("所有航空公司的航程数").group_by[0] == "carrier__code"


# -- 3. a stored "all <things>" value is asked back --------------------------------------


def test_value_spelled_all_things_is_asked_back() -> None:
    u = understand("average delay across all airports", AIR, TODAY)
    assert u.refused
    assert "All Airports" in u.reason_en and "Airport Name All Airports" in u.reason_en


def test_value_named_with_its_dimension_is_the_value() -> None:
    q = _query("average delay at airport name All Airports")
    assert [(f.dimension, f.op, list(f.values)) for f in q.filters] == [
        ("airport__airport_name", "=", ["All Airports"])
    ]


def test_other_values_of_the_dimension_are_untouched() -> None:
    q = _query("average delay at Harbour Field")
    assert [(f.dimension, list(f.values)) for f in q.filters] == [
        ("airport__airport_name", ["Harbour Field"])
    ]


def test_across_all_months_is_one_figure() -> None:
    """A grain after "across all" spans it as a dimension does (held probe, scored once)."""
    assert _query("average delay across all months").group_by == []


def test_across_months_without_all_groups_by_month() -> None:
    assert _query("average delay across months").group_by == ["metric_time__month"]


def test_compared_across_all_months_groups_by_month() -> None:
    assert _query("compare average delay across all months").group_by == ["metric_time__month"]
