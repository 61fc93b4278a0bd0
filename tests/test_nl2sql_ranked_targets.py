"""A ranked noun after a number is what is ranked, and a rank needs something to rank.

"到访次数最多的两个地点" (the two locations with the most visits) on a fresh public dbt project
answered the one total of all visits as "the top 2": after a counted noun (到访次数) the rank
pass took the noun after "两个" as the thing counted, found no count of locations, and dropped
it. A noun after a number is the ranked target; and a top/bottom N with nothing to rank is
refused instead of answering the overall total ("top 2 by flights" answered 10).
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.semantic_helpers import last_two_in_order

TODAY = dt.date(2026, 5, 1)
SHOP = """
semantic_models:
  - name: orders
    model: ref('orders')
    defaults: {agg_time_dimension: ordered_on}
    entities:
      - {name: order, type: primary, expr: order_id}
      - {name: store, type: foreign, expr: store_id}
    dimensions:
      - {name: ordered_on, type: time, type_params: {time_granularity: day}}
    measures:
      - {name: order_count, agg: count, expr: order_id}
  - name: stores
    model: ref('stores')
    entities:
      - {name: store, type: primary, expr: store_id}
    dimensions:
      - {name: store_name, type: categorical}
metrics:
  - {name: orders, label: Orders, type: simple, type_params: {measure: order_count}}
"""
SHOP_DATA = """
create table stores (store_id int, store_name varchar);
insert into stores values (1, 'Elm Street'), (2, 'Harbour'), (3, 'Airport');
create table orders as select i as order_id, case when i <= 5 then 2 when i <= 8 then 3 else 1 end
  as store_id, date '2026-04-03' as ordered_on from range(1, 11) t(i);
"""
CLINIC = """
semantic_models:
  - name: appointments
    model: ref('appointments')
    defaults: {agg_time_dimension: booked_on}
    entities:
      - {name: appointment, type: primary, expr: appointment_id}
      - {name: doctor, type: foreign, expr: doctor_id}
    dimensions:
      - {name: booked_on, type: time, type_params: {time_granularity: day}}
    measures:
      - {name: appointment_count, agg: count, expr: appointment_id}
  - name: doctors
    model: ref('doctors')
    entities:
      - {name: doctor, type: primary, expr: doctor_id}
    dimensions:
      - {name: doctor_name, type: categorical}
metrics:
  - {name: appointments, label: Appointments, type: simple, type_params: {measure: appointment_count}}
"""
CLINIC_DATA = """
create table doctors (doctor_id int, doctor_name varchar);
insert into doctors values (1, 'Dr Li'), (2, 'Dr Wang'), (3, 'Dr Chen');
create table appointments as select i as appointment_id,
  case when i <= 2 then 1 when i <= 8 then 2 else 3 end as doctor_id,
  date '2026-04-08' as booked_on from range(1, 11) t(i);
"""
AIR = """
semantic_models:
  - name: flights
    model: ref('flights')
    defaults: {agg_time_dimension: flight_date}
    entities:
      - {name: flight, type: primary, expr: flight_id}
      - {name: airport, type: foreign, expr: airport_code}
    dimensions:
      - {name: flight_date, type: time, type_params: {time_granularity: day}}
    measures:
      - {name: flight_count, agg: count, expr: flight_id}
  - name: airports
    model: ref('airports')
    entities:
      - {name: airport, type: primary, expr: airport_code}
    dimensions:
      - {name: airport_name, type: categorical}
metrics:
  - {name: flights, label: Flights, type: simple, type_params: {measure: flight_count}}
"""
AIR_DATA = """
create table airports (airport_code varchar, airport_name varchar);
insert into airports values ('PEK', 'Beijing Capital'), ('PVG', 'Shanghai Pudong'), ('CAN', 'Guangzhou Baiyun');
create table flights as select i as flight_id,
  case when i <= 1 then 'PEK' when i <= 7 then 'PVG' else 'CAN' end as airport_code,
  date '2026-04-08' as flight_date from range(1, 11) t(i);
"""


@pytest.fixture(scope="module")
def shop(yaml_shop):
    return yaml_shop("shop", SHOP, SHOP_DATA, TODAY)


@pytest.fixture(scope="module")
def air(yaml_shop):
    return yaml_shop("air", AIR, AIR_DATA, TODAY)


@pytest.mark.parametrize("question", ["订单数最多的两个门店", "订单量最多的2个门店"])
def test_the_stores_with_the_most_orders(shop, question: str) -> None:
    assert last_two_in_order(shop.ask(question)) == [("Harbour", 5), ("Airport", 3)]


def test_the_airport_with_the_most_flights(air) -> None:
    assert last_two_in_order(air.ask("航班数最多的机场")) == [("Shanghai Pudong", 6)]
    assert last_two_in_order(air.ask("航班数最多的两个机场")) == [
        ("Shanghai Pudong", 6),
        ("Guangzhou Baiyun", 3),
    ]


@pytest.mark.parametrize("question", ["top 2 by flights", "航班数最多的两个"])
def test_a_rank_over_nothing_is_refused(air, question: str) -> None:
    a = air.ask(question)
    assert a.refused and a.df is None
