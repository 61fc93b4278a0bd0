"""The word a model's row count puts before its entity names that entity ("parking" sessions).

A parking model counts "valid parking sessions" and a taxi model "taxi trips"; users say
停车收入, 停车次数, "parking revenue", 出租车收入 and the word restricts nothing. A word that is
also a model name word or a whole value (a condition), and a filtered count's description,
give no such name.
"""

from __future__ import annotations

import datetime as dt
from functools import partial

import pytest

from nl2sql.rules import understand
from nl2sql.vocabulary.kind_words import kind_word_anchors
from semantic_layer.catalog import Catalog, CatalogDimension, CatalogEntity, CatalogMetric
from tests.understand_helpers import understood_query

TODAY = dt.date(2024, 4, 1)


pytestmark = pytest.mark.usefixtures("own_cache")


PARKING = Catalog(
    metrics=(
        CatalogMetric(
            "sessions_count",
            "Sessions Count",
            description="Total count of valid parking sessions.",
            agg="count",
            counts="session",
            agg_time_dimension="session__session_date",
        ),
        CatalogMetric(
            "total_revenue",
            "Total Revenue",
            description="Total revenue collected across all valid sessions.",
            agg="sum",
            agg_time_dimension="session__session_date",
        ),
        CatalogMetric(
            "avg_session_duration",
            "Avg Session Duration",
            description="Average duration of a parking session in minutes.",
            agg="average",
            agg_time_dimension="session__session_date",
        ),
    ),
    dimensions=(
        CatalogDimension("session__session_date", "Session Date", dim_type="time"),
        CatalogDimension("lot__city", "City", values=("Seattle", "Los Angeles")),
        CatalogDimension("lot__lot_name", "Lot Name", values=("LAX Economy Parking", "Pike Lot")),
    ),
    entities=(CatalogEntity("session", "session"), CatalogEntity("lot", "lot")),
)

TAXI = Catalog(
    metrics=(
        CatalogMetric(
            "trip_count",
            "Trip Count",
            measure_description="Number of taxi trips",
            agg="count",
            counts="trip",
            agg_time_dimension="trip__pickup_date",
        ),
        CatalogMetric("revenue", "Revenue", agg="sum", agg_time_dimension="trip__pickup_date"),
    ),
    dimensions=(
        CatalogDimension("trip__pickup_date", "Pickup Date", dim_type="time"),
        CatalogDimension("trip__borough", "Borough", values=("Manhattan", "Queens")),
    ),
    entities=(CatalogEntity("trip", "trip"),),
)


#: the question's semantic query as of TODAY (a refusal fails the test)
_query = partial(understood_query, today=TODAY)


@pytest.mark.parametrize(
    ("question", "metrics", "group_by"),
    [
        ("停车收入", ["total_revenue"], []),
        ("各城市的停车次数", ["sessions_count"], ["lot__city"]),
        ("平均停车时长", ["avg_session_duration"], []),
        ("parking revenue by city", ["total_revenue"], ["lot__city"]),
        ("how many parking sessions", ["sessions_count"], []),
    ],
)
def test_parking_names_the_sessions(question: str, metrics: list[str], group_by: list[str]) -> None:
    q = _query(question, PARKING)
    assert (q.metrics, q.group_by, q.filters) == (metrics, group_by, [])


def test_taxi_names_the_trips() -> None:
    q = _query("上个月出租车收入", TAXI)
    assert (q.metrics, q.group_by, q.filters) == (["revenue"], [], [])
    assert q.time_range is not None and q.time_range.start == dt.date(2024, 3, 1)
    q = _query("taxi revenue in Queens", TAXI)
    assert q.metrics == ["revenue"]
    assert [(f.dimension, f.values) for f in q.filters] == [("trip__borough", ["Queens"])]


def test_a_value_or_name_word_is_a_condition_not_a_kind() -> None:
    returning = Catalog(
        metrics=(
            CatalogMetric(
                "customers",
                "Customers",
                description="Count of returning customers and others.",
                agg="count",
                counts="customer",
            ),
        ),
        dimensions=(CatalogDimension("customer__type", "Type", values=("returning", "new")),),
        entities=(CatalogEntity("customer", "customer"),),
    )
    assert kind_word_anchors(returning) == []
    filtered = Catalog(
        metrics=(
            CatalogMetric(
                "express_orders",
                "Express Orders",
                description="Count of express orders.",
                agg="count",
                counts="",
                filtered=True,
            ),
        ),
        dimensions=(),
        entities=(CatalogEntity("order", "order"),),
    )
    assert kind_word_anchors(filtered) == []
    assert [(a.phrase, a.name, a.via) for a in kind_word_anchors(PARKING)] == [
        ("parking", "session", "parking session"),
        ("parking lot", "lot", "parking lot"),
    ]


TAXI_DRIVERS = Catalog(
    metrics=TAXI.metrics,
    dimensions=(*TAXI.dimensions, CatalogDimension("driver__rating", "Rating", values=("A", "B"))),
    entities=(*TAXI.entities, CatalogEntity("driver", "driver")),
)


def test_the_kind_word_before_another_entity_is_that_entity() -> None:
    """ "parking lot" is the model's lot: grouped by lot, never session by session."""
    # the lot's name is shown beside its key (rules.naming)
    assert _query("revenue by parking lot", PARKING).group_by == ["lot", "lot__lot_name"]
    assert _query("revenue by taxi driver", TAXI_DRIVERS).group_by == ["driver"]
    for question, catalog in (
        ("how many parking lots", PARKING),
        ("number of taxi drivers", TAXI_DRIVERS),
    ):
        u = understand(question, catalog, TODAY)
        assert u.refused, (question, u.query)  # no metric counts lots or drivers


@pytest.mark.parametrize("question", ["停车位有多少个", "一共有多少个停车位"])
def test_the_kind_word_inside_a_longer_word_is_not_read(question: str) -> None:
    """停车位 (a parking space) is no parking session: refused, not the sessions' count."""
    u = understand(question, PARKING, TODAY)
    assert u.refused, (question, u.query)
