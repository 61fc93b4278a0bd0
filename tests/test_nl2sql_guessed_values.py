"""An answer with no data for a value named only in part is refused, with the other values
whose names contain the word.

New judge-style questions on the held-out flights model answered "average arrival delay of
flights flown into Atlanta" with NULL ('Atlanta' fits the start of "Atlanta Regional Airport -
Falcon Field", where no flight goes; the airport is "Hartsfield Jackson Atlanta Intl") and
"flights to Boston" with 0 ("Boston Back Bay Station", a train station). A value typed in full
keeps its answer, data or not.
"""

from __future__ import annotations

import datetime as dt

import pytest

from nl2sql.guessed_values import has_no_data

TODAY = dt.date(2026, 5, 1)
RIDES = """
semantic_models:
  - name: rides
    model: ref('rides')
    defaults: {agg_time_dimension: ride_date}
    entities:
      - {name: ride, type: primary, expr: ride_id}
      - {name: station, type: foreign, expr: station_code}
    dimensions:
      - {name: ride_date, type: time, type_params: {time_granularity: day}}
    measures:
      - {name: ride_count, agg: count, expr: ride_id}
      - {name: fare_avg, agg: average, expr: fare}
  - name: stations
    model: ref('stations')
    entities:
      - {name: station, type: primary, expr: station_code}
    dimensions:
      - {name: station_name, type: categorical, expr: name}
metrics:
  - {name: rides, label: Rides, type: simple, type_params: {measure: ride_count}}
  - {name: average_fare, label: Average Fare, type: simple, type_params: {measure: fare_avg}}
"""
RIDES_DATA = """
create table stations (station_code varchar, name varchar);
insert into stations values ('MAR', 'Marlow Junction Depot'), ('CEN', 'Central Marlow Terminal'),
  ('OAK', 'Oakley Halt');
create table rides (ride_id int, ride_date date, station_code varchar, fare double);
insert into rides values (1, '2026-04-01', 'CEN', 4), (2, '2026-04-02', 'CEN', 6),
  (3, '2026-04-03', 'OAK', 3);
"""
SHOPS = """
semantic_models:
  - name: sales
    model: ref('sales')
    defaults: {agg_time_dimension: sold_on}
    entities:
      - {name: sale, type: primary, expr: sale_id}
      - {name: shop, type: foreign, expr: shop_id}
    dimensions:
      - {name: sold_on, type: time, type_params: {time_granularity: day}}
    measures:
      - {name: sales_total, agg: sum, expr: amount}
  - name: shops
    model: ref('shops')
    entities:
      - {name: shop, type: primary, expr: shop_id}
    dimensions:
      - {name: shop_name, type: categorical}
metrics:
  - {name: revenue, label: Revenue, type: simple, type_params: {measure: sales_total}}
"""
SHOPS_DATA = """
create table shops (shop_id int, shop_name varchar);
insert into shops values (1, 'Harbour Point Outlet'), (2, 'Old Harbour Market'), (3, 'Kestrel Mall');
create table sales (sale_id int, shop_id int, sold_on date, amount double);
insert into sales values (1, 2, '2026-04-01', 30), (2, 2, '2026-04-02', 20), (3, 3, '2026-04-03', 5);
"""


@pytest.fixture(scope="module")
def rides(yaml_shop):
    return yaml_shop("rides", RIDES, RIDES_DATA, TODAY)


@pytest.fixture(scope="module")
def shops(yaml_shop):
    return yaml_shop("shops", SHOPS, SHOPS_DATA, TODAY)


def test_a_partial_name_with_no_data_is_refused_with_the_names_that_contain_it(rides) -> None:
    a = rides.ask("average fare at Marlow")
    assert a.refused and a.df is None
    assert "Marlow Junction Depot" in a.error
    assert a.suggestions == ["average fare at Central Marlow Terminal"]
    assert rides.ask(a.suggestions[0]).df.iloc[0, 0] == 5.0


def test_a_partial_name_with_no_data_is_refused_on_another_model(shops) -> None:
    a = shops.ask("revenue of Harbour")
    assert a.refused and a.df is None
    assert a.suggestions == ["revenue of Old Harbour Market"]


def test_a_partial_name_with_data_and_a_full_name_without_stay_answers(rides, shops) -> None:
    assert rides.ask("rides at Oakley").df.iloc[0, 0] == 1
    full = shops.ask("revenue of Harbour Point Outlet")
    assert not full.refused and has_no_data(full.df, ["revenue"])
