"""Order parties by role in Chinese: bill-to pays (付款客户/付款方), ship-to receives (收货客户,
收货地址) — glossary phrases, whole, so a bill or ship *date* never becomes a payment or receipt
date. On a retail model with bill-to and ship-to customers and an online-order model with a shipping
address, both English-only.
"""

from __future__ import annotations

import datetime as dt
from functools import partial

import pytest

from nl2sql.vocabulary.bridges import build_bridges
from semantic_layer.catalog import Catalog, CatalogDimension, CatalogEntity, CatalogMetric
from tests.understand_helpers import understood_query

TODAY = dt.date(2025, 1, 8)


pytestmark = pytest.mark.usefixtures("own_cache")


RETAIL = Catalog(
    metrics=(CatalogMetric("total_sales", "Total Sales", agg="sum"),),
    dimensions=(
        CatalogDimension("bill_customer__state", "State", values=("GA", "TX")),
        CatalogDimension("ship_customer__state", "State", values=("GA", "TX")),
        CatalogDimension("sale__bill_date", "Bill Date", dim_type="time"),
    ),
    entities=(
        CatalogEntity("sale", "sale"),
        CatalogEntity("bill_customer", "bill customer"),
        CatalogEntity("ship_customer", "ship customer"),
    ),
)

ORDERS = Catalog(
    metrics=(CatalogMetric("order_count", "Order Count", agg="count", counts="order"),),
    dimensions=(
        CatalogDimension("order__shipping_address", "Shipping Address"),
        CatalogDimension("order__ship_date", "Ship Date", dim_type="time"),
    ),
    entities=(CatalogEntity("order", "order"),),
)


#: the question's semantic query as of TODAY (a refusal fails the test)
_query = partial(understood_query, today=TODAY)


def test_bill_to_and_ship_to_customers_on_a_retail_model() -> None:
    q = _query("2002年付款客户在GA州的销售额", RETAIL)
    assert [(f.dimension, f.values) for f in q.filters] == [("bill_customer__state", ["GA"])]
    q = _query("收货客户在GA州的销售额", RETAIL)
    assert [(f.dimension, f.values) for f in q.filters] == [("ship_customer__state", ["GA"])]
    # the role phrase is whole: a bill date is no payment date
    assert not any(b.term == "付款日期" for b in build_bridges(RETAIL))


def test_shipping_address_on_an_online_order_model() -> None:
    assert _query("按收货地址统计订单数", ORDERS).group_by == ["order__shipping_address"]
    assert not any(b.term.startswith("收货日期") for b in build_bridges(ORDERS))
