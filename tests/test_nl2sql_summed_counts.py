"""A sum of a column that holds a count of things per row counts those things.

Why: "How many answers were there?" on a fresh public Q&A model (session 14) was refused ("no
metric counts 'answers'") though "Total Answers" is SUM(answer_count): the name patterns read
"total answers" as no count, and the model has no answer entity. A metric that sums a column
named "<noun>_count" / "num_<noun>s" now counts the noun (by the model's structure, like a count
of an entity's key); a sum of any other column (an amount) still does not. Tiny bus model:
nothing of that project's names.
"""

from __future__ import annotations

import datetime as dt

import pytest

from nl2sql.rules import understand
from semantic_layer.catalog import Catalog, CatalogDimension, CatalogEntity, CatalogMetric

TODAY = dt.date(2025, 6, 30)

pytestmark = pytest.mark.usefixtures("own_cache")

DAY = "trip__departed_at"
SUM = {"agg": "sum", "agg_time_dimension": DAY}
BUS = Catalog(
    metrics=(
        CatalogMetric(
            "total_passengers", "Total Passengers", measure_expr="passenger_count", **SUM
        ),
        CatalogMetric(
            "route_passengers", "Route Passengers", measure_expr="passenger_count", **SUM
        ),
        CatalogMetric("fare_revenue", "Fare Revenue", measure_expr="fare_amount", **SUM),
        CatalogMetric(
            "trips",
            "Trips",
            agg="count",
            measure_expr="trip_id",
            counts="trip",
            agg_time_dimension=DAY,
        ),
    ),
    dimensions=(
        CatalogDimension(DAY, "departed at", dim_type="time", entity="trip"),
        CatalogDimension(
            "trip__has_standing_passengers",
            "has standing passengers",
            entity="trip",
            values=("true", "false"),
        ),
        CatalogDimension("trip__line", "line", entity="trip", values=("Red", "Blue")),
    ),
    entities=(CatalogEntity("trip", "trip", key_expr="trip_id", models=("trips",)),),
)


@pytest.mark.parametrize(
    "question",
    ["how many passengers", "how many passengers in 2024", "how many passengers by line"],
)
def test_the_sum_of_a_count_column_counts_the_noun(question: str) -> None:
    u = understand(question, BUS, TODAY)
    assert not u.refused, (question, u.reason_en)
    assert u.query is not None
    # "Route Passengers" names a kind ("route") the question does not say: the plain total
    assert u.query.metrics == ["total_passengers"]


def test_a_sum_of_an_amount_counts_nothing() -> None:
    u = understand("how many fare amounts", BUS, TODAY)
    assert u.refused or (u.query is not None and "fare_revenue" not in u.query.metrics)
