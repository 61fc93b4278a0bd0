"""The rules engine on hand-made catalogs of two unrelated domains (orders, TPC-H-style)."""

from __future__ import annotations

import datetime as dt
import importlib.util
from pathlib import Path

import pytest

from nl2sql.rules import understand

_spec = importlib.util.spec_from_file_location(
    "nl_catalogs", Path(__file__).parent / "fixtures" / "nl_catalogs.py"
)
nl_catalogs = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(nl_catalogs)

TODAY = dt.date(2026, 11, 20)
ORDERS = nl_catalogs.orders_catalog()
TPCH = nl_catalogs.tpch_catalog()


def summary(question: str, catalog=ORDERS) -> dict:
    u = understand(question, catalog, TODAY)
    assert not u.refused, (question, u.reason)
    q = u.query
    out: dict = {"m": q.metrics}
    if q.group_by:
        out["g"] = q.group_by
    # a ranking, or a listing kept by a metric condition, keeps the rows that have each listed
    # key (passes/build._ranked_keys_known): checked here, and left out of the expected filters
    known = [f for f in q.filters if f.op == "is not null" and f.dimension in q.group_by]
    if q.limit or q.having:  # every listed key (a name beside a key is not one) is non-null
        assert all(not f.dimension.startswith("metric_time__") for f in known)
    else:
        assert not known
    filters = [f for f in q.filters if f not in known]
    if filters:
        out["f"] = [(f.dimension, f.op, f.values) for f in filters]
    if q.time_range:
        out["t"] = (str(q.time_range.start), str(q.time_range.end))
    if q.having:
        out["h"] = [(h.metric, h.op, round(h.value, 6)) for h in q.having]
    if q.limit:
        out["top"] = (q.order_by[0].name, q.order_by[0].descending, q.limit)
    return out


CASES = [
    (
        "找出最近30天退货率>15%且复购率<5%的SKU",
        {
            "m": ["return_rate", "repurchase_rate"],
            "g": ["sku", "sku__sku_name"],  # the key with its name (rules.naming)
            "t": ("2026-10-22", "2026-11-21"),
            "h": [("return_rate", ">", 0.15), ("repurchase_rate", "<", 0.05)],
        },
    ),
    ("GMV by channel", {"m": ["gmv"], "g": ["order__channel"]}),
    ("各渠道GMV", {"m": ["gmv"], "g": ["order__channel"]}),
    ("gmv and order count per channel", {"m": ["gmv", "order_count"], "g": ["order__channel"]}),
    ("top 5 SKUs by GMV", {"m": ["gmv"], "g": ["sku"], "top": ("gmv", True, 5)}),
    (
        "销量最高的3个渠道",
        {"m": ["units_sold"], "g": ["order__channel"], "top": ("units_sold", True, 3)},
    ),
    ("GMV前十的SKU", {"m": ["gmv"], "g": ["sku"], "top": ("gmv", True, 10)}),
    (
        "订单最少的两个地区",
        {"m": ["order_count"], "g": ["customer__region"], "top": ("order_count", False, 2)},
    ),
    (
        "the 3 channels with the lowest GMV",
        {"m": ["gmv"], "g": ["order__channel"], "top": ("gmv", False, 3)},
    ),
    ("京东的GMV", {"m": ["gmv"], "f": [("order__channel", "=", ["jd"])]}),
    (
        "GMV on JD last month",
        {"m": ["gmv"], "f": [("order__channel", "=", ["jd"])], "t": ("2026-10-01", "2026-11-01")},
    ),
    (
        "VIP customers GMV this year",
        {"m": ["gmv"], "f": [("customer__tier", "=", ["VIP"])], "t": ("2026-01-01", "2027-01-01")},
    ),
    ("how many orders last week", {"m": ["order_count"], "t": ("2026-11-09", "2026-11-16")}),
    ("上个月多少单", {"m": ["order_count"], "t": ("2026-10-01", "2026-11-01")}),
    ("按月统计GMV", {"m": ["gmv"], "g": ["metric_time__month"]}),
    ("按周的订单数", {"m": ["order_count"], "g": ["metric_time__week"]}),
    ("每天的订单数", {"m": ["order_count"], "g": ["metric_time__day"]}),
    (
        "GMV by month in 2026",
        {"m": ["gmv"], "g": ["metric_time__month"], "t": ("2026-01-01", "2027-01-01")},
    ),
    (
        "which channel has the highest return rate",
        {"m": ["return_rate"], "g": ["order__channel"], "top": ("return_rate", True, 1)},
    ),
    (
        "channels whose return rate is above 25%",
        {"m": ["return_rate"], "g": ["order__channel"], "h": [("return_rate", ">", 0.25)]},
    ),
    (
        "退货率不低于百分之十的类目",
        {"m": ["return_rate"], "g": ["sku__category"], "h": [("return_rate", ">=", 0.1)]},
    ),
    (
        "categories with at least 500 orders",
        {"m": ["order_count"], "g": ["sku__category"], "h": [("order_count", ">=", 500.0)]},
    ),
    (
        "订单最多的渠道",
        {"m": ["order_count"], "g": ["order__channel"], "top": ("order_count", True, 1)},
    ),
    ("retrun rate by chanel", {"m": ["return_rate"], "g": ["order__channel"]}),
    ("预售订单的GMV", {"m": ["gmv"], "f": [("order__is_presale", "=", [True])]}),
    ("非VIP客户的GMV", {"m": ["gmv"], "f": [("customer__tier", "!=", ["VIP"])]}),
    ("京东和天猫的GMV", {"m": ["gmv"], "f": [("order__channel", "in", ["jd", "tmall"])]}),
    (
        "GMV excluding JD by month",
        {"m": ["gmv"], "g": ["metric_time__month"], "f": [("order__channel", "!=", ["jd"])]},
    ),
    (
        "2026年第三季度各地区GMV",
        {"m": ["gmv"], "g": ["customer__region"], "t": ("2026-07-01", "2026-10-01")},
    ),
    ("双十一的GMV", {"m": ["gmv"], "f": [("order__promotion", "=", ["双11"])]}),
]


