"""A flag's complement in general language names its no side: weekday / 工作日 for
``is_weekend``, offline / 线下 for ``is_online`` (parking and shop models)."""

from __future__ import annotations

import datetime as dt

import pytest

from nl2sql.rules import understand
from semantic_layer.catalog import Catalog, CatalogDimension, CatalogEntity, CatalogMetric

TODAY = dt.date(2024, 4, 1)


pytestmark = pytest.mark.usefixtures("own_cache")


def _model(entity: str, flag: str, metric: str, label: str) -> Catalog:
    return Catalog(
        metrics=(CatalogMetric(metric, label, agg="sum", agg_time_dimension=f"{entity}__day"),),
        dimensions=(
            CatalogDimension(f"{entity}__day", "Day", dim_type="time"),
            CatalogDimension(f"{entity}__{flag}", flag.replace("_", " "), values=("true", "false")),
            CatalogDimension(f"{entity}__city", "City", values=("Seattle", "Boston")),
        ),
        entities=(CatalogEntity(entity, entity),),
    )


PARKING = _model("session", "is_weekend", "total_revenue", "Total Revenue")
SHOP = _model("order", "is_online", "gmv", "GMV")


@pytest.mark.parametrize(
    ("question", "catalog", "flag"),
    [
        ("工作日的收入", PARKING, "session__is_weekend"),
        ("weekday revenue by city", PARKING, "session__is_weekend"),
        ("线下订单的GMV", SHOP, "order__is_online"),
        ("offline GMV last month", SHOP, "order__is_online"),
    ],
)
def test_the_complement_is_the_no_side(question: str, catalog: Catalog, flag: str) -> None:
    u = understand(question, catalog, TODAY)
    assert not u.refused, (question, u.reason_en)
    assert [(f.dimension, f.op, f.values) for f in u.query.filters] == [(flag, "=", [False])]


def test_the_flag_word_itself_stays_the_yes_side() -> None:
    u = understand("周末的收入", PARKING, TODAY)
    assert [(f.dimension, f.values) for f in u.query.filters] == [("session__is_weekend", [True])]
