"""To-date periods in words: "since the start of this year", "this month so far", "quarter to
date", "so far this week" run from the start of the current calendar unit to today.

"How many visits have we had since the start of this year?" was refused on a fresh public dbt
project ("I don't know 'start'"): only "year to date" / "ytd" / 今年以来 were read.
"""

from __future__ import annotations

import datetime as dt

import pytest

from nl2sql.timeparse import find_times
from tests.semantic_helpers import answered_value
from tests.tiny_models import FLIGHT_COUNT as FLIGHTS

TODAY = dt.date(2026, 5, 13)  # a Wednesday

# one flight each on 2025-12-31, 2026-01-05, 2026-04-30, 2026-05-02, 2026-05-12
FLIGHTS_DATA = """
create table flights (flight_id int, flight_date date);
insert into flights values (1, '2025-12-31'), (2, '2026-01-05'), (3, '2026-04-30'),
  (4, '2026-05-02'), (5, '2026-05-12');
"""
TICKETS = """
semantic_models:
  - name: tickets
    model: ref('tickets')
    defaults: {agg_time_dimension: opened_on}
    entities:
      - {name: ticket, type: primary, expr: ticket_id}
    dimensions:
      - {name: opened_on, type: time, type_params: {time_granularity: day}}
    measures:
      - {name: ticket_count, agg: count, expr: ticket_id}
metrics:
  - {name: tickets, label: Tickets, type: simple, type_params: {measure: ticket_count}}
"""
TICKETS_DATA = """
create table tickets (ticket_id int, opened_on date);
insert into tickets values (1, '2026-03-31'), (2, '2026-04-01'), (3, '2026-05-10'),
  (4, '2026-05-11'), (5, '2026-05-13');
"""


@pytest.fixture(scope="module")
def flights(yaml_shop):
    return yaml_shop("to_date_flights", FLIGHTS, FLIGHTS_DATA, TODAY)


@pytest.fixture(scope="module")
def tickets(yaml_shop):
    return yaml_shop("to_date_tickets", TICKETS, TICKETS_DATA, TODAY)


def test_the_periods_start_at_the_current_unit() -> None:
    got = {
        q: find_times(q, TODAY)[0].range.start
        for q in (
            "since the start of this year",
            "this month so far",
            "quarter to date",
            "so far this week",
        )
    }
    assert got == {
        "since the start of this year": dt.date(2026, 1, 1),
        "this month so far": dt.date(2026, 5, 1),
        "quarter to date": dt.date(2026, 4, 1),
        "so far this week": dt.date(2026, 5, 11),
    }


def test_flights_since_the_start_of_this_year(flights) -> None:
    assert (
        answered_value(flights.ask("how many flights have we had since the start of this year?"))
        == 4
    )
    assert answered_value(flights.ask("flights this month so far")) == 2


def test_tickets_quarter_to_date_and_this_week(tickets) -> None:
    assert answered_value(tickets.ask("tickets quarter to date")) == 4
    assert answered_value(tickets.ask("how many tickets so far this week")) == 2
