"""Chinese sentence shapes that named the model's metric yet were refused, on an invented
bakery model (sales, tips, ad clicks), each beside one-word-difference probes:

- 前N个月 after a superlative is the top N months ("收入最高的前两个月"), not the last two
  months (``timeparse._last_n_zh``): the time window left nothing to rank and the question was
  refused ("top/bottom of what?"), or clashed with 今年 as a second time range;
- a noun right after 每个 / 每位 is what that word counts, not a qualifier picking one of the
  head's metrics ("平均每个顾客的小费" took 顾客 as naming "Average Tips" and left 每个 alone,
  refused) — ``rules.passes.metric_or_noun``;
- 多少 between the thing and the amount ("平均每笔销售带来多少收入") — ``passes.average_per``;
- 每次 for the 单次 of a term ("每次点击成本" for "cost per click") and 额 for the 量 of a sum
  of money ("订单额" for "Order Volume") — ``rules.term_spellings``.
"""

from __future__ import annotations

import datetime as dt

import pytest

from nl2sql.rules import understand
from semantic_layer.catalog import Catalog
from semantic_layer.catalog import CatalogDimension as D
from semantic_layer.catalog import CatalogEntity as E
from semantic_layer.catalog import CatalogMetric as M

TODAY = dt.date(2025, 6, 30)
pytestmark = pytest.mark.usefixtures("own_cache")

_S = ("sale__sale_date", "sale__shop")
_C = ("customer__joined_date", "customer__town")


def _m(name: str, label: str, dims: tuple[str, ...], **kw: object) -> M:
    return M(name, label, dimensions=("metric_time", *dims), **kw)  # type: ignore[arg-type]


def _sum(name: str, label: str, expr: str, **kw: object) -> M:
    return _m(
        name, label, _S, agg="sum", measure_expr=expr, agg_time_dimension="sale__sale_date", **kw
    )


BAKERY = Catalog(
    metrics=(
        _sum("revenue", "Revenue", "amount", value_format="currency"),
        _m("sales", "Sales", _S, agg="count", counts="sale", agg_time_dimension="sale__sale_date"),
        _sum("order_volume", "Order Volume", "order_value", value_format="currency"),
        _sum("loaf_volume", "Loaf Volume", "loaves"),
        _sum("ad_spend", "Ad Spend", "ad_cost", value_format="currency"),
        _sum("ad_clicks", "Ad Clicks", "clicks"),
        _m(
            "cost_per_click",
            "Cost per Click",
            _S,
            metric_type="ratio",
            ratio_of=("ad_spend", "ad_clicks"),
        ),
        _m(
            "revenue_per_sale",
            "Revenue per Sale",
            _S,
            metric_type="ratio",
            ratio_of=("revenue", "sales"),
        ),
        _m(
            "sum_tips",
            "Sum of Tips",
            _C,
            agg="sum",
            measure_expr="tips",
            agg_time_dimension="customer__joined_date",
            description="Total tips across all customers",
        ),
        _m(
            "customers",
            "Customers",
            _C,
            agg="count",
            counts="customer",
            agg_time_dimension="customer__joined_date",
        ),
        _m(
            "avg_tips",
            "Average Tips",
            _C,
            metric_type="ratio",
            ratio_of=("sum_tips", "customers"),
            description="Average tips per customer",
        ),
    ),
    dimensions=(
        D("sale__sale_date", "sale date", dim_type="time"),
        D("sale__shop", "shop", values=("Riverside", "Hilltop")),
        D("customer__town", "town", values=("Ashford", "Brookly")),
        D("customer__joined_date", "joined date", dim_type="time"),
    ),
    entities=(
        E("sale", "sale", key_expr="sale_id", models=("fct_sales",)),
        E(
            "customer",
            "customer",
            key_expr="customer_id",
            models=("dim_customers",),
            foreign_exprs=("customer_id",),
        ),
    ),
)


def _read(
    question: str,
) -> tuple[list[str], list[str], list[tuple[str, str, list[str]]], int | None, str]:
    u = understand(question, BAKERY, TODAY)
    assert not u.refused, (question, u.reason_en)
    assert u.query is not None
    q = u.query
    filters = [(f.dimension, f.op, list(f.values)) for f in q.filters]
    order = ",".join(f"{o.name}{' desc' if o.descending else ''}" for o in q.order_by)
    return q.metrics, q.group_by, filters, q.limit, order


@pytest.mark.parametrize(
    ("question", "metrics", "grouped", "limit", "order"),
    [
        # 前N<unit> after a superlative: the top / bottom N of that grain
        ("收入最高的前两个月", ["revenue"], ["metric_time__month"], 2, "revenue desc"),
        ("收入最低的前两个月", ["revenue"], ["metric_time__month"], 2, "revenue"),
        ("销售数最多的前三周", ["sales"], ["metric_time__week"], 3, "sales desc"),
        ("今年收入最高的前两个月", ["revenue"], ["metric_time__month"], 2, "revenue desc"),
        # a noun after 每个 / 每位 is what the average is per (the model's own ratio)
        ("平均每个顾客的小费是多少", ["avg_tips"], [], None, ""),
        ("平均每位顾客的小费", ["avg_tips"], [], None, ""),
        # without an average word: each customer's own tips, one row per customer
        ("每个顾客的小费", ["sum_tips"], ["customer"], None, "sum_tips desc"),
        # 多少 between the thing and the amount
        ("平均每笔销售带来多少收入", ["revenue_per_sale"], [], None, ""),
        # 每次 for the 单次 of the term, 额 for the 量 of a sum of money
        ("每次点击成本", ["cost_per_click"], [], None, ""),
        ("单次点击成本", ["cost_per_click"], [], None, ""),
        ("订单额", ["order_volume"], [], None, ""),
        ("订单量", ["order_volume"], [], None, ""),
    ],
)
def test_reads(
    question: str, metrics: list[str], grouped: list[str], limit: int | None, order: str
) -> None:
    got_metrics, got_grouped, _, got_limit, got_order = _read(question)
    assert (got_metrics, got_grouped, got_limit, got_order) == (metrics, grouped, limit, order)


def test_time_window_reading_kept_without_a_superlative() -> None:
    """前两个月 with nothing ranked before it is still the last two months (a filter, no rank)."""
    u = understand("前两个月的收入", BAKERY, TODAY)
    assert u.query is not None and u.query.limit is None and not u.query.group_by
    assert u.query.time_range is not None
    assert (u.query.time_range.start, u.query.time_range.end) == (
        dt.date(2025, 5, 1),
        dt.date(2025, 7, 1),
    )


def test_negated_value_beside_the_amount_spelling() -> None:
    """The 额 spelling keeps the rest of the question: 不是 a shop is an exclusion."""
    _, _, filters, _, _ = _read("不是Riverside的订单额")
    assert filters == [("sale__shop", "!=", ["Riverside"])]


@pytest.mark.parametrize(
    "question",
    [
        "今年的面包额",  # 额 of a quantity (Loaf Volume is no money): stays unknown
        "平均每个顾客带来多少收入",  # no revenue-per-customer ratio: no average is made up
        "平均每个城镇的小费",  # a town is not what the tips are averaged over: ambiguous
    ],
)
def test_probes_stay_refused(question: str) -> None:
    assert understand(question, BAKERY, TODAY).refused, question
