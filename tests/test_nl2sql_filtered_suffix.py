"""A suffix of a filtered metric's name does not name it alone when an unfiltered metric
counts the same measure.

Why: "offer count" is a suffix of `accepted_offers_count` (a count of offers filtered to the
accepted ones); read as that metric it answered 670 where 2,241 offers were sent — a wrong
answer that reads right (a fresh ride-hailing project, session 13). The bare words now name the
unfiltered count of the same measure as well, so they are never the filtered one alone; the
whole name still is.
"""

from __future__ import annotations

import datetime as dt

import pytest

from nl2sql.rules import understand
from semantic_layer.catalog import Catalog, CatalogDimension, CatalogEntity, CatalogMetric

TODAY = dt.date(2025, 6, 30)

pytestmark = pytest.mark.usefixtures("own_cache")

DAY = "parcel__scanned_at"
COUNT = {"agg": "count", "measure_expr": "parcel_id", "agg_time_dimension": DAY}
DEPOT = Catalog(
    metrics=(
        CatalogMetric("delivered_parcels_count", "Delivered Parcels", filtered=True, **COUNT),
        CatalogMetric("parcels_scanned", "Parcels Scanned", **COUNT),
    ),
    dimensions=(
        CatalogDimension(DAY, "scanned at", dim_type="time", entity="parcel"),
        CatalogDimension(
            "parcel__parcel_state",
            "parcel state",
            entity="parcel",
            values=("DELIVERED", "LOST"),
        ),
    ),
    entities=(CatalogEntity("parcel", "parcel", key_expr="parcel_id", models=("parcels",)),),
)


@pytest.mark.parametrize("question", ["parcel count", "parcels count by parcel state"])
def test_the_bare_suffix_is_not_the_filtered_metric_alone(question: str) -> None:
    u = understand(question, DEPOT, TODAY)
    assert u.refused or (u.query is not None and u.query.metrics == ["parcels_scanned"]), (
        question,
        u.query,
    )


@pytest.mark.parametrize(
    "question", ["delivered parcels count", "delivered parcels", "delivered parcel count"]
)
def test_the_whole_name_still_names_the_filtered_metric(question: str) -> None:
    u = understand(question, DEPOT, TODAY)
    assert not u.refused, (question, u.reason_en)
    assert u.query is not None
    assert u.query.metrics == ["delivered_parcels_count"]