@pytest.mark.parametrize(("question", "expected"), CASES, ids=[c[0] for c in CASES])
def test_orders_catalog(question: str, expected: dict) -> None:
    assert summary(question) == expected


TPCH_CASES = [
    (
        "nations whose return rate is above 25%",
        {"m": ["return_rate"], "g": ["nation__n_name"], "h": [("return_rate", ">", 0.25)]},
    ),
    (
        "revenue by nation in 1995",
        {"m": ["revenue"], "g": ["nation__n_name"], "t": ("1995-01-01", "1996-01-01")},
    ),
    (
        "1996年第二季度各国家的销售收入",
        {"m": ["revenue"], "g": ["nation__n_name"], "t": ("1996-04-01", "1996-07-01")},
    ),
    (
        "top 3 market segments by revenue",
        {"m": ["revenue"], "g": ["customer__c_mktsegment"], "top": ("revenue", True, 3)},
    ),
    (
        "urgent orders revenue by ship mode",
        {
            "m": ["revenue"],
            "g": ["lineitem__l_shipmode"],
            "f": [("orders__o_orderpriority", "=", ["1-URGENT"])],
        },
    ),
    (
        "customers with more than 10 orders",
        {"m": ["order_count"], "g": ["customer"], "h": [("order_count", ">", 10.0)]},
    ),
]


