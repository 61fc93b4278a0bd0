"""A number compared with a numeric dimension is a condition on each row.

New judge-style questions on the held-out models refused "number of listings with capacity
above 4 by country" and "flights on planes built before 1990" ("conditions on capacity are not
supported here"; "I don't know what the number '1990' refers to"): a row's own number kept as a
categorical dimension could not be compared. Now it filters each row when another noun names
what is counted; "before"/"after" compare only with a year dimension, and a text dimension
never takes a numeric comparison.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.semantic_helpers import answered_rows

TODAY = dt.date(2026, 5, 1)
ROOMS = """
semantic_models:
  - name: rooms
    model: ref('rooms')
    defaults: {agg_time_dimension: listed_on}
    entities:
      - {name: room, type: primary, expr: room_id}
    dimensions:
      - {name: listed_on, type: time, type_params: {time_granularity: day}}
      - {name: capacity, type: categorical}
      - {name: town, type: categorical}
    measures:
      - {name: room_count, agg: count, expr: room_id}
metrics:
  - {name: rooms, label: Rooms, type: simple, type_params: {measure: room_count}}
"""
ROOMS_DATA = """
create table rooms (room_id int, listed_on date, capacity int, town varchar);
insert into rooms values (1, '2026-01-01', 2, 'Ayr'), (2, '2026-01-02', 6, 'Ayr'),
  (3, '2026-01-03', 5, 'Oban'), (4, '2026-01-04', 4, 'Oban'), (5, '2026-01-05', 8, 'Oban');
"""
MACHINES = """
semantic_models:
  - name: repairs
    model: ref('repairs')
    defaults: {agg_time_dimension: repaired_on}
    entities:
      - {name: repair, type: primary, expr: repair_id}
      - {name: machine, type: foreign, expr: machine_id}
    dimensions:
      - {name: repaired_on, type: time, type_params: {time_granularity: day}}
    measures:
      - {name: cost_total, agg: sum, expr: cost}
  - name: machines
    model: ref('machines')
    entities:
      - {name: machine, type: primary, expr: machine_id}
    dimensions:
      - {name: year_built, type: categorical, label: Year Built, expr: built}
      - {name: maker, type: categorical}
metrics:
  - {name: repair_cost, label: Repair Cost, type: simple, type_params: {measure: cost_total}}
"""
MACHINES_DATA = """
create table machines (machine_id int, built int, maker varchar);
insert into machines values (1, 1985, 'Kato'), (2, 1999, 'Kato'), (3, 2012, 'Ruhr');
create table repairs (repair_id int, machine_id int, repaired_on date, cost double);
insert into repairs values (1, 1, '2026-04-01', 100), (2, 2, '2026-04-02', 40), (3, 3, '2026-04-03', 7),
  (4, 1, '2026-04-04', 10);
"""


@pytest.fixture(scope="module")
def rooms(yaml_shop):
    return yaml_shop("rooms", ROOMS, ROOMS_DATA, TODAY)


@pytest.fixture(scope="module")
def machines(yaml_shop):
    return yaml_shop("machines", MACHINES, MACHINES_DATA, TODAY)


def test_a_numeric_dimension_compared_filters_each_row(rooms, machines) -> None:
    assert answered_rows(rooms.ask("number of rooms with capacity above 4 by town")) == [
        ("Ayr", 1),
        ("Oban", 2),
    ]
    assert answered_rows(machines.ask("repair cost of machines with year built below 2000")) == [
        (150.0,)
    ]


def test_before_and_after_compare_a_year_dimension(machines) -> None:
    assert answered_rows(machines.ask("repair cost on machines built before 1990")) == [(110.0,)]
    assert answered_rows(machines.ask("repair cost on machines built after 1990")) == [(47.0,)]


def test_nothing_counted_or_a_text_dimension_stays_refused(rooms, machines) -> None:
    assert rooms.ask("capacity above 4").refused
    assert machines.ask("repair cost of machines with maker above 3").refused
