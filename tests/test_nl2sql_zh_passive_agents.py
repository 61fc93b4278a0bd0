"""A value "<participle> by <agent>" (``CANCELLED_BY_PASSENGER``) in Chinese: 乘客取消, 被司机取消.

Why: Chinese names who did it before the verb (乘客取消的预订 "bookings the passenger
cancelled") and a name has no passive preposition, so the word-by-word compounds stopped at
"by" and the value had no Chinese at all: every question about such a status was refused.
"Revenue by region" is a breakdown, not an agent, and gets no such compound.
"""

from __future__ import annotations

import datetime as dt

import pytest

from nl2sql.rules import understand
from nl2sql.vocabulary.chinese import compounds
from semantic_layer.catalog import Catalog, CatalogDimension, CatalogEntity, CatalogMetric

TODAY = dt.date(2025, 6, 30)

pytestmark = pytest.mark.usefixtures("own_cache")

DAY = "booking__requested_at"
STATUS = "booking__booking_status"
RIDES = Catalog(
    metrics=(
        CatalogMetric(
            "bookings", "Bookings", agg="count", counts="booking", agg_time_dimension=DAY
        ),
    ),
    dimensions=(
        CatalogDimension(DAY, "requested at", dim_type="time", entity="booking"),
        CatalogDimension(
            STATUS,
            "booking status",
            entity="booking",
            values=("SUCCESS", "CANCELLED_BY_PASSENGER", "CANCELLED_BY_DRIVER"),
        ),
    ),
    entities=(CatalogEntity("booking", "booking", key_expr="booking_id"),),
)


@pytest.mark.parametrize(
    ("question", "value"),
    [
        ("乘客取消的预订有多少", "CANCELLED_BY_PASSENGER"),
        ("被司机取消的预订数", "CANCELLED_BY_DRIVER"),
    ],
)
def test_the_agent_before_the_verb_names_the_value(question, value) -> None:
    u = understand(question, RIDES, TODAY)
    assert not u.refused, (question, u.reason_en)
    assert u.query is not None and u.query.metrics == ["bookings"]
    [f] = u.query.filters
    assert (f.dimension, f.values) == (STATUS, [value])


def test_only_a_participle_has_an_agent() -> None:
    assert [w for w, _ in compounds(["cancelled", "by", "driver"])][:1] == ["司机取消"]
    assert compounds(["revenue", "by", "region"]) == []
