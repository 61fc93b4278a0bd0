"""A word naming values of two dimensions that select exactly the same rows is not ambiguous.

Models carry a raw column beside one derived from it ("Mortgage" in ``product`` and "mortgage"
in ``product_category``). Either filter gives the same answer, yet the word was refused as
ambiguous. ``semantic_layer.value_twins`` checks in the data that the two values pick the same
rows; values written alike that differ in even one row stay a clarification.
"""

from __future__ import annotations

import datetime as dt

import pytest

from semantic_layer.value_twins import candidate_pairs
from tests.semantic_helpers import answer_rows

TODAY = dt.date(2026, 7, 2)
TICKETS = """
semantic_models:
  - name: tickets
    model: ref('tickets')
    defaults: {agg_time_dimension: opened_on}
    entities:
      - {name: ticket, type: primary, expr: ticket_id}
    dimensions:
      - {name: opened_on, type: time, type_params: {time_granularity: day}}
      - {name: channel, type: categorical}
      - {name: channel_group, type: categorical}
      - {name: region, type: categorical}
      - {name: sales_region, type: categorical}
    measures:
      - {name: ticket_count, agg: count, expr: ticket_id}
metrics:
  - {name: tickets, label: Tickets, type: simple, type_params: {measure: ticket_count}}
"""
# channel_group is derived from channel (Chat -> chat); sales_region only mostly
# follows region (one North ticket sits in the South sales region)
TICKETS_DATA = """
create table tickets (ticket_id int, opened_on date, channel varchar, channel_group varchar,
  region varchar, sales_region varchar);
insert into tickets values
  (1, '2026-06-01', 'Chat', 'chat', 'North', 'north'),
  (2, '2026-06-02', 'Chat', 'chat', 'North', 'south'),
  (3, '2026-06-03', 'Phone', 'other', 'South', 'south'),
  (4, '2026-06-04', 'Email', 'other', 'North', 'north');
"""
FLIGHTS = """
semantic_models:
  - name: flights
    model: ref('flights')
    defaults: {agg_time_dimension: flown_on}
    entities:
      - {name: flight, type: primary, expr: flight_id}
    dimensions:
      - {name: flown_on, type: time, type_params: {time_granularity: day}}
      - {name: aircraft_type, type: categorical}
      - {name: fleet_segment, type: categorical}
    measures:
      - {name: seats, agg: sum, expr: seats}
metrics:
  - {name: seats, label: Seats flown, type: simple, type_params: {measure: seats}}
"""
FLIGHTS_DATA = """
create table flights (flight_id int, flown_on date, aircraft_type varchar, fleet_segment varchar,
  seats int);
insert into flights values (1, '2026-06-01', 'Turboprop', 'turboprop', 70),
  (2, '2026-06-01', 'Narrowbody', 'mainline', 180), (3, '2026-06-02', 'Turboprop',
  'turboprop', 76), (4, '2026-06-02', 'Widebody', 'mainline', 300);
"""


@pytest.fixture(scope="module")
def tickets(yaml_shop):
    return yaml_shop("twins_tickets", TICKETS, TICKETS_DATA, TODAY)


@pytest.fixture(scope="module")
def flights(yaml_shop):
    return yaml_shop("twins_flights", FLIGHTS, FLIGHTS_DATA, TODAY)


def test_support_channel_and_its_group_select_the_same_rows(tickets) -> None:
    a = tickets.ask("how many chat tickets")
    assert a.ok, a.error
    assert answer_rows(a) == [(2,)]


def test_values_written_alike_on_different_rows_stay_ambiguous(tickets) -> None:
    """Control: "north" is region North (3 tickets) or sales region north (2): ask which."""
    a = tickets.ask("how many north tickets")
    assert not a.ok
    assert "ambiguous" in (a.error or "")


def test_aircraft_type_and_fleet_segment(flights) -> None:
    a = flights.ask("seats flown on turboprop flights")
    assert a.ok, a.error
    assert answer_rows(a) == [(146,)]


def test_only_values_written_alike_are_compared() -> None:
    pairs = candidate_pairs(
        [("t__a", "a", ("Live chat", "Phone")), ("t__b", "b", ("live_chat", "voice"))]
    )
    assert pairs == [(("t__a", "a", "Live chat"), ("t__b", "b", "live_chat"))]
