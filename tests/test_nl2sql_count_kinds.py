"""Which count answers "how many <noun>" on a model without synonyms (``rules/counting.py``,
``rules/passes/counts.py``).

A count labelled with a modifier before the noun ("New Customers", "Lapsed Members") counts a
kind of the noun; a question that does not say the modifier is not asking for it, so the one
other count of the noun answers. Two counts that name no kind stay a clarification. And
"多少单" counts orders (单 is commerce shorthand for 订单) when the model has no 单数 metric.
Catalogs from two domains (a shop, a gym), written like dbt projects by others.
"""

from __future__ import annotations

import datetime as dt

import pytest

from nl2sql.rules import understand
from semantic_layer.catalog import Catalog, CatalogDimension, CatalogEntity, CatalogMetric

TODAY = dt.date(2026, 4, 1)


pytestmark = pytest.mark.usefixtures("own_cache")


def _count(name: str, label: str, counts: str) -> CatalogMetric:
    return CatalogMetric(name, label, agg="count_distinct", counts=counts)


SHOP = Catalog(
    metrics=(
        _count("buyers", "Buyers", "customer"),
        _count("new_customers", "New Customers", "customer"),
        CatalogMetric("order_count", "Orders", agg="count", counts="order"),
    ),
    dimensions=(
        CatalogDimension("customer__tier", "Tier", entity="customer", values=("gold", "VIP")),
        CatalogDimension("order__ordered_at", "Ordered At", dim_type="time", entity="order"),
    ),
    entities=(CatalogEntity("customer", "customer"), CatalogEntity("order", "order")),
)

GYM = Catalog(
    metrics=(
        _count("visitors", "Visitors", "member"),
        _count("lapsed_members", "Lapsed Members", "member"),
        CatalogMetric("visit_count", "Visits", agg="count", counts="visit"),
    ),
    dimensions=(
        CatalogDimension("member__club", "Club", entity="member", values=("North", "South")),
    ),
    entities=(CatalogEntity("member", "member"), CatalogEntity("visit", "visit")),
)


@pytest.mark.parametrize(
    ("catalog", "question", "metric"),
    [
        (SHOP, "how many customers by tier", "buyers"),
        (SHOP, "各等级的客户数", "buyers"),
        (SHOP, "how many new customers", "new_customers"),
        (GYM, "number of members by club", "visitors"),
        (GYM, "how many lapsed members", "lapsed_members"),
    ],
)
def test_a_count_of_a_kind_is_not_the_plain_noun(catalog, question, metric) -> None:
    u = understand(question, catalog, TODAY)
    assert not u.refused, u.reason_en
    assert u.query.metrics == [metric]


def test_two_counts_naming_no_kind_stay_a_clarification() -> None:
    gym = Catalog(
        metrics=(
            _count("visitors", "Visitors", "member"),
            _count("headcount", "All Members", "member"),
        ),
        dimensions=GYM.dimensions,
        entities=GYM.entities,
    )
    u = understand("number of members by club", gym, TODAY)
    assert u.refused and "ambiguous" in u.reason_en


def test_duo_shao_dan_counts_orders() -> None:
    u = understand("VIP客户下了多少单", SHOP, TODAY)
    assert not u.refused, u.reason_en
    assert u.query.metrics == ["order_count"]
    assert "多少单 → Orders" in u.bridged
