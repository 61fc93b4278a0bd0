"""有多少 X 是 Y / "how many X were Y": the part Y leads the answer, the whole X follows.

"有多少预约是爽约" showed all appointments first and the no-shows second, so the number a reader
takes as the answer was the whole, not the part asked for (``rules.copula_part``). Two domains:
flights (cancellations of flights) and a shop (returns of orders); written in the plain order
("flights and cancellations") the order stays.
"""

from __future__ import annotations

import datetime as dt

import pytest

TODAY = dt.date(2025, 6, 15)

FLIGHTS = """
semantic_models:
  - name: flights
    model: ref('fct_flights')
    defaults:
      agg_time_dimension: flight_date
    entities:
      - {name: flight, type: primary, expr: flight_id}
    dimensions:
      - {name: flight_date, type: time, type_params: {time_granularity: day}}
    measures:
      - {name: flight_count, agg: count, expr: flight_id}
      - {name: cancelled_count, agg: sum, expr: is_cancelled}
metrics:
  - {name: flights, label: Flights, type: simple, type_params: {measure: flight_count}}
  - {name: cancellations, label: Cancellations, type: simple, type_params: {measure: cancelled_count}}
"""
FLIGHTS_DATA = """
create table fct_flights as select * from (values
  (1, date '2025-05-02', 0), (2, date '2025-05-03', 1), (3, date '2025-05-04', 0)
) t(flight_id, flight_date, is_cancelled);
"""

SHOP = """
semantic_models:
  - name: orders
    model: ref('fct_orders')
    defaults:
      agg_time_dimension: order_date
    entities:
      - {name: order, type: primary, expr: order_id}
    dimensions:
      - {name: order_date, type: time, type_params: {time_granularity: day}}
    measures:
      - {name: order_count, agg: count, expr: order_id}
      - {name: returned_orders, agg: sum, expr: is_returned}
metrics:
  - {name: orders, label: Orders, type: simple, type_params: {measure: order_count}}
  - {name: returns, label: Returns, type: simple, type_params: {measure: returned_orders}}
"""
SHOP_DATA = """
create table fct_orders as select * from (values
  (1, date '2025-05-02', 1), (2, date '2025-05-03', 1), (3, date '2025-05-04', 0),
  (4, date '2025-05-05', 0)
) t(order_id, order_date, is_returned);
"""


@pytest.fixture(scope="module")
def flights(yaml_shop):
    return yaml_shop("copula_flights", FLIGHTS, FLIGHTS_DATA, TODAY)


@pytest.fixture(scope="module")
def shop(yaml_shop):
    return yaml_shop("copula_shop", SHOP, SHOP_DATA, TODAY)


@pytest.mark.parametrize(
    "question", ["有多少flights是cancellations", "how many flights were cancellations"]
)
def test_part_of_flights_leads(flights, question) -> None:
    a = flights.ask(question)
    assert a.ok, (question, a.error)
    assert a.query.metrics[0] == "cancellations"
    assert a.df.iloc[0, 0] == 1


@pytest.mark.parametrize("question", ["有多少orders是returns", "how many orders are returns"])
def test_part_of_orders_leads(shop, question) -> None:
    a = shop.ask(question)
    assert a.ok, (question, a.error)
    assert a.query.metrics[0] == "returns"
    assert a.df.iloc[0, 0] == 2


def test_plain_order_kept(shop) -> None:
    a = shop.ask("orders and returns")
    assert a.ok, a.error
    assert a.query.metrics == ["orders", "returns"]


def _labelled(model: str, labels: dict[str, str]) -> str:
    """``model`` with its metrics labelled in Chinese (a model written for Chinese readers)."""
    for name, label in labels.items():
        model = model.replace(
            f"{{name: {name}, label: {name.title()},", f"{{name: {name}, label: {label},"
        )
    return model


@pytest.mark.parametrize(
    ("name", "model", "data", "labels", "question", "first"),
    [
        (
            "passive_flights",
            FLIGHTS,
            FLIGHTS_DATA,
            {"flights": "航班", "cancellations": "取消"},
            "被取消的航班有多少",
            1,
        ),
        (
            "passive_shop",
            SHOP,
            SHOP_DATA,
            {"orders": "订单", "returns": "退货"},
            "被退货的订单有几个",
            2,
        ),
    ],
)
def test_passive_part_leads(yaml_shop, name, model, data, labels, question, first) -> None:
    # 被V的N: the N that were V-ed, the part; it leads, the whole follows (refused before as
    # "two metrics written as one phrase")
    shop = yaml_shop(name, _labelled(model, labels), data, TODAY)
    a = shop.ask(question)
    assert a.ok, (question, a.error)
    whole, part = labels
    assert a.query.metrics == [part, whole]
    assert a.df.iloc[0, 0] == first
