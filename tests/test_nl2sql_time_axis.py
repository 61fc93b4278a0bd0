"""Time axes other than the metric's own: the model's date names pick the dimension."""

from __future__ import annotations

import datetime as dt

import pytest

from nl2sql import ask
from nl2sql.ask import get_model
from nl2sql.rules import understand
from semantic_layer import build_catalog
from semantic_layer.query import DimensionFilter

TODAY = dt.date(2026, 11, 20)
CATALOG = build_catalog(get_model(None), None)  # time dimensions need no warehouse values
OCT = [
    DimensionFilter(dimension="order__paid_at", op=">=", values=["2026-10-01"]),
    DimensionFilter(dimension="order__paid_at", op="<", values=["2026-11-01"]),
]


@pytest.mark.parametrize(
    ("question", "filters", "group_by"),
    [
        ("orders paid last month", OCT, []),
        ("上个月支付的订单数", OCT, []),
        ("按支付时间每个月的订单数", [], ["order__paid_at__month"]),
        ("orders by payment date", [], ["order__paid_at__day"]),
        (
            "parcels delivered last week",
            [
                DimensionFilter(dimension="shipment__delivered_at", op=">=", values=["2026-11-09"]),
                DimensionFilter(dimension="shipment__delivered_at", op="<", values=["2026-11-16"]),
            ],
            [],
        ),
    ],
)
def test_a_named_date_takes_the_range_and_grain(question, filters, group_by) -> None:
    u = understand(question, CATALOG, TODAY)
    assert not u.refused, u.reason
    assert u.query.filters == filters and u.query.group_by == group_by
    assert u.query.time_range is None  # not on the metric's own (order) time


def test_the_metrics_own_date_stays_metric_time() -> None:
    u = understand("how many parcels shipped last week", CATALOG, TODAY)
    assert u.query.filters == [] and str(u.query.time_range.start) == "2026-11-09"


@pytest.mark.parametrize("question", ["orders shipped in March", "3月发货的订单数"])
def test_a_date_the_metric_cannot_reach_is_refused_not_ignored(question: str) -> None:
    u = understand(question, CATALOG, TODAY)
    assert u.refused and "shipped" in u.reason_en


def test_a_verb_inside_a_longer_model_term_is_that_term() -> None:
    # "payment" of "payment status" and "paid" of "paid amount" are not dates
    by_status = understand("GMV by payment status last week", CATALOG, TODAY).query
    assert by_status.group_by == ["order__payment_status"] and by_status.filters == []
    paid = understand("paid amount last quarter", CATALOG, TODAY).query
    assert paid.metrics == ["paid_amount"] and paid.filters == []


def test_rows_are_counted_on_the_named_date(demo_con) -> None:
    a = ask("orders paid last month", con=demo_con, today=TODAY, engine="rules", chart=False)
    ((want,),) = demo_con.execute(
        "SELECT COUNT(*) FROM orders WHERE paid_at >= DATE '2026-10-01' "
        "AND paid_at < DATE '2026-11-01'"
    ).fetchall()
    assert a.ok and int(a.df.iloc[0, 0]) == want
    created = ask("orders last month", con=demo_con, today=TODAY, engine="rules", chart=False)
    assert int(created.df.iloc[0, 0]) != want  # a different question, a different answer
