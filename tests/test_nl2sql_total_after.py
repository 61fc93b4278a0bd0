"""A Chinese total word after what it totals ("距离合计", "收入的总和") picks the sum, and on a
metric the model only averages it is refused, never answered with the average.

New judge-style questions on the held-out models refused "储蓄账户的余额总和" and similar
("I don't know '总和'") on all three models: 总和 ("sum") is general language, as 合计 already
was. 合计/总和 written after an amount that names both an average and a total ("飞行距离合计")
was refused as ambiguous, and after an amount the model only averages ("单价合计") it was
answered with the average. Two domains: ride-hailing trips and a café's orders.
"""

from __future__ import annotations

import datetime as dt

import pytest

TODAY = dt.date(2026, 5, 1)
TRIPS = """
semantic_models:
  - name: trips
    model: ref('trips')
    defaults: {agg_time_dimension: trip_date}
    entities:
      - {name: trip, type: primary, expr: trip_id}
    dimensions:
      - {name: trip_date, type: time, type_params: {time_granularity: day}}
      - {name: city, type: categorical}
    measures:
      - {name: distance_total, agg: sum, expr: distance_km}
      - {name: distance_avg, agg: average, expr: distance_km}
metrics:
  - {name: total_distance, label: Total Distance, type: simple,
     type_params: {measure: distance_total}}
  - {name: average_distance, label: Average Distance, type: simple,
     type_params: {measure: distance_avg}}
"""
TRIPS_DATA = """
create table trips (trip_id int, trip_date date, city varchar, distance_km double);
insert into trips values (1, '2026-04-01', 'Lyon', 12), (2, '2026-04-02', 'Lyon', 8),
  (3, '2026-04-03', 'Nice', 20);
"""
CAFE = """
semantic_models:
  - name: orders
    model: ref('orders')
    defaults: {agg_time_dimension: ordered_on}
    entities:
      - {name: order, type: primary, expr: order_id}
    dimensions:
      - {name: ordered_on, type: time, type_params: {time_granularity: day}}
      - {name: drink, type: categorical}
    measures:
      - {name: revenue, agg: sum, expr: amount}
      - {name: price_avg, agg: average, expr: unit_price}
metrics:
  - {name: revenue, label: Revenue, type: simple, type_params: {measure: revenue}}
  - {name: average_price, label: Average Price, type: simple,
     type_params: {measure: price_avg}}
"""
CAFE_DATA = """
create table orders (order_id int, ordered_on date, drink varchar, amount double,
  unit_price double);
insert into orders values (1, '2026-04-01', 'latte', 9, 4.5), (2, '2026-04-02', 'mocha', 5, 5),
  (3, '2026-04-03', 'latte', 4.5, 4.5);
"""


@pytest.fixture(scope="module")
def trips(yaml_shop):
    return yaml_shop("trips", TRIPS, TRIPS_DATA, TODAY)


@pytest.fixture(scope="module")
def cafe(yaml_shop):
    return yaml_shop("cafe", CAFE, CAFE_DATA, TODAY)


def _value(answer) -> float:
    assert not answer.refused, answer.error
    assert answer.df.shape == (1, 1)
    return float(answer.df.iloc[0, 0])


def test_total_word_after_picks_the_sum(trips) -> None:
    assert _value(trips.ask("距离合计")) == 40.0
    assert _value(trips.ask("距离的总和")) == 40.0
    assert _value(trips.ask("距离总和")) == 40.0


def test_zonghe_is_general_language(cafe) -> None:
    assert _value(cafe.ask("收入总和")) == 18.5
    assert _value(cafe.ask("收入的总和")) == 18.5


def test_total_word_after_an_average_only_metric_is_refused(cafe) -> None:
    for q in ("价格合计", "价格的总和", "价格总和"):
        a = cafe.ask(q)
        assert a.refused and a.df is None, q
