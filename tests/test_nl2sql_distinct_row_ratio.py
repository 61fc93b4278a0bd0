""" "average <amount>" is the model's ratio of the amount to a distinct count of its own rows' key.

Why: "average score" / 问题的平均得分 on a fresh public Q&A model (session 14) was refused as
"an average of a total" although the model defines Average Score per Question = total score /
total questions — but its question count is COUNT(DISTINCT question_id), and only a plain
COUNT was taken as the count of the amount's own rows. A distinct count of the rows' own
entity key counts the same rows. Tiny restaurant-review model: nothing of that project's names.
"""

from __future__ import annotations

import datetime as dt

import pytest

from nl2sql.rules import understand
from semantic_layer.catalog import Catalog, CatalogDimension, CatalogEntity, CatalogMetric

TODAY = dt.date(2025, 6, 30)

pytestmark = pytest.mark.usefixtures("own_cache")

DAY = "review__posted_at"
REVIEWS = Catalog(
    metrics=(
        CatalogMetric(
            "total_stars",
            "Total Stars",
            agg="sum",
            measure_expr="stars",
            agg_time_dimension=DAY,
        ),
        CatalogMetric(
            "total_reviews",
            "Total Reviews",
            agg="count_distinct",
            measure_expr="review_id",
            counts="review",
            agg_time_dimension=DAY,
        ),
        CatalogMetric(
            "avg_stars_per_review",
            "Average Stars per Review",
            metric_type="ratio",
            agg_time_dimension=DAY,
            ratio_of=("total_stars", "total_reviews"),
        ),
    ),
    dimensions=(
        CatalogDimension(DAY, "posted at", dim_type="time", entity="review"),
        CatalogDimension("review__city", "city", entity="review", values=("Lyon", "Osaka")),
    ),
    entities=(CatalogEntity("review", "review", key_expr="review_id", models=("reviews",)),),
)


@pytest.mark.parametrize("question", ["average stars", "average stars by city", "平均stars"])
def test_the_ratio_to_the_distinct_row_count_is_the_average(question: str) -> None:
    u = understand(question, REVIEWS, TODAY)
    assert not u.refused, (question, u.reason_en)
    assert u.query is not None
    assert u.query.metrics == ["avg_stars_per_review"]


def test_the_total_alone_stays_the_total() -> None:
    u = understand("stars by city", REVIEWS, TODAY)
    assert u.query is not None and u.query.metrics == ["total_stars"]
