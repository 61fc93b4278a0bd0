"""Words that change a question's meaning are understood or refused, never skipped.

Each pair below differs by one word; ignoring that word would answer the other question. So
for every question the engine either gives the reading written next to it or refuses.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
from dataclasses import replace
from pathlib import Path

import pytest

from nl2sql.rules import understand
from semantic_layer.catalog import Catalog, CatalogDimension, CatalogEntity, CatalogMetric

_spec = importlib.util.spec_from_file_location(
    "nl_catalogs", Path(__file__).parent / "fixtures" / "nl_catalogs.py"
)
nl_catalogs = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(nl_catalogs)

TODAY = dt.date(2026, 11, 20)
ORDERS = nl_catalogs.orders_catalog()


@pytest.fixture(scope="module")
def builtin_catalog() -> Catalog:
    """The built-in model's catalog without a warehouse, built once for the module.

    Why shared: ``understand`` only reads a catalog, and its lexicon is cached per catalog
    object; a catalog built in each test built the built-in model's lexicon again (about a
    second of CPU each, eight times).
    """
    from nl2sql.ask import get_model
    from semantic_layer import build_catalog

    return build_catalog(get_model(None), None)


def _reading(question: str, catalog=ORDERS) -> dict | None:
    u = understand(question, catalog, TODAY)
    if u.refused:
        return None
    q = u.query
    return {
        "m": q.metrics,
        "g": q.group_by,
        "f": [(f.dimension, f.op, f.values) for f in q.filters],
        "t": (str(q.time_range.start), str(q.time_range.end)) if q.time_range else None,
        "h": [(h.metric, h.op, h.value) for h in q.having],
        "w": q.where,
        "n": q.limit,
        "d": u.derived.kind if u.derived else None,
    }


GMV = {"m": ["gmv"], "g": [], "f": [], "t": None, "h": [], "n": None, "d": None}
THIS_MONTH = ("2026-11-01", "2026-12-01")
JD = [("order__channel", "=", ["jd"])]
NOT_JD = [("order__channel", "!=", ["jd"])]
#: a listing kept by a metric condition lists channels, not the orders of no channel
#: (nl2sql.rules.passes.build._ranked_keys_known)
LISTED = [("order__channel", "is not null", [])]


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("京东的GMV", {**GMV, "f": JD}),
        ("除了京东的GMV", {**GMV, "f": NOT_JD}),
        ("不含京东的GMV", {**GMV, "f": NOT_JD}),
        ("GMV of jd", {**GMV, "f": JD}),
        ("GMV except jd", {**GMV, "f": NOT_JD}),
        ("GMV without jd", {**GMV, "f": NOT_JD}),
        ("GMV not jd", {**GMV, "f": NOT_JD}),
        # comparisons: computed (a change, a share) or refused, never the plain question
        ("GMV vs last month", {**GMV, "g": ["metric_time__month"], "t": THIS_MONTH, "d": "pop"}),
        ("本月GMV比上月", {**GMV, "g": ["metric_time__month"], "t": THIS_MONTH, "d": "pop"}),
        ("本月GMV同比", {**GMV, "g": ["metric_time__month"], "t": THIS_MONTH, "d": "yoy"}),
        ("GMV by month, month over month", {**GMV, "g": ["metric_time__month"], "d": "pop"}),
        ("对比一下GMV", None),
        ("GMV同比", None),
        ("GMV growth", None),
        ("GMV占比", None),
        ("各渠道退货率占比", None),
        ("share of GMV by channel", {**GMV, "g": ["order__channel"], "d": "share"}),
        (
            "compare GMV of jd and tmall",
            {**GMV, "g": ["order__channel"], "f": [("order__channel", "in", ["jd", "tmall"])]},
        ),
        # conditions: the number is tied to the comparison, whatever its spelling
        (
            "GMV超过1500的渠道",
            {**GMV, "g": ["order__channel"], "h": [("gmv", ">", 1500.0)], "f": LISTED},
        ),
        (
            "GMV超过一千五的渠道",
            {**GMV, "g": ["order__channel"], "h": [("gmv", ">", 1500.0)], "f": LISTED},
        ),
        (
            "GMV两万五以上的渠道",
            {**GMV, "g": ["order__channel"], "h": [("gmv", ">=", 25000.0)], "f": LISTED},
        ),
        (
            "channels with GMV above 2,500",
            {**GMV, "g": ["order__channel"], "h": [("gmv", ">", 2500.0)], "f": LISTED},
        ),
        (
            "channels with GMV not above 2,500",
            {**GMV, "g": ["order__channel"], "h": [("gmv", "<=", 2500.0)], "f": LISTED},
        ),
        (
            "退货率超过3%的渠道",
            {
                **GMV,
                "m": ["return_rate"],
                "g": ["order__channel"],
                "h": [("return_rate", ">", 0.03)],
                "f": LISTED,
            },
        ),
        ("GMV 42", None),
        # "refunds" is another word form than the value "refunded", not a typo of it
        # (nl2sql.rules.typo): refused rather than rewritten
        ("GMV excluding refunds", None),
        ("GMV excluding refunded", {**GMV, "f": [("order__payment_status", "!=", ["refunded"])]}),
        ("GMV before last month", {**GMV, "t": ("None", "2026-10-01")}),
        ("GMV last month", {**GMV, "t": ("2026-10-01", "2026-11-01")}),
    ],
)
def test_one_word_changes_the_answer_or_the_question_is_refused(question: str, expected) -> None:
    got = _reading(question)
    if expected is None:
        assert got is None, got
    else:
        assert got is not None and {k: got[k] for k in expected} == expected


def test_top_n_and_day_of_month_are_numbers_not_values_of_integer_dimensions() -> None:
    extra = (
        CatalogDimension("order__hour", "hour", entity="order", values=tuple(map(str, range(24)))),
        CatalogDimension("order__seats", "seats", entity="order", values=("1", "2", "5", "12")),
    )
    cat = replace(
        ORDERS,
        dimensions=(*ORDERS.dimensions, *extra),
        metrics=tuple(replace(m, dimensions=()) for m in ORDERS.metrics),
    )
    top = _reading("top 5 channels by GMV", cat)
    # no value filter from the 5: only the ranking's own "channel is not null"
    assert top["g"] == ["order__channel"] and top["n"] == 5
    assert top["f"] == [("order__channel", "is not null", [])]
    day = _reading("12月25日的GMV", cat)
    assert day["t"] == ("2025-12-25", "2025-12-26") and day["f"] == []
    # named next to its dimension, a number is that dimension's value
    assert _reading("GMV for hour 5", cat)["f"] == [("order__hour", "=", ["5"])]
    assert _reading("GMV with 5 seats", cat)["f"] == [("order__seats", "=", ["5"])]
    assert _reading("GMV 12", cat) is None


def test_direction_words_pick_the_role_or_refuse() -> None:
    origin = CatalogDimension(
        "origin__faa", "origin airport", entity="origin", values=("JFK", "ORD")
    )
    dest = CatalogDimension(
        "destination__faa", "destination airport", entity="destination", values=("JFK", "ORD")
    )
    both = replace(
        ORDERS,
        dimensions=(*ORDERS.dimensions, origin, dest),
        metrics=tuple(replace(m, dimensions=()) for m in ORDERS.metrics),
    )
    assert _reading("orders to ORD", both)["f"] == [("destination__faa", "=", ["ORD"])]
    assert _reading("orders from ORD", both)["f"] == [("origin__faa", "=", ["ORD"])]
    assert _reading("从JFK出发的订单数", both) is None or _reading("从JFK出发的订单数", both)[
        "f"
    ] == [("origin__faa", "=", ["JFK"])]
    # no direction word: two roles are two questions, not two copies of one column
    assert _reading("ORD orders", both) is None
    # a direction the only reachable role contradicts is refused, not ignored
    only_origin = replace(both, dimensions=(*ORDERS.dimensions, origin))
    assert _reading("orders to ORD", only_origin) is None
    assert _reading("orders from ORD", only_origin)["f"] == [("origin__faa", "=", ["ORD"])]


def test_with_a_value_is_a_filter_with_a_condition_lists_the_nouns() -> None:
    # "average X for orders with express shipping" style: the value filters, no group-by
    vip = _reading("GMV of customers with VIP tier")
    assert vip["g"] == [] and vip["f"] == [("customer__tier", "=", ["VIP"])]
    skus = _reading("SKUs with return rate above 15%")
    assert skus["g"] == ["sku", "sku__sku_name"] and skus["h"] == [("return_rate", ">", 0.15)]


@pytest.mark.parametrize(
    ("question", "descending"),
    [
        ("配送时长最长的3个快递公司", True),
        ("3 carriers with the longest delivery time", True),
        ("fastest 3 carriers by delivery time", False),
    ],
)
def test_superlatives_rank(builtin_catalog: Catalog, question: str, descending: bool) -> None:
    u = understand(question, builtin_catalog, TODAY)
    assert not u.refused, u.reason
    assert u.query.metrics == ["delivery_time_days"] and u.query.group_by == ["shipment__carrier"]
    assert u.query.limit == 3 and u.query.order_by[0].descending is descending


def test_a_metric_named_with_time_words_is_the_metric_not_a_range() -> None:
    from semantic_layer.catalog import CatalogMetric

    cat = replace(
        ORDERS, metrics=(*ORDERS.metrics, CatalogMetric("orders_last_7_days", "Orders last 7 days"))
    )
    named = understand("orders last 7 days by channel", cat, TODAY).query
    assert named.metrics == ["orders_last_7_days"] and named.time_range is None
    plain = understand("GMV last 7 days", cat, TODAY).query
    assert str(plain.time_range.start) == "2026-11-14"


def test_a_saved_query_runs_by_its_name() -> None:
    from semantic_layer.catalog import CatalogSavedQuery

    sq = CatalogSavedQuery(
        "weekly_sales", "weekly sales", metrics=("gmv",), group_by=("metric_time__week",)
    )
    cat = replace(ORDERS, saved_queries=(sq,))
    q = understand("show me weekly sales", cat, TODAY).query
    assert q.metrics == ["gmv"] and q.group_by == ["metric_time__week"]
    # more than the name is a new question read word by word
    assert understand("weekly sales last month", cat, TODAY).query.time_range is not None


@pytest.mark.parametrize(
    ("question", "value"),
    [
        ("channels with delay longer than 2 hours", 120.0),  # declared in minutes
        ("延误超过1.5小时的渠道", 90.0),
        ("channels with delay above 30 minutes", 30.0),
        ("channels with delay above 30", 30.0),  # no unit typed: the metric's own
    ],
)
def test_durations_are_converted_to_the_metrics_unit(question: str, value: float) -> None:
    from semantic_layer.catalog import CatalogMetric

    delay = CatalogMetric("avg_delay", "delay", synonyms=("延误",), unit="minutes")
    cat = replace(ORDERS, metrics=(*ORDERS.metrics, delay))
    got = _reading(question, cat)
    assert got["h"] == [("avg_delay", ">", value)] and got["g"] == ["order__channel"]


def test_a_duration_on_a_metric_without_a_unit_is_refused() -> None:
    u = understand("channels with GMV above 2 days", ORDERS, TODAY)
    assert u.refused and "config.meta.unit" in u.reason_en


def test_listing_questions_are_dimension_only_queries() -> None:
    regions = _reading("列出所有地区")
    assert regions is not None and regions["m"] == [] and regions["g"] == ["customer__region"]
    # "list all customers" lists them; "how many customers" counts them
    assert _reading("list all customers")["g"] == ["customer"]
    assert _reading("list all customers")["m"] == []
    # without a list word a bare noun still needs a metric, and a time range needs one too
    assert _reading("地区") is None
    assert _reading("列出上个月的地区") is None


def test_a_listing_answers_the_distinct_values(demo_con) -> None:
    from nl2sql import ask

    a = ask("list the channels", con=demo_con, today=TODAY, engine="rules", chart=False)
    want = sorted(r[0] for r in demo_con.execute("SELECT DISTINCT channel FROM orders").fetchall())
    assert a.ok and list(a.df.columns) == ["order__channel"]
    assert sorted(a.df["order__channel"]) == want


def test_an_exclusion_nothing_takes_up_is_refused_not_dropped(builtin_catalog: Catalog) -> None:
    # in the built-in model "refunds" is a metric (refund amount), not a value to exclude
    u = understand("GMV excluding refunds", builtin_catalog, TODAY)
    assert u.refused and "'excluding'" in u.reason
    assert not any("refund" in s.lower() for s in u.suggestions)  # no rewrite drops the word


@pytest.mark.parametrize(
    ("question", "converted"),
    [
        ("average delivery time in hours", ("day", "hour")),  # the metric counts days
        ("平均配送时长多少小时", ("day", "hour")),
        ("平均配送时长多少天", None),  # its own unit: nothing to convert
        ("average pickup delay in hours", None),
    ],
)
def test_a_unit_asked_for_is_the_metrics_own_or_converted(
    builtin_catalog: Catalog, question: str, converted: tuple[str, str] | None
) -> None:
    u = understand(question, builtin_catalog, TODAY)
    assert not u.refused
    assert [(c.from_unit, c.to_unit) for c in u.conversions] == ([converted] if converted else [])


def test_a_currency_the_metric_is_not_counted_in_is_refused(builtin_catalog: Catalog) -> None:
    u = understand("GMV in euros", builtin_catalog, TODAY)
    assert u.refused and "config.meta.unit" in u.reason_en


# -- join roles, "per", counted nouns: one word apart, right or refused ------------------------
STATES = ("TX", "CA")
_ROLE_DIMS = ("bill_customer__state", "ship_customer__state", "bill_customer", "ship_customer")
ROLES = Catalog(
    metrics=(
        CatalogMetric("total_sales", "Total Sales", dimensions=(*_ROLE_DIMS, "item__category")),
        CatalogMetric("customer_count", "Customers", dimensions=_ROLE_DIMS),
        CatalogMetric(
            "return_amount",
            "Return Amount",
            dimensions=("returning_customer__state", "returning_customer", "item__category"),
        ),
    ),
    dimensions=(
        CatalogDimension("bill_customer__state", "State", entity="bill_customer", values=STATES),
        *(
            CatalogDimension(
                f"{r}_customer__state",
                f"State ({r} customer)",
                entity=f"{r}_customer",
                values=STATES,
            )
            for r in ("ship", "returning")
        ),
        CatalogDimension("item__category", "Category", entity="item", values=("Books", "Music")),
    ),
    entities=(
        *(CatalogEntity(f"{r}_customer", f"{r} customer") for r in ("bill", "ship", "returning")),
        CatalogEntity("item", "item"),
    ),
)
SALES = {"m": ["total_sales"], "g": [], "f": [], "h": []}


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        # the role word chooses the join; without one the primary role (named in the line)
        ("total sales by ship customer state", {**SALES, "g": ["ship_customer__state"]}),
        ("total sales by bill customer state", {**SALES, "g": ["bill_customer__state"]}),
        ("total sales by ship-to customer state", {**SALES, "g": ["ship_customer__state"]}),
        ("total sales by bill-to customer state", {**SALES, "g": ["bill_customer__state"]}),
        ("total sales by state", {**SALES, "g": ["bill_customer__state"]}),
        (
            "total sales where the ship customer is in TX",
            {**SALES, "f": [("ship_customer__state", "=", ["TX"])]},
        ),
        (
            "total sales where the bill customer is in TX",
            {**SALES, "f": [("bill_customer__state", "=", ["TX"])]},
        ),
        ("total sales in TX", {**SALES, "f": [("bill_customer__state", "=", ["TX"])]}),
        # a "by" list ends at a condition: the role after "where" filters, it does not group
        (
            "total sales by category where the ship customer is in TX",
            {**SALES, "g": ["item__category"], "f": [("ship_customer__state", "=", ["TX"])]},
        ),
        (
            "total sales by category and ship customer",
            {**SALES, "g": ["item__category", "ship_customer"]},
        ),
        # returns reach customers only as the returning customer: another role is refused
        ("return amount by state", {"m": ["return_amount"], "g": ["returning_customer__state"]}),
        (
            "return amount by returning customer state",
            {"m": ["return_amount"], "g": ["returning_customer__state"]},
        ),
        ("return amount by ship customer state", None),
        ("return amount by bill customer state", None),
        # "per" never ranks by a count: sales per customer is not sales beside a customer count
        ("total sales per customer", None),
        ("GMV per customer", {**GMV, "g": ["customer"]}),
        ("GMV by customer", {**GMV, "g": ["customer"]}),
        ("GMV per order by channel", None),
        ("GMV by channel", {**GMV, "g": ["order__channel"]}),
        # one group per order (the metric's own rows) beside another grouping adds up nothing
        ("GMV by order and channel", None),
        ("GMV by order", {**GMV, "g": ["order"]}),
        # a number counts the noun written after it: orders per customer, units per order
        (
            "customers with more than 3 orders",
            {"m": ["order_count"], "g": ["customer"], "h": [("order_count", ">", 3.0)]},
        ),
        (
            "channels with more than 3 orders",
            {"m": ["order_count"], "g": ["order__channel"], "h": [("order_count", ">", 3.0)]},
        ),
        (
            "GMV of orders with more than 3 units",
            {
                **GMV,
                "f": [("order", "is not null", [])],
                "w": ["{{ Metric('units_sold', group_by=['order']) }} > 3"],
            },
        ),
        # a condition without a breakdown would filter the one total row, not each order
        (
            "orders with GMV above 1000",
            {
                **GMV,
                "g": ["order"],
                "h": [("gmv", ">", 1000.0)],
                "f": [("order", "is not null", [])],
            },
        ),
        ("GMV of jd orders above 1000", None),
        (
            "channels with GMV above 1000",
            {**GMV, "g": ["order__channel"], "h": [("gmv", ">", 1000.0)], "f": LISTED},
        ),
    ],
)
def test_roles_per_and_counted_nouns_change_the_answer_or_refuse(question: str, expected) -> None:
    catalog = ROLES if ("sales" in question or "return" in question) else ORDERS
    got = _reading(question, catalog)
    if expected is None:
        assert got is None, got
    else:
        assert got is not None and {k: got[k] for k in expected} == expected, got
