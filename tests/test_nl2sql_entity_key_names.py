"""An entity named after its key column (`booking_id`, `offer_key`) is named by the thing.

Why: dbt projects often name an entity after the column that identifies it (``booking_id``,
primary in a ``bookings`` semantic model). The lexicon knew only "booking id", so "how many
bookings", "bookings by status" and 预订数 were refused as unknown words although the model
counts exactly those rows (a fresh ride-hailing project: every question about bookings or
offers). The key's owner now names the entity, as "Airline Name" names the airline; a model
with its own term for the word keeps it.
"""

from __future__ import annotations

import datetime as dt

import pytest

from nl2sql.rules import understand
from semantic_layer.catalog import Catalog, CatalogDimension, CatalogEntity, CatalogMetric

TODAY = dt.date(2025, 6, 30)

pytestmark = pytest.mark.usefixtures("own_cache")

DAY = "booking_id__requested_at"
RIDES = Catalog(
    metrics=(
        CatalogMetric(
            "total_requests",
            "Total Requests",
            agg="count",
            counts="booking_id",
            agg_time_dimension=DAY,
        ),
        CatalogMetric(
            "offers_sent", "Offers Sent", agg="count", counts="offer_key", agg_time_dimension=DAY
        ),
    ),
    dimensions=(
        CatalogDimension(DAY, "requested at", dim_type="time", entity="booking_id"),
        CatalogDimension(
            "booking_id__booking_status",
            "booking status",
            entity="booking_id",
            values=("SUCCESS", "CANCELLED"),
        ),
    ),
    entities=(
        CatalogEntity("booking_id", "booking id", key_expr="booking_id", models=("bookings",)),
        CatalogEntity("offer_key", "offer key", key_expr="offer_key", models=("offers",)),
    ),
)


@pytest.mark.parametrize(
    ("question", "metric", "group_by"),
    [
        ("how many bookings", "total_requests", []),
        ("number of bookings by booking status", "total_requests", ["booking_id__booking_status"]),
        ("how many offers", "offers_sent", []),
        ("预订数", "total_requests", []),
    ],
)
def test_the_key_owner_names_the_entity(question, metric, group_by) -> None:
    u = understand(question, RIDES, TODAY)
    assert not u.refused, (question, u.reason_en)
    assert u.query is not None
    assert u.query.metrics == [metric]
    assert u.query.group_by == group_by