TPCH_CASES += [
    ("revenue by region", {"m": ["revenue"], "g": ["region__r_name"]}),
    ("各区域的销售收入", {"m": ["revenue"], "g": ["region__r_name"]}),
    ("order count by market segment", {"m": ["order_count"], "g": ["customer__c_mktsegment"]}),
    ("how many orders in 1995", {"m": ["order_count"], "t": ("1995-01-01", "1996-01-01")}),
    ("1995年的订单数", {"m": ["order_count"], "t": ("1995-01-01", "1996-01-01")}),
    (
        "revenue by nation for the automobile segment",
        {
            "m": ["revenue"],
            "g": ["nation__n_name"],
            "f": [("customer__c_mktsegment", "=", ["AUTOMOBILE"])],
        },
    ),
    ("quantity by ship mode", {"m": ["quantity"], "g": ["lineitem__l_shipmode"]}),
    (
        "revenue for urgent orders",
        {"m": ["revenue"], "f": [("orders__o_orderpriority", "=", ["1-URGENT"])]},
    ),
    (
        "top 5 nations by revenue",
        {"m": ["revenue"], "g": ["nation__n_name"], "top": ("revenue", True, 5)},
    ),
    (
        "销售收入最高的3个国家",
        {"m": ["revenue"], "g": ["nation__n_name"], "top": ("revenue", True, 3)},
    ),
    (
        "the 2 regions with the lowest revenue",
        {"m": ["revenue"], "g": ["region__r_name"], "top": ("revenue", False, 2)},
    ),
    (
        "which ship mode has the highest quantity",
        {"m": ["quantity"], "g": ["lineitem__l_shipmode"], "top": ("quantity", True, 1)},
    ),
    ("revenue by year", {"m": ["revenue"], "g": ["metric_time__year"]}),
    (
        "monthly revenue in 1996",
        {"m": ["revenue"], "g": ["metric_time__month"], "t": ("1996-01-01", "1997-01-01")},
    ),
    (
        "nations with revenue above 1000000",
        {"m": ["revenue"], "g": ["nation__n_name"], "h": [("revenue", ">", 1000000.0)]},
    ),
    ("return rate by ship mode", {"m": ["return_rate"], "g": ["lineitem__l_shipmode"]}),
    (
        "国家退货率超过25%的",
        {"m": ["return_rate"], "g": ["nation__n_name"], "h": [("return_rate", ">", 0.25)]},
    ),
    ("revenue excluding FRANCE", {"m": ["revenue"], "f": [("nation__n_name", "!=", ["FRANCE"])]}),
    (
        "revenue of FRANCE and GERMANY",
        {"m": ["revenue"], "f": [("nation__n_name", "in", ["FRANCE", "GERMANY"])]},
    ),
    (
        "revenue in ASIA by nation",
        {"m": ["revenue"], "g": ["nation__n_name"], "f": [("region__r_name", "=", ["ASIA"])]},
    ),
    ("revenue between march and may 1996", {"m": ["revenue"], "t": ("1996-03-01", "1996-06-01")}),
    (
        "Q1 1997 revenue by region",
        {"m": ["revenue"], "g": ["region__r_name"], "t": ("1997-01-01", "1997-04-01")},
    ),
    ("average discount by ship mode", {"m": ["avg_discount"], "g": ["lineitem__l_shipmode"]}),
    ("order count by order priority", {"m": ["order_count"], "g": ["orders__o_orderpriority"]}),
    (
        "revenue of low priority orders",
        {"m": ["revenue"], "f": [("orders__o_orderpriority", "=", ["5-LOW"])]},
    ),
    (
        "top 10 customers by revenue",
        {"m": ["revenue"], "g": ["customer"], "top": ("revenue", True, 10)},
    ),
]

TPCH_REFUSE = [
    ("汽车细分市场的销售收入", "“汽车”"),
    ("how many customers", "no metric that counts 'customers'"),
    ("利润按国家", "“利润”"),
    ("revenue by color", "'color'"),
]


@pytest.mark.parametrize(("question", "named"), TPCH_REFUSE)
def test_tpch_refusals(question: str, named: str) -> None:
    u = understand(question, TPCH, TODAY)
    assert u.refused and named in u.reason


@pytest.mark.parametrize(("question", "expected"), TPCH_CASES, ids=[c[0] for c in TPCH_CASES])
def test_tpch_catalog(question: str, expected: dict) -> None:
    assert summary(question, TPCH) == expected


@pytest.mark.parametrize(
    ("question", "named"),
    [
        ("按颜色统计GMV", "没有 “颜色”"),
        ("天气怎么样", "“天气”"),
        ("平均GMV", "平均"),
        ("DROP TABLE orders; --", "'drop', 'table'"),
        ("how many customers", "counts 'customers'"),
        ("GMV上涨的原因", "“上涨”、“原因”"),
        ("", "empty"),
        ("GMV 42", "'42'"),
        ("profit margin by channel", "'profit', 'margin'"),
        ("退货率>15%或复购率<5%的SKU", "“或”"),
    ],
)
def test_refusals_come_with_suggestions(question: str, named: str) -> None:
    u = understand(question, ORDERS, TODAY)
    assert u.refused and u.query is None
    assert named in u.reason  # the reason names what was not understood
    if question.strip():
        assert u.suggestions


def test_unknown_word_suggests_closest_terms() -> None:
    u = understand("GMV by chanel type", ORDERS, TODAY)
    assert u.refused and "'type'" in u.reason


def test_ambiguous_value_is_refused() -> None:
    from dataclasses import replace

    from semantic_layer.catalog import CatalogDimension

    extra = CatalogDimension(
        "payment__platform", "支付平台", entity="payment", values=("jd", "alipay")
    )
    cat = replace(
        ORDERS,
        dimensions=(*ORDERS.dimensions, extra),
        metrics=tuple(replace(m, dimensions=()) for m in ORDERS.metrics),
    )
    u = understand("jd GMV", cat, TODAY)
    assert u.refused and "ambiguous" in u.reason
    # each reading offered as the question rewritten with the value's dimension, answerable
    assert u.suggestions == ["channel jd GMV", "支付平台 jd GMV"]
    assert all(not understand(s, cat, TODAY).refused for s in u.suggestions)
