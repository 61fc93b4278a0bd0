"""A year that opens an ISO date after "since"/"in" is the date's, not a whole year:
"since 2026-02-01", "since 2026/02/01", "in 2026-02" (``nl2sql.timeparse._year``).

Why: the year rule matched "since 2026" inside "since 2026-02-01" and left "-02-01" as a
number no rule read, so the question was refused ("I don't know what the number '-02' refers
to"), while "on 2026-02-01" and "after 2026-02-01" were answered. Two domains: a charging
network and a bakery.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.semantic_helpers import ok_value

TODAY = dt.date(2026, 3, 10)
CHARGING = """
semantic_models:
  - name: sessions
    model: ref('sessions')
    defaults: {agg_time_dimension: ended_on}
    entities:
      - {name: session, type: primary, expr: session_id}
    dimensions:
      - {name: ended_on, type: time, type_params: {time_granularity: day}}
      - {name: site, type: categorical}
    measures:
      - {name: session_count, agg: count, expr: session_id}
metrics:
  - {name: sessions, label: Sessions, type: simple, type_params: {measure: session_count}}
"""
CHARGING_DATA = """
create table sessions (session_id int, ended_on date, site varchar);
insert into sessions values (1, '2026-01-20', 'A'), (2, '2026-02-01', 'A'), (3, '2026-02-15', 'B'),
  (4, '2026-03-02', 'B'), (5, '2025-12-31', 'A');
"""
BAKERY = """
semantic_models:
  - name: sales
    model: ref('sales')
    defaults: {agg_time_dimension: sold_on}
    entities:
      - {name: sale, type: primary, expr: sale_id}
    dimensions:
      - {name: sold_on, type: time, type_params: {time_granularity: day}}
    measures:
      - {name: loaves, agg: sum, expr: loaves}
metrics:
  - {name: loaves_sold, label: Loaves sold, type: simple, type_params: {measure: loaves}}
"""
BAKERY_DATA = """
create table sales (sale_id int, sold_on date, loaves int);
insert into sales values (1, '2026-01-31', 5), (2, '2026-02-01', 7), (3, '2026-02-28', 3),
  (4, '2026-03-01', 2);
"""


@pytest.fixture(scope="module")
def charging(yaml_shop):
    return yaml_shop("since_iso_charging", CHARGING, CHARGING_DATA, TODAY)


@pytest.fixture(scope="module")
def bakery(yaml_shop):
    return yaml_shop("since_iso_bakery", BAKERY, BAKERY_DATA, TODAY)


def test_since_an_iso_day(charging, bakery) -> None:
    assert ok_value(charging.ask("sessions since 2026-02-01")) == 3
    assert ok_value(charging.ask("sessions since 2026/02/01")) == 3
    assert ok_value(bakery.ask("loaves sold since 2026-02-01")) == 12


def test_in_an_iso_month(bakery) -> None:
    assert ok_value(bakery.ask("loaves sold in 2026-02")) == 10


def test_a_year_alone_is_still_the_year(charging, bakery) -> None:
    assert ok_value(charging.ask("sessions since 2026")) == 4
    assert ok_value(bakery.ask("loaves sold in 2026")) == 17
