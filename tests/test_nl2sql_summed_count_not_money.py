"""A "Total <things>" metric that sums a per-row count column is a count, not money.

Why: "评论总数是多少" on a fresh public Q&A model (session 14) was refused as "a number of an
amount of money" once the count-of-money rule came in: the label word "total" made Total
Comments (SUM(comment_count)) money. A sum of a column named "<noun>_count" / "num_<noun>s"
counts things. Tiny bus model: nothing of that project's names.
"""

from __future__ import annotations

import datetime as dt

import pytest

from nl2sql.rules import understand
from nl2sql.rules.money import is_count_metric
from semantic_layer.catalog import Catalog, CatalogDimension, CatalogEntity, CatalogMetric

TODAY = dt.date(2025, 6, 30)

pytestmark = pytest.mark.usefixtures("own_cache")

DAY = "trip__departed_at"
PASSENGERS = CatalogMetric(
    "total_passengers",
    "Total Passengers",
    agg="sum",
    measure_expr="passenger_count",
    agg_time_dimension=DAY,
)
FARES = CatalogMetric(
    "total_fares", "Total Fares", agg="sum", measure_expr="fare_amount", agg_time_dimension=DAY
)
BUS = Catalog(
    metrics=(PASSENGERS, FARES),
    dimensions=(
        CatalogDimension(DAY, "departed at", dim_type="time", entity="trip"),
        CatalogDimension("trip__line", "line", entity="trip", values=("Red", "Blue")),
    ),
    entities=(CatalogEntity("trip", "trip", key_expr="trip_id", models=("trips",)),),
)


def test_a_sum_of_a_count_column_is_a_count() -> None:
    assert is_count_metric(PASSENGERS)
    assert not is_count_metric(FARES)


@pytest.mark.parametrize("question", ["乘客总数是多少", "number of total passengers"])
def test_the_count_word_names_it(question: str) -> None:
    u = understand(question, BUS, TODAY)
    assert not u.refused, (question, u.reason_en)
    assert u.query is not None and u.query.metrics == ["total_passengers"]
