"""An entity with no model of its own is shown by the name its referencing model carries.

"no-show rate by brand" on a care group's daily facility fact (``brand`` only ever a foreign
key, ``brand_name`` a column of the same fact) grouped by bare ids 1..5. The name the fact
carries for the entity (``<entity>_name``) now sits beside the key, as an entity's own name
dimension does (``rules.naming``). Two domains: a freight fact whose carrier has no model and a
hotel-stay fact whose hotel has none.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.semantic_helpers import answer_rows

TODAY = dt.date(2025, 6, 15)

FREIGHT = """
semantic_models:
  - name: shipments
    model: ref('fct_shipments')
    defaults:
      agg_time_dimension: shipped_date
    entities:
      - {name: shipment, type: primary, expr: shipment_id}
      - {name: carrier, type: foreign, expr: carrier_id}
    dimensions:
      - {name: shipped_date, type: time, type_params: {time_granularity: day}}
      - {name: carrier_name, type: categorical}
      - {name: lane, type: categorical}
    measures:
      - {name: shipment_count, agg: count, expr: shipment_id}
      - {name: freight_cost, agg: sum, expr: cost}
metrics:
  - {name: shipments, label: Shipments, type: simple, type_params: {measure: shipment_count}}
  - {name: freight_spend, label: Freight Spend, type: simple, type_params: {measure: freight_cost}}
"""
FREIGHT_DATA = """
create table fct_shipments as select * from (values
  (1, 10, 'Northline', 'east', date '2025-05-02', 100.0),
  (2, 10, 'Northline', 'west', date '2025-05-03', 50.0),
  (3, 20, 'Bayfreight', 'east', date '2025-05-04', 70.0)
) t(shipment_id, carrier_id, carrier_name, lane, shipped_date, cost);
"""

HOTELS = """
semantic_models:
  - name: stays
    model: ref('fct_stays')
    defaults:
      agg_time_dimension: check_in_date
    entities:
      - {name: stay, type: primary, expr: stay_id}
      - {name: hotel, type: foreign, expr: home_hotel_id}
    dimensions:
      - {name: check_in_date, type: time, type_params: {time_granularity: day}}
      - {name: home_hotel_name, type: categorical}
    measures:
      - {name: room_nights, agg: sum, expr: nights}
metrics:
  - {name: nights, label: Room Nights, type: simple, type_params: {measure: room_nights}}
"""
HOTELS_DATA = """
create table fct_stays as select * from (values
  (1, 7, 'Harbour View', date '2025-05-02', 3),
  (2, 7, 'Harbour View', date '2025-05-09', 2),
  (3, 8, 'Old Mill Inn', date '2025-05-04', 4)
) t(stay_id, home_hotel_id, home_hotel_name, check_in_date, nights);
"""


@pytest.fixture(scope="module")
def freight(yaml_shop):
    return yaml_shop("carried_freight", FREIGHT, FREIGHT_DATA, TODAY)


@pytest.fixture(scope="module")
def hotels(yaml_shop):
    return yaml_shop("carried_hotels", HOTELS, HOTELS_DATA, TODAY)


@pytest.mark.parametrize("question", ["freight spend by carrier", "各carrier的freight spend"])
def test_carrier_shown_by_the_name_the_fact_carries(freight, question) -> None:
    a = freight.ask(question)
    assert a.ok, (question, a.error)
    assert a.query.group_by == ["carrier", "shipment__carrier_name"]
    assert answer_rows(a) == [(10, "Northline", 150.0), (20, "Bayfreight", 70.0)]


def test_hotel_shown_by_its_prefixed_carried_name(hotels) -> None:
    a = hotels.ask("room nights by hotel")
    assert a.ok, a.error
    assert answer_rows(a) == [(7, "Harbour View", 5), (8, "Old Mill Inn", 4)]


def test_a_grouping_by_the_name_itself_is_unchanged(freight) -> None:
    a = freight.ask("shipments by carrier name")
    assert a.ok, a.error
    assert a.query.group_by == ["shipment__carrier_name"]
    assert answer_rows(a) == [("Bayfreight", 1), ("Northline", 2)]


def test_a_carried_name_is_not_the_referencing_entitys_own_name(freight, hotels) -> None:
    # carrier_name / home_hotel_name name the carrier and the hotel, not the shipment or stay
    a = freight.ask("top 2 shipments by freight spend")
    assert a.ok, a.error
    assert a.query.group_by == ["shipment"]
    assert answer_rows(a) == [(1, 100.0), (3, 70.0)]
    b = hotels.ask("top 1 stay by room nights")
    assert b.ok, b.error
    assert b.query.group_by == ["stay"]
    assert answer_rows(b) == [(3, 4)]


COURIERS = """
semantic_models:
  - name: deliveries
    model: ref('fct_deliveries')
    defaults:
      agg_time_dimension: delivered_date
    entities:
      - {name: delivery, type: primary, expr: delivery_id}
      - {name: courier, type: foreign, expr: driver_id}
    dimensions:
      - {name: delivered_date, type: time, type_params: {time_granularity: day}}
      - {name: driver_name, type: categorical}
      - {name: zone_name, type: categorical}
    measures:
      - {name: delivery_count, agg: count, expr: delivery_id}
metrics:
  - {name: deliveries, label: Deliveries, type: simple, type_params: {measure: delivery_count}}
"""
COURIERS_DATA = """
create table fct_deliveries as select * from (values
  (1, 31, 'Ana Ruiz', 'North', date '2025-05-02'),
  (2, 31, 'Ana Ruiz', 'South', date '2025-05-03'),
  (3, 32, 'Ben Okafor', 'North', date '2025-05-04')
) t(delivery_id, driver_id, driver_name, zone_name, delivered_date);
"""


@pytest.fixture(scope="module")
def couriers(yaml_shop):
    return yaml_shop("carried_couriers", COURIERS, COURIERS_DATA, TODAY)


@pytest.mark.parametrize("question", ["deliveries for each courier", "各courier的deliveries"])
def test_entity_named_otherwise_shown_by_its_key_columns_name(couriers, question) -> None:
    # the courier is held in driver_id; driver_name (same stem as the key column) names it,
    # zone_name (another column's stem) does not
    a = couriers.ask(question)
    assert a.ok, (question, a.error)
    assert a.query.group_by == ["courier", "delivery__driver_name"]
    assert answer_rows(a) == [(31, "Ana Ruiz", 2), (32, "Ben Okafor", 1)]
