""" "A和B各有多少X": 各 after a list of values breaks the answer down by their dimension.

各 ("each") distributes over what precedes it. With no dimension written after it, the
question was refused ("看不出'各'要按什么拆分") although it names exactly the rows it wants: one
per value listed (``rules.passes.build._each_of_values``). A single value before 各, or none,
is still refused. Two domains: a shop's cities and an airline's carriers.
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
    dimensions:
      - {name: ordered_on, type: time, type_params: {time_granularity: day}}
      - {name: city, type: categorical}
    measures:
      - {name: order_count, agg: count, expr: order_id}
metrics:
  - {name: orders, label: Orders, type: simple, type_params: {measure: order_count}}
"""
SHOP_DATA = """
create table orders (order_id int, ordered_on date, city varchar);
insert into orders values (1, '2026-06-01', '北京'), (2, '2026-06-02', '北京'),
  (3, '2026-06-03', '上海'), (4, '2026-06-04', '广州');
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
      - {name: flight_count, agg: count, expr: flight_id}
metrics:
  - {name: flights, label: Flights, type: simple, type_params: {measure: flight_count}}
"""
FLEET_DATA = """
create table flights (flight_id int, flown_on date, carrier varchar);
insert into flights values (1, '2026-06-01', 'UA'), (2, '2026-06-01', 'UA'),
  (3, '2026-06-02', 'DL'), (4, '2026-06-02', 'AA');
"""


@pytest.fixture(scope="module")
def shop(yaml_shop):
    return yaml_shop("each_of_values_shop", SHOP, SHOP_DATA, TODAY)


@pytest.fixture(scope="module")
def fleet(yaml_shop):
    return yaml_shop("each_of_values_fleet", FLEET, FLEET_DATA, TODAY)


def test_each_after_listed_cities(shop) -> None:
    a = shop.ask("北京和上海各有多少订单")
    assert a.ok, a.error
    assert a.query.group_by == ["order__city"]
    assert answer_rows(a) == [("上海", 1), ("北京", 2)]


def test_each_after_listed_carriers(fleet) -> None:
    a = fleet.ask("UA和DL各有多少航班")
    assert a.ok, a.error
    assert a.query.group_by == ["flight__carrier"]
    assert answer_rows(a) == [("DL", 1), ("UA", 2)]


def test_each_after_one_value_is_still_refused(fleet) -> None:
    """One carrier is no list: "UA各有多少航班" has nothing to distribute over."""
    assert fleet.ask("UA各有多少航班").refused
