"""Two English words naming values of one dimension side by side are a modifier and its head,
not a list: refused with each value offered (``rules.passes.values._side_by_side``).

"bookings of family suites" on a hotel whose `room_type` has both "family" and "suite" was
answered as ``room_type in (family, suite)`` (every family room and every suite), and
"tickets in premium economy" on an airline whose `cabin` has "premium" and "economy" as
``cabin in (premium, economy)``: wrong answers. A list is written with a separator ("family,
suite", "family and suite") and stays a list.
Two domains: a hotel's room types and an airline's cabins.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.semantic_helpers import ok_value

TODAY = dt.date(2026, 7, 2)
HOTEL = """
semantic_models:
  - name: bookings
    model: ref('bookings')
    defaults: {agg_time_dimension: booked_on}
    entities:
      - {name: booking, type: primary, expr: booking_id}
    dimensions:
      - {name: booked_on, type: time, type_params: {time_granularity: day}}
      - {name: room_type, type: categorical}
    measures:
      - {name: booking_count, agg: count, expr: booking_id}
metrics:
  - {name: bookings, label: Bookings, type: simple, type_params: {measure: booking_count}}
"""
HOTEL_DATA = """
create table bookings (booking_id int, booked_on date, room_type varchar);
insert into bookings values (1, '2026-06-01', 'family'), (2, '2026-06-02', 'family'),
  (3, '2026-06-03', 'suite'), (4, '2026-06-04', 'standard'), (5, '2026-06-05', 'suite'),
  (6, '2026-06-05', 'suite');
"""
AIRLINE = """
semantic_models:
  - name: tickets
    model: ref('tickets')
    defaults: {agg_time_dimension: sold_on}
    entities:
      - {name: ticket, type: primary, expr: ticket_id}
    dimensions:
      - {name: sold_on, type: time, type_params: {time_granularity: day}}
      - {name: cabin, type: categorical}
    measures:
      - {name: ticket_count, agg: count, expr: ticket_id}
      - {name: fare_total, agg: sum, expr: fare}
metrics:
  - {name: tickets, label: Tickets, type: simple, type_params: {measure: ticket_count}}
  - {name: fares, label: Fares, type: simple, type_params: {measure: fare_total}}
"""
AIRLINE_DATA = """
create table tickets (ticket_id int, sold_on date, cabin varchar, fare double);
insert into tickets values (1, '2026-06-01', 'premium', 900), (2, '2026-06-01', 'economy', 200),
  (3, '2026-06-02', 'economy', 250), (4, '2026-06-02', 'business', 1500);
"""


@pytest.fixture(scope="module")
def hotel(yaml_shop):
    return yaml_shop("side_by_side_hotel", HOTEL, HOTEL_DATA, TODAY)


@pytest.fixture(scope="module")
def airline(yaml_shop):
    return yaml_shop("side_by_side_airline", AIRLINE, AIRLINE_DATA, TODAY)


def test_modifier_and_head_values_are_refused_with_each_offered(hotel) -> None:
    a = hotel.ask("bookings of family suites")
    assert a.refused
    assert "side by side" in a.error
    offered = " | ".join(a.suggestions)
    assert "family" in offered and "suite" in offered
    for s in a.suggestions:  # each suggestion runs and names one room type
        assert hotel.ask(s).ok, s


def test_two_cabin_words_side_by_side_are_refused(airline) -> None:
    a = airline.ask("fares of tickets in premium economy")
    assert a.refused
    assert "side by side" in a.error


def test_a_written_list_is_still_both_values(hotel, airline) -> None:
    assert ok_value(hotel.ask("bookings of family and suite rooms")) == 5
    assert ok_value(hotel.ask("bookings of family, suite")) == 5
    assert ok_value(airline.ask("fares of premium or economy tickets")) == 1350
