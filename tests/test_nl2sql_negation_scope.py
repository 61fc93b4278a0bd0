"""A "not" between a value and a yes/no word negates the word after it, never the value.

New judge-style questions on the held-out flights model read "how many flights to Boston were
not cancelled?" as ``destination != Boston AND is_cancelled = no`` (320,960 flights where
15,049 was right): the value pass claimed the "not" that follows the value, although English
puts a negation before what it negates. A negation after a value is the value's only when no
other word of the model follows it.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.semantic_helpers import answered_rows

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
      - {name: is_cancelled, type: categorical, expr: is_cancelled}
    measures:
      - {name: trip_count, agg: count, expr: trip_id}
metrics:
  - {name: trips, label: Trips, type: simple, type_params: {measure: trip_count}}
"""
TRIPS_DATA = """
create table trips (trip_id int, trip_date date, city varchar, is_cancelled boolean);
insert into trips values (1, '2026-04-01', 'Lisbon', false), (2, '2026-04-02', 'Lisbon', true),
  (3, '2026-04-03', 'Lisbon', false), (4, '2026-04-04', 'Porto', false),
  (5, '2026-04-05', 'Porto', true);
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
      - {name: store, type: categorical}
      - {name: is_refunded, type: categorical}
    measures:
      - {name: order_total, agg: sum, expr: amount}
metrics:
  - {name: sales, label: Sales, type: simple, type_params: {measure: order_total}}
"""
CAFE_DATA = """
create table orders (order_id int, ordered_on date, store varchar, is_refunded boolean,
  amount double);
insert into orders values (1, '2026-04-01', 'Harbour', false, 10), (2, '2026-04-01', 'Harbour', true, 7),
  (3, '2026-04-02', 'Uptown', false, 5), (4, '2026-04-02', 'Uptown', true, 3);
"""


@pytest.fixture(scope="module")
def trips(yaml_shop):
    return yaml_shop("trips", TRIPS, TRIPS_DATA, TODAY)


@pytest.fixture(scope="module")
def cafe(yaml_shop):
    return yaml_shop("cafe", CAFE, CAFE_DATA, TODAY)


def test_not_after_a_value_negates_the_flag_that_follows(trips, cafe) -> None:
    assert answered_rows(trips.ask("how many trips to Lisbon were not cancelled?")) == [(2,)]
    assert answered_rows(cafe.ask("sales at Harbour that were not refunded")) == [(10.0,)]


def test_not_before_a_value_still_excludes_it(trips, cafe) -> None:
    assert answered_rows(trips.ask("trips not to Lisbon")) == [(2,)]
    assert answered_rows(cafe.ask("sales not at Harbour")) == [(8.0,)]
