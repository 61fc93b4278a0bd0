"""Chinese rank words "排名第一", "第一名", "排第一" (the top one) and "倒数第一", "垫底" (the bottom
one), on a charging and a car-wash model; another place ("排名第二") is not read and refused."""

from __future__ import annotations

import datetime as dt

import pytest

from nl2sql.rules import understand
from semantic_layer.catalog import Catalog, CatalogDimension
from tests.tiny_models import count_and_revenue_catalog

TODAY = dt.date(2025, 6, 30)

pytestmark = pytest.mark.usefixtures("own_cache")


def _model(entity: str, place: str, zh: str) -> Catalog:
    return count_and_revenue_catalog(
        entity,
        CatalogDimension(f"{entity}__{place}", place.title(), synonyms=(zh,), values=("x", "y")),
    )


EV = _model("session", "station", "充电站")
WASH = _model("wash", "site", "门店")


@pytest.mark.parametrize(
    ("question", "catalog", "descending"),
    [
        ("收入排名第一的充电站", EV, True),
        ("哪个充电站收入排第一", EV, True),
        ("收入第一名的门店是哪个", WASH, True),
        ("收入倒数第一的门店", WASH, False),
        ("哪个充电站收入垫底", EV, False),
    ],
)
def test_first_and_last_place_are_the_top_and_bottom_one(question, catalog, descending) -> None:
    u = understand(question, catalog, TODAY)
    assert not u.refused, (question, u.reason_en)
    q = u.query
    assert q is not None and q.metrics == ["total_revenue"] and q.limit == 1
    assert q.group_by == [catalog.dimensions[1].name]
    assert q.order_by[0].descending is descending


@pytest.mark.parametrize(
    ("question", "offset"), [("收入排名第二的充电站", 1), ("收入第三名的门店", 2)]
)
def test_another_place_is_the_one_row_at_that_rank(question, offset) -> None:
    """Session 9 (rules/passes/ordinals): refused before, now one row after N-1."""
    catalog = EV if "充电站" in question else WASH
    u = understand(question, catalog, TODAY)
    assert not u.refused, u.reason_en
    q = u.query
    assert q is not None and q.metrics == ["total_revenue"] and q.limit == 1
    assert q.offset == offset and q.order_by[0].descending is True
    assert q.group_by == [catalog.dimensions[1].name]
