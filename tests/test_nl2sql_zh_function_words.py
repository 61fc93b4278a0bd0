"""Chinese function words and verbs around model terms: 一共 cut apart by jieba, 用 ("using")
and 因 ("because of") before a value, and a glossary verb (发货 "to ship") that CC-CEDICT never
glosses with the model's English verb.

The catalogs are small models of our own (a courier's parcels, a fleet's trips): no
evaluation set's words. Each row gives the reading a question must have, or its refusal.
"""

from __future__ import annotations

import datetime as dt

import pytest

from nl2sql.rules import understand
from semantic_layer.catalog import Catalog, CatalogDimension, CatalogEntity, CatalogMetric

TODAY = dt.date(2026, 4, 20)

_PARCEL_DIMS = (
    "parcel__created_date",
    "parcel__ship_date",
    "parcel__ship_method",
    "parcel__return_reason",
)
#: a courier: parcels, shipped by a method, some returned for a reason
COURIER = Catalog(
    metrics=(
        CatalogMetric(
            "parcels",
            "Parcels",
            agg="count",
            measure_expr="1",
            counts="parcel",
            agg_time_dimension="parcel__created_date",
            dimensions=_PARCEL_DIMS,
        ),
        CatalogMetric(
            "postage",
            "Postage",
            agg="sum",
            measure_expr="postage",
            agg_time_dimension="parcel__created_date",
            dimensions=_PARCEL_DIMS,
        ),
    ),
    dimensions=(
        CatalogDimension("parcel__created_date", "Created Date", "time", entity="parcel"),
        CatalogDimension("parcel__ship_date", "Ship Date", "time", entity="parcel"),
        CatalogDimension(
            "parcel__ship_method", "Ship Method", values=("AIR", "ROAD"), entity="parcel"
        ),
        CatalogDimension(
            "parcel__return_reason", "Return Reason", values=("DAMAGED", "LATE"), entity="parcel"
        ),
    ),
    entities=(CatalogEntity("parcel", "parcel"),),
)

_TRIP_DIMS = ("trip__trip_date", "trip__depot", "truck__capacity")
#: a fleet: trips, and the distinct trucks they used
FLEET = Catalog(
    metrics=(
        CatalogMetric(
            "trips",
            "Trips",
            agg="count",
            measure_expr="1",
            counts="trip",
            agg_time_dimension="trip__trip_date",
            dimensions=_TRIP_DIMS,
        ),
        CatalogMetric(
            "trucks_used",
            "Trucks Used",
            agg="count_distinct",
            measure_expr="truck_id",
            counts="truck",
            agg_time_dimension="trip__trip_date",
            dimensions=_TRIP_DIMS,
        ),
    ),
    dimensions=(
        CatalogDimension("trip__trip_date", "Trip Date", "time", entity="trip"),
        CatalogDimension("trip__depot", "Depot", values=("EAST", "WEST"), entity="trip"),
        CatalogDimension("truck__capacity", "Capacity", entity="truck"),
    ),
    entities=(CatalogEntity("trip", "trip"), CatalogEntity("truck", "truck")),
)

#: a blog: posts, published through a channel (发布 is "to publish" in the glossary only)
BLOG = Catalog(
    metrics=(
        CatalogMetric(
            "posts",
            "Posts",
            agg="count",
            measure_expr="1",
            counts="post",
            agg_time_dimension="post__written_on",
            dimensions=("post__written_on", "post__publish_channel"),
        ),
    ),
    dimensions=(
        CatalogDimension("post__written_on", "Written On", "time", entity="post"),
        CatalogDimension(
            "post__publish_channel", "Publish Channel", values=("WEB", "APP"), entity="post"
        ),
    ),
    entities=(CatalogEntity("post", "post"),),
)


def _reading(catalog: Catalog, question: str) -> tuple:
    u = understand(question, catalog, TODAY)
    if u.refused:
        return ("refuse",)
    q = u.query
    filters = sorted((f.dimension, f.op, tuple(f.values)) for f in q.filters)
    return (q.metrics, filters)


_IN_2025 = [
    ("parcel__ship_date", "<", ("2026-01-01",)),
    ("parcel__ship_date", ">=", ("2025-01-01",)),
]


@pytest.mark.parametrize(
    ("catalog", "question", "expected"),
    [
        # 一共 cut as 一 / 共用 by jieba: read as written, 一共 / 用
        (FLEET, "一共用了多少辆不同的卡车", (["trucks_used"], [])),
        (FLEET, "EAST一共用了多少辆卡车", (["trucks_used"], [("trip__depot", "=", ("EAST",))])),
        # 用 before the means, 因 before the reason: the value is the condition
        (
            COURIER,
            "用AIR方式发货的parcels",
            (["parcels"], [("parcel__ship_method", "=", ("AIR",))]),
        ),
        (COURIER, "用ROAD发货的postage", (["postage"], [("parcel__ship_method", "=", ("ROAD",))])),
        (
            COURIER,
            "因DAMAGED退回的parcels",
            (["parcels"], [("parcel__return_reason", "=", ("DAMAGED",))]),
        ),
        (BLOG, "用APP发布的posts", (["posts"], [("post__publish_channel", "=", ("APP",))])),
        # 发货 is "to ship" (glossary): beside a date it is the ship date, not the created date
        (COURIER, "2025年发货的parcels", (["parcels"], _IN_2025)),
    ],
)
def test_function_words_and_glossary_verbs(catalog, question, expected) -> None:
    assert _reading(catalog, question) == expected
