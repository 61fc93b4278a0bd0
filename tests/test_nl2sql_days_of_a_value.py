"""天 written onto a value word names days by what happened on them: a condition, not a grain.

Why: "下雨天的行程有多少趟" (how many trips on rainy days) read 下雨 as the ``rain`` value and 天
as "by day", and answered the rain trips split by day where one total was asked — a wrong
answer once 行程 reached the model's trips. A day word a metric follows (日收入) stays a grain.
Tests on a ride-hailing model and a café chain.
"""

from __future__ import annotations

import datetime as dt

import pytest

TODAY = dt.date(2026, 1, 5)

RIDES = """
semantic_models:
  - name: trips
    model: ref('trips')
    defaults: {agg_time_dimension: picked_up_on}
    entities:
      - {name: trip, type: primary, expr: trip_id}
    dimensions:
      - {name: picked_up_on, type: time, type_params: {time_granularity: day}}
      - {name: precipitation_type, type: categorical}
    measures:
      - {name: trip_count, agg: count, expr: trip_id}
      - {name: fare_sum, agg: sum, expr: fare}
metrics:
  - {name: total_trips, label: Total Trips, type: simple, type_params: {measure: trip_count}}
  - {name: total_fare, label: Total Fare, type: simple, type_params: {measure: fare_sum}}
"""
RIDES_DATA = """
create table trips (trip_id int, picked_up_on date, precipitation_type varchar, fare double);
insert into trips values (1, '2025-12-01', 'rain', 10), (2, '2025-12-01', 'rain', 12),
  (3, '2025-12-02', 'rain', 9), (4, '2025-12-02', 'none', 7), (5, '2025-12-03', 'snow', 30);
"""

CAFES = """
semantic_models:
  - name: cafe_sales
    model: ref('cafe_sales')
    defaults: {agg_time_dimension: sold_on}
    entities:
      - {name: sale, type: primary, expr: sale_id}
    dimensions:
      - {name: sold_on, type: time, type_params: {time_granularity: day}}
      - {name: weather, type: categorical}
    measures:
      - {name: revenue_sum, agg: sum, expr: amount}
metrics:
  - {name: revenue, label: Revenue, type: simple, type_params: {measure: revenue_sum}}
"""
CAFES_DATA = """
create table cafe_sales (sale_id int, sold_on date, weather varchar, amount double);
insert into cafe_sales values (1, '2025-12-01', 'rain', 10), (2, '2025-12-02', 'rain', 20),
  (3, '2025-12-03', 'sunny', 40);
"""


@pytest.fixture(scope="module")
def rides(yaml_shop):
    return yaml_shop("rides", RIDES, RIDES_DATA, TODAY)


@pytest.fixture(scope="module")
def cafes(yaml_shop):
    return yaml_shop("cafes_days", CAFES, CAFES_DATA, TODAY)


def test_rainy_days_filter_the_trips_and_are_no_grain(rides) -> None:
    a = rides.ask("下雨天的总行程数")
    assert not a.refused, a.error
    assert a.df.shape == (1, 1) and int(a.df.iloc[0, 0]) == 3


def test_rainy_days_of_a_cafe_filter_the_revenue_and_are_no_grain(cafes) -> None:
    a = cafes.ask("下雨天的收入")
    assert not a.refused, a.error
    assert a.df.shape == (1, 1) and float(a.df.iloc[0, 0]) == 30.0


def test_a_day_word_before_a_metric_is_still_a_grain(cafes) -> None:
    a = cafes.ask("每天的收入")
    assert not a.refused, a.error
    assert len(a.df) == 3
