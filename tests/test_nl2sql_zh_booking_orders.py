"""订单 names a travel model's bookings (industry glossary: travel ``booking`` -> 预订, 订单).

Why: Chinese travel and ride-hailing users call a booking record 订单 (酒店订单, 叫车订单),
while the dictionaries gloss 订单 only as a purchase order; on a booking model every 订单
question was refused. Beside the model's own ``order`` the word is shared, so clarified.
"""

from __future__ import annotations

import datetime as dt

import pytest

from nl2sql.rules import understand
from semantic_layer.catalog import Catalog, CatalogDimension, CatalogEntity, CatalogMetric

TODAY = dt.date(2025, 6, 30)

pytestmark = pytest.mark.usefixtures("own_cache")


def _hotel(*extra: CatalogMetric) -> Catalog:
    day = "booking__booked_at"
    return Catalog(
        metrics=(
            CatalogMetric(
                "bookings", "Bookings", agg="count", counts="booking", agg_time_dimension=day
            ),
            CatalogMetric("room_nights", "Room Nights", agg="sum", agg_time_dimension=day),
            *extra,
        ),
        dimensions=(
            CatalogDimension(day, "booked at", dim_type="time", entity="booking"),
            CatalogDimension(
                "booking__room_type", "room type", entity="booking", values=("suite", "standard")
            ),
        ),
        entities=(CatalogEntity("booking", "booking", key_expr="booking_id"),),
    )


@pytest.mark.parametrize(
    ("question", "group_by"),
    [("订单数", []), ("每个月的订单数", ["metric_time__month"])],
)
def test_dingdan_is_a_booking(question, group_by) -> None:
    u = understand(question, _hotel(), TODAY)
    assert not u.refused, (question, u.reason_en)
    assert u.query is not None and u.query.metrics == ["bookings"]
    assert u.query.group_by == group_by


def test_beside_the_models_own_orders_it_is_clarified() -> None:
    orders = CatalogMetric("orders", "Orders", agg="count", agg_time_dimension="booking__booked_at")
    u = understand("订单数", _hotel(orders), TODAY)
    assert u.refused or (u.query is not None and u.query.metrics == ["orders"])
