"""Asking by day of the week is refused unless the model has such a dimension.

The time grains truncate dates; no date part is a grain. "bookings by day of week" grouped by
day *and* week, and 按星期几统计停车次数 by week — wrong answers a Chinese-only fresh project's
final set showed (``rules/passes/grains._day_of_week``). Two domains: parking and a café; a
model with its own day-of-week column answers by it.
"""

from __future__ import annotations

import datetime as dt

import pytest

from nl2sql.rules import understand
from semantic_layer.catalog import Catalog, CatalogDimension, CatalogEntity, CatalogMetric

TODAY = dt.date(2025, 10, 15)


pytestmark = pytest.mark.usefixtures("own_cache")


def _catalog(fact: str, metric: str, label: str, *extra: CatalogDimension) -> Catalog:
    return Catalog(
        metrics=(
            CatalogMetric(
                metric,
                label,
                agg="count",
                agg_time_dimension=f"{fact}__day",
                dimensions=tuple(d.name for d in extra),
            ),
        ),
        dimensions=(
            CatalogDimension(f"{fact}__day", "Day", dim_type="time", entity=fact),
            *extra,
        ),
        entities=(CatalogEntity(fact, fact),),
    )


PARKING = _catalog("session", "parking_sessions", "Parking Sessions")
CAFE = _catalog("order", "orders", "Orders")
OWN_DOW = _catalog(
    "order",
    "orders",
    "Orders",
    CatalogDimension("order__day_of_week", "Day of Week", entity="order", values=("Mon", "Tue")),
)


@pytest.mark.parametrize(
    ("catalog", "question"),
    [
        (PARKING, "parking sessions by day of week"),
        (PARKING, "按星期几统计停车次数"),
        (CAFE, "orders by day of the week"),
        (CAFE, "每周几的订单数"),
        (CAFE, "周几订单最多"),
    ],
)
def test_a_day_of_the_week_is_refused_without_a_column(catalog, question) -> None:
    u = understand(question, catalog, TODAY)
    assert u.refused
    assert "day of the week" in u.reason_en or "星期几" in u.reason, u.reason_en


@pytest.mark.parametrize(
    ("catalog", "question", "group_by"),
    [
        (CAFE, "orders by week", ["metric_time__week"]),
        (CAFE, "每周的订单数", ["metric_time__week"]),
        (CAFE, "每周几次订单", ["metric_time__week"]),
        (OWN_DOW, "orders by day of week", ["order__day_of_week"]),
    ],
)
def test_weeks_and_a_day_of_week_column_still_group(catalog, question, group_by) -> None:
    u = understand(question, catalog, TODAY)
    assert not u.refused, u.reason_en
    assert u.query.group_by == group_by


# "by time of day" grouped a taxi model by its `time` key and the day grain (a wrong answer on a
# fresh NYC mobility project): a position inside a period is a phrase of its own. A dimension
# whose description says so ("Time of day category") answers it; without one it is refused.
TAXI_PART = _catalog(
    "trip",
    "total_trips",
    "Total Trips",
    CatalogDimension(
        "trip__day_part",
        "day part",
        entity="trip",
        description="Time of day category (morning/afternoon/evening/night)",
        values=("morning", "afternoon", "evening", "night"),
    ),
)
CLINIC_SLOT = _catalog(
    "visit",
    "visits",
    "Visits",
    CatalogDimension(
        "visit__slot",
        "slot",
        entity="visit",
        description="Time of day of the appointment (am/pm)",
        values=("am", "pm"),
    ),
)


@pytest.mark.parametrize(
    ("catalog", "question", "group_by"),
    [
        (TAXI_PART, "number of trips by time of day", ["trip__day_part"]),
        (TAXI_PART, "trips by time of the day in October", ["trip__day_part"]),
        (CLINIC_SLOT, "visits by time of day", ["visit__slot"]),
    ],
)
def test_time_of_day_reaches_the_dimension_described_so(catalog, question, group_by) -> None:
    u = understand(question, catalog, TODAY)
    assert not u.refused, u.reason_en
    assert u.query is not None and u.query.group_by == group_by


@pytest.mark.parametrize(
    ("catalog", "question"),
    [
        (PARKING, "parking sessions by time of day"),
        (CAFE, "orders by day of month"),
        (CAFE, "orders by hour of the day"),
        (PARKING, "parking sessions by month of the year"),
    ],
)
def test_a_position_inside_a_period_is_refused_without_a_column(catalog, question) -> None:
    u = understand(question, catalog, TODAY)
    assert u.refused, u.query
