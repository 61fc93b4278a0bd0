"""A plural modifier in a two-word name: "claims frequency" for "Claim Frequency", "orders
value" for "Order Value", "flights delay" for "Flight Delay" — refused on an English-only model
("'frequency' could mean Claim Frequency"), since only the last word's plural was matched; and
a Chinese question refused on such a model gets Chinese fallback suggestions."""

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
    dimensions:
      - {name: ordered_on, type: time, type_params: {time_granularity: day}}
      - {name: region, type: categorical}
    measures:
      - {name: order_value, agg: sum, expr: amount}
metrics:
  - {name: order_value, label: Order Value, type: simple, type_params: {measure: order_value}}
"""
SHOP_DATA = """
create table orders (order_id int, ordered_on date, region varchar, amount int);
insert into orders values (1, '2026-06-01', 'east', 30), (2, '2026-06-02', 'east', 10),
  (3, '2026-06-03', 'west', 50);
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
      - {name: flight_delay, agg: average, expr: delay}
metrics:
  - {name: flight_delay, label: Flight Delay, type: simple, type_params: {measure: flight_delay}}
"""
FLEET_DATA = """
create table flights (flight_id int, flown_on date, carrier varchar, delay int);
insert into flights values (1, '2026-06-01', 'UA', 30), (2, '2026-06-01', 'UA', 10),
  (3, '2026-06-02', 'DL', 5);
"""


@pytest.fixture(scope="module")
def shop(yaml_shop):
    return yaml_shop("plural_shop", SHOP, SHOP_DATA, TODAY)


@pytest.fixture(scope="module")
def fleet(yaml_shop):
    return yaml_shop("plural_fleet", FLEET, FLEET_DATA, TODAY)


def test_a_plural_modifier_names_the_metric(shop, fleet) -> None:
    a = shop.ask("orders value by region")
    assert a.ok, a.error
    assert a.query.metrics == ["order_value"] and answer_rows(a) == [("east", 40), ("west", 50)]
    a = fleet.ask("flights delay by carrier")
    assert a.ok, a.error
    assert a.query.metrics == ["flight_delay"] and answer_rows(a) == [("DL", 5.0), ("UA", 20.0)]


def test_a_chinese_refusal_suggests_chinese_questions(shop, fleet) -> None:
    """An English-only model's fallback suggestions are asked in Chinese for a Chinese
    question ("Order Value是多少"), and each one runs."""
    for model, label in ((shop, "Order Value"), (fleet, "Flight Delay")):
        a = model.ask("按颜色统计的平均值")
        assert a.refused
        assert f"{label}是多少" in a.suggestions
        assert model.ask(f"{label}是多少").ok
