"""A noun after "<dimension>的" is what is asked ("收入超过30的地区的订单": the orders of those
regions), never the dimension's owner.

The qualify pass folds an entity word into a dimension it stands beside ("客户的地区": the
customers' region). Read in both orders, "地区的订单" became "the orders' region": the orders
were consumed and the answer showed only the condition's revenue — a wrong answer. With a
link word the head of the phrase decides: after 的 / 's the second word is the head, before
"of" the first is; only a dimension as head takes the entity as its owner.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.tiny_models import ORDERS_REVENUE_BY_REGION as SHOP

TODAY = dt.date(2026, 7, 2)
SHOP_DATA = """
create table orders (order_id int, ordered_on date, region varchar, amount int);
insert into orders values (1, '2026-06-01', 'east', 20), (2, '2026-06-02', 'east', 25),
  (3, '2026-06-03', 'west', 10), (4, '2026-06-03', 'north', 40);
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
metrics:
  - {name: distance, label: Distance, type: simple, type_params: {measure: distance}}
"""
FLEET_DATA = """
create table flights (flight_id int, flown_on date, carrier varchar, miles int);
insert into flights values (1, '2026-06-01', 'UA', 100), (2, '2026-06-01', 'UA', 300),
  (3, '2026-06-02', 'DL', 250);
"""


@pytest.fixture(scope="module")
def shop(yaml_shop):
    return yaml_shop("head_de_shop", SHOP, SHOP_DATA, TODAY)


@pytest.fixture(scope="module")
def fleet(yaml_shop):
    return yaml_shop("head_de_fleet", FLEET, FLEET_DATA, TODAY)


def _never_only_the_condition(answer, condition_metric: str) -> None:
    """These models cannot count the asked noun (no count metric): refused with a reason that
    names it, never the condition's metric alone."""
    assert answer.refused, answer.interpretation
    assert answer.query is None or answer.query.metrics != [condition_metric]
    assert answer.reason


@pytest.mark.parametrize("question", ["收入超过30的地区的订单", "revenue超过30的region的orders"])
def test_orders_after_a_region_de_are_asked(shop, question: str) -> None:
    _never_only_the_condition(shop.ask(question), "revenue")


def test_flights_after_a_carrier_de_are_asked(fleet) -> None:
    _never_only_the_condition(fleet.ask("distance超过300的carrier的flights"), "distance")


@pytest.mark.parametrize(
    ("question", "group"),
    [("订单的地区的收入", "order__region"), ("revenue by region of the orders", "order__region")],
)
def test_the_owner_before_its_dimension_still_qualifies_it(shop, question: str, group: str) -> None:
    a = shop.ask(question)
    assert a.ok, a.error or a.reason
    assert a.query.metrics == ["revenue"] and a.query.group_by == [group]
