"""V得最多: the particle 得 between a verb and its superlative ("哪个航司取消得最多").

得 was an unknown word, so "which carrier cancelled the most" was refused while "哪个航司取消最多"
was answered (``rules.complement_de``). Two domains: flights (cancellations by carrier) and a
shop (returns by channel; "用得最多" over its one count). An unknown verb before 得 stays refused.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.semantic_helpers import answer_rows

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
      - {name: carrier, type: categorical}
    measures:
      - {name: cancelled_count, agg: sum, expr: is_cancelled}
metrics:
  - {name: cancellations, label: Cancellations, type: simple,
     type_params: {measure: cancelled_count}}
"""
FLIGHTS_DATA = """
create table fct_flights as select * from (values
  (1, date '2025-05-02', 'UA', 1), (2, date '2025-05-03', 'UA', 1), (3, date '2025-05-04', 'AA', 1),
  (4, date '2025-05-04', 'AA', 0)
) t(flight_id, flight_date, carrier, is_cancelled);
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
      - {name: payment_type, type: categorical}
    measures:
      - {name: order_count, agg: count, expr: order_id}
      - {name: returned_orders, agg: sum, expr: is_returned}
metrics:
  - {name: orders, label: Orders, type: simple, type_params: {measure: order_count}}
  - {name: returns, label: Returns, type: simple, type_params: {measure: returned_orders}}
"""
SHOP_DATA = """
create table fct_orders as select * from (values
  (1, date '2025-05-02', 'card', 0), (2, date '2025-05-03', 'card', 0),
  (3, date '2025-05-04', 'cash', 1), (4, date '2025-05-05', 'card', 0)
) t(order_id, order_date, payment_type, is_returned);
"""


@pytest.fixture(scope="module")
def flights(yaml_shop):
    return yaml_shop("complement_de_flights", FLIGHTS, FLIGHTS_DATA, TODAY)


@pytest.fixture(scope="module")
def shop(yaml_shop):
    return yaml_shop("complement_de_shop", SHOP, SHOP_DATA, TODAY)


def test_carrier_cancelled_the_most(flights) -> None:
    a = flights.ask("哪个carrier取消得最多")
    assert a.ok, a.error
    assert a.query.metrics == ["cancellations"]
    assert answer_rows(a) == [("UA", 2)]


def test_payment_type_with_the_most_returns_and_orders(shop) -> None:
    a = shop.ask("哪个payment type退货得最多")
    assert a.ok, a.error
    assert answer_rows(a) == [("cash", 1)]
    b = shop.ask("哪个payment type的orders得最多")
    assert b.ok, b.error
    assert answer_rows(b) == [("card", 3)]


def test_an_unknown_verb_before_de_stays_refused(shop) -> None:
    a = shop.ask("orders涨得最快的payment type")
    assert a.refused, a.interpretation
