""" "Average <amount> per <thing>" is the model's own ratio of that amount to that count.

A model that defines revenue / orders ("AOV"), revenue / buyers or distance / flights has said
what the average per thing is. Read word by word, "per order" grouped by every order and
"average revenue" was refused as an average of a total. Without such a ratio the question is
still refused: the engine never makes up an average.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.semantic_helpers import answer_rows

TODAY = dt.date(2026, 7, 2)
SHOP = """
semantic_models:
  - name: orders
    model: ref('orders')
    defaults: {agg_time_dimension: ordered_on}
    entities:
      - {name: order, type: primary, expr: order_id}
      - {name: customer, type: foreign, expr: customer_id}
    dimensions:
      - {name: ordered_on, type: time, type_params: {time_granularity: day}}
      - {name: region, type: categorical}
    measures:
      - {name: revenue, agg: sum, expr: amount}
      - {name: order_count, agg: count, expr: order_id}
      - {name: buyer_count, agg: count_distinct, expr: customer_id}
metrics:
  - {name: revenue, label: Revenue, type: simple, type_params: {measure: revenue}}
  - {name: orders, label: Orders, type: simple, type_params: {measure: order_count}}
  - {name: aov, label: AOV, type: ratio, type_params: {numerator: revenue, denominator: orders}}
  - {name: buyers, label: Buyers, type: simple, type_params: {measure: buyer_count}}
  - {name: arpu, label: ARPU, type: ratio, type_params: {numerator: revenue, denominator: buyers}}
"""
SHOP_DATA = """
create table orders (order_id int, customer_id int, ordered_on date, region varchar, amount int);
insert into orders values (1, 7, '2026-06-01', 'east', 30), (2, 7, '2026-06-02', 'east', 10),
  (3, 8, '2026-06-03', 'west', 50);
"""
FLEET = """
semantic_models:
  - name: flights
    model: ref('flights')
    defaults: {agg_time_dimension: flown_on}
    entities:
      - {name: flight, type: primary, expr: flight_id}
    dimensions:
      - {name: flown_on, type: time, type_params: {time_granularity: day}}
      - {name: carrier, type: categorical}
    measures:
      - {name: distance, agg: sum, expr: miles}
      - {name: flight_count, agg: count, expr: flight_id}
metrics:
  - {name: distance, label: Distance, type: simple, type_params: {measure: distance}}
  - {name: flights, label: Flights, type: simple, type_params: {measure: flight_count}}
  - {name: stage_length, label: Stage Length, type: ratio,
     type_params: {numerator: distance, denominator: flights}}
"""
FLEET_DATA = """
create table flights (flight_id int, flown_on date, carrier varchar, miles int);
insert into flights values (1, '2026-06-01', 'UA', 100), (2, '2026-06-01', 'UA', 300),
  (3, '2026-06-02', 'DL', 250);
"""


@pytest.fixture(scope="module")
def shop(yaml_shop):
    return yaml_shop("avg_per_shop", SHOP, SHOP_DATA, TODAY)


@pytest.fixture(scope="module")
def fleet(yaml_shop):
    return yaml_shop("avg_per_fleet", FLEET, FLEET_DATA, TODAY)


def test_average_amount_per_thing_is_the_models_ratio(shop) -> None:
    a = shop.ask("average revenue per customer by region")
    assert a.ok, a.error
    assert a.query.metrics == ["arpu"] and a.query.group_by == ["order__region"]
    assert answer_rows(a) == [("east", 40.0), ("west", 50.0)]


def test_chinese_word_orders(shop) -> None:
    for q in ("每个订单的平均收入", "平均每个订单的收入"):
        a = shop.ask(q)
        assert a.ok, (q, a.error)
        assert a.query.metrics == ["aov"] and a.query.group_by == []
        assert answer_rows(a) == [(30.0,)]


def test_on_another_model(fleet) -> None:
    a = fleet.ask("average distance per flight by carrier")
    assert a.ok, a.error
    assert a.query.metrics == ["stage_length"]
    assert answer_rows(a) == [("DL", 250.0), ("UA", 200.0)]


def test_without_such_a_ratio_it_is_still_refused(shop) -> None:
    """Control: the model has no revenue per region (a region is no counted thing): never a
    made-up average."""
    assert shop.ask("average revenue per region").refused


def test_average_amount_alone_is_its_ratio_to_its_own_rows(shop, fleet) -> None:
    # an average of an amount is over the rows that carry it (each order's revenue): the
    # model's revenue / orders, not revenue / buyers (ARPU counts other things)
    a = shop.ask("average revenue by region")
    assert a.ok, a.error
    assert a.query.metrics == ["aov"]
    assert answer_rows(a) == [("east", 20.0), ("west", 50.0)]
    a = fleet.ask("average distance by carrier")
    assert a.ok, a.error
    assert a.query.metrics == ["stage_length"]
    assert answer_rows(a) == [("DL", 250.0), ("UA", 200.0)]


def test_per_with_a_measure_word(shop) -> None:
    # 每 + a measure word (每笔, 每张) is "per one" like 每个
    a = shop.ask("每笔订单的平均收入")
    assert a.ok, a.error
    assert a.query.metrics == ["aov"] and answer_rows(a) == [(30.0,)]


def test_an_average_of_a_count_is_still_refused(shop) -> None:
    """Control: buyers is a count; an average of it names no ratio of the model."""
    assert shop.ask("average buyers by region").refused
