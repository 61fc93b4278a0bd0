"""A partial name fitting places in two roles and one other thing is that thing: "Atlas shipments".

Why: "median departure delay for Delta flights" was refused because "Delta" starts two airport
names and one airline's; an airport needs its role (origin or destination) and none is named,
so only the airline can be meant. With a direction word the clarification stays. Two domains:
a freight network (warehouses as origin/destination, carriers) and a rail network (stations as
from/to, operators).
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.semantic_helpers import ok_value

TODAY = dt.date(2026, 3, 5)

FREIGHT_MODEL = """
semantic_models:
  - name: shipments
    model: ref('shipments')
    defaults: {agg_time_dimension: shipped_at}
    entities:
      - {name: shipment, type: primary, expr: shipment_id}
      - {name: origin_warehouse, type: foreign, expr: origin_id}
      - {name: destination_warehouse, type: foreign, expr: destination_id}
      - {name: carrier, type: foreign, expr: carrier_id}
    dimensions:
      - {name: shipped_at, type: time, type_params: {time_granularity: day}}
    measures:
      - {name: shipments, agg: count, expr: shipment_id}
  - name: warehouses
    model: ref('warehouses')
    entities:
      - {name: origin_warehouse, type: primary, expr: warehouse_id}
      - {name: destination_warehouse, type: unique, expr: warehouse_id}
    dimensions:
      - {name: warehouse_name, type: categorical}
  - name: carriers
    model: ref('carriers')
    entities:
      - {name: carrier, type: primary, expr: carrier_id}
    dimensions:
      - {name: carrier_name, type: categorical}
metrics:
  - {name: shipments, label: Shipments, type: simple, type_params: {measure: shipments}}
"""
FREIGHT_DATA = """
create table shipments (shipment_id int, origin_id int, destination_id int, carrier_id int,
  shipped_at date);
insert into shipments values
  (1, 1, 2, 10, '2026-01-10'), (2, 2, 3, 11, '2026-02-11'), (3, 3, 1, 10, '2026-02-12'),
  (4, 1, 3, 11, '2026-02-13');
create table warehouses (warehouse_id int, warehouse_name varchar);
insert into warehouses values (1, 'Atlas North Depot'), (2, 'Atlas South Depot'), (3, 'Keel Hub');
create table carriers (carrier_id int, carrier_name varchar);
insert into carriers values (10, 'Atlas Freight Co'), (11, 'Keel Lines');
"""

RAIL_MODEL = """
semantic_models:
  - name: trips
    model: ref('trips')
    defaults: {agg_time_dimension: departed_at}
    entities:
      - {name: trip, type: primary, expr: trip_id}
      - {name: origin_station, type: foreign, expr: from_id}
      - {name: destination_station, type: foreign, expr: to_id}
      - {name: operator, type: foreign, expr: operator_id}
    dimensions:
      - {name: departed_at, type: time, type_params: {time_granularity: day}}
    measures:
      - {name: passengers, agg: sum, expr: riders}
  - name: stations
    model: ref('stations')
    entities:
      - {name: origin_station, type: primary, expr: station_id}
      - {name: destination_station, type: unique, expr: station_id}
    dimensions:
      - {name: station_name, type: categorical}
  - name: operators
    model: ref('operators')
    entities:
      - {name: operator, type: primary, expr: operator_id}
    dimensions:
      - {name: operator_name, type: categorical}
metrics:
  - {name: passengers, label: Passengers, type: simple, type_params: {measure: passengers}}
"""
RAIL_DATA = """
create table trips (trip_id int, from_id int, to_id int, operator_id int, departed_at date,
  riders int);
insert into trips values
  (1, 1, 2, 7, '2026-01-10', 100), (2, 2, 1, 8, '2026-02-11', 40), (3, 1, 3, 7, '2026-02-12', 60);
create table stations (station_id int, station_name varchar);
insert into stations values (1, 'Union Square'), (2, 'Union Station'), (3, 'Mill Road');
create table operators (operator_id int, operator_name varchar);
insert into operators values (7, 'Union Rail Ltd'), (8, 'Mill Trains');
"""


@pytest.fixture(scope="module")
def freight(yaml_shop):
    return yaml_shop("freight_partial_roles", FREIGHT_MODEL, FREIGHT_DATA, TODAY)


@pytest.fixture(scope="module")
def rail(yaml_shop):
    return yaml_shop("rail_partial_roles", RAIL_MODEL, RAIL_DATA, TODAY)


def test_atlas_shipments_are_the_carriers(freight) -> None:
    a = freight.ask("how many Atlas shipments")
    assert ok_value(a) == 2  # shipments 1 and 3 by Atlas Freight Co
    assert "Atlas Freight Co" in a.interpretation


def test_a_direction_word_keeps_the_clarification(freight) -> None:
    a = freight.ask("shipments from Atlas")
    assert a.refused
    assert "Atlas North Depot" in a.reason


def test_union_trips_are_the_operators(rail) -> None:
    a = rail.ask("passengers on Union trips")
    assert ok_value(a) == 160  # trips 1 and 3 run by Union Rail Ltd
    assert "Union Rail Ltd" in a.interpretation
    assert rail.ask("passengers to Union").refused
