"""Verbs of movement name the side of a role-playing table: "flights *leaving* LGA" is the
origin, "flights *arriving at* LAX" the destination, "parcels *arriving in* Lyon" the
destination depot.

"leaving" was an unknown word (refused) and "arriving at LAX" was refused as ambiguous (origin
or destination?) although the verb says which. The side is read from the model's entity names
(origin / destination, source / target...: ``rules.roles.role_of``), the verbs are general
language; a verb beside a value of one role only restates it, and one contradicting that only
role is refused. Two domains: an airline and a parcel carrier.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.semantic_helpers import answer_rows

TODAY = dt.date(2026, 7, 2)
AIRLINE = """
semantic_models:
  - name: flights
    model: ref('flights')
    defaults: {agg_time_dimension: flown_on}
    entities:
      - {name: flight, type: primary, expr: flight_id}
      - {name: origin_airport, type: foreign, expr: origin}
      - {name: destination_airport, type: foreign, expr: dest}
    dimensions:
      - {name: flown_on, type: time, type_params: {time_granularity: day}}
    measures:
      - {name: flight_count, agg: count, expr: flight_id}
  - name: origin_airports
    model: ref('airports')
    entities:
      - {name: origin_airport, type: primary, expr: code}
    dimensions:
      - {name: origin_code, type: categorical, expr: code}
  - name: destination_airports
    model: ref('airports')
    entities:
      - {name: destination_airport, type: primary, expr: code}
    dimensions:
      - {name: destination_code, type: categorical, expr: code}
metrics:
  - {name: flights, label: Flights, type: simple, type_params: {measure: flight_count}}
"""
AIRLINE_DATA = """
create table flights (flight_id int, flown_on date, origin varchar, dest varchar);
insert into flights values (1, '2026-06-01', 'LGA', 'LAX'), (2, '2026-06-02', 'LGA', 'ORD'),
  (3, '2026-06-03', 'LAX', 'LGA'), (4, '2026-06-04', 'ORD', 'LAX'), (5, '2026-06-05', 'LAX', 'ORD');
create table airports (code varchar);
insert into airports values ('LGA'), ('LAX'), ('ORD');
"""
PARCELS = """
semantic_models:
  - name: parcels
    model: ref('parcels')
    defaults: {agg_time_dimension: sent_on}
    entities:
      - {name: parcel, type: primary, expr: parcel_id}
      - {name: source_depot, type: foreign, expr: source}
      - {name: target_depot, type: foreign, expr: target}
    dimensions:
      - {name: sent_on, type: time, type_params: {time_granularity: day}}
    measures:
      - {name: parcel_count, agg: count, expr: parcel_id}
      - {name: weight, agg: sum, expr: kg}
  - name: source_depots
    model: ref('depots')
    entities:
      - {name: source_depot, type: primary, expr: city}
    dimensions:
      - {name: source_city, type: categorical, expr: city}
  - name: target_depots
    model: ref('depots')
    entities:
      - {name: target_depot, type: primary, expr: city}
    dimensions:
      - {name: target_city, type: categorical, expr: city}
metrics:
  - {name: parcels, label: Parcels, type: simple, type_params: {measure: parcel_count}}
  - {name: weight, label: Weight, type: simple, type_params: {measure: weight}}
"""
PARCELS_DATA = """
create table parcels (parcel_id int, sent_on date, source varchar, target varchar, kg int);
insert into parcels values (1, '2026-06-01', 'Lyon', 'Nice', 2), (2, '2026-06-02', 'Nice', 'Lyon', 3),
  (3, '2026-06-03', 'Paris', 'Lyon', 4), (4, '2026-06-04', 'Lyon', 'Paris', 5);
create table depots (city varchar);
insert into depots values ('Lyon'), ('Nice'), ('Paris');
"""


@pytest.fixture(scope="module")
def airline(yaml_shop):
    return yaml_shop("motion_airline", AIRLINE, AIRLINE_DATA, TODAY)


@pytest.fixture(scope="module")
def parcels(yaml_shop):
    return yaml_shop("motion_parcels", PARCELS, PARCELS_DATA, TODAY)


@pytest.mark.parametrize(
    ("question", "rows"),
    [
        ("flights leaving LGA", [(2,)]),
        ("how many flights departed LAX", [(2,)]),
        ("flights arriving at LAX", [(2,)]),
        ("how many flights landed in ORD", [(2,)]),
        ("flights arriving from LAX", [(2,)]),  # "from" says the side itself
    ],
)
def test_airline(airline, question, rows) -> None:
    a = airline.ask(question)
    assert a.ok, (question, a.error)
    assert answer_rows(a) == rows


@pytest.mark.parametrize(
    ("question", "rows"),
    [
        ("parcels arriving in Lyon", [(2,)]),
        ("weight of parcels leaving Lyon", [(7,)]),
    ],
)
def test_parcels(parcels, question, rows) -> None:
    a = parcels.ask(question)
    assert a.ok, (question, a.error)
    assert answer_rows(a) == rows


@pytest.mark.parametrize(
    "question",
    [
        "flights arriving late",  # no place after the verb: never dropped
        "flights leaving",
    ],
)
def test_a_verb_without_a_place_is_refused(airline, question) -> None:
    a = airline.ask(question)
    assert a.refused, (question, a.interpretation)
