""" "top 2 locations by visits", where "visits" names only the entity (the metric is labelled
"Visits count"), ranks by the count of visits.

On a fresh public dbt project the rank pass found no metric after "by", the grouping pass then
grouped by each visit, and the question was refused. "by <thing>" after a rank now ranks by the
metric that counts the thing, and the grouping pass leaves the word to it.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.semantic_helpers import last_two_in_order

TODAY = dt.date(2026, 5, 1)

PARCELS = """
semantic_models:
  - name: parcels
    model: ref('parcels')
    defaults: {agg_time_dimension: shipped_on}
    entities:
      - {name: parcel, type: primary, expr: parcel_id}
      - {name: depot, type: foreign, expr: depot_id}
    dimensions:
      - {name: shipped_on, type: time, type_params: {time_granularity: day}}
    measures:
      - {name: parcel_rows, agg: count, expr: parcel_id}
  - name: depots
    model: ref('depots')
    entities:
      - {name: depot, type: primary, expr: depot_id}
    dimensions:
      - {name: depot_name, type: categorical}
metrics:
  - {name: total_parcels, label: Parcels count, type: simple, type_params: {measure: parcel_rows}}
"""
PARCELS_DATA = """
create table depots (depot_id int, depot_name varchar);
insert into depots values (1, 'North Hub'), (2, 'South Hub'), (3, 'East Hub');
create table parcels as select i as parcel_id,
  case when i <= 2 then 1 when i <= 7 then 2 else 3 end as depot_id,
  date '2026-04-10' as shipped_on from range(1, 11) t(i);
"""
TICKETS = """
semantic_models:
  - name: tickets
    model: ref('tickets')
    defaults: {agg_time_dimension: opened_on}
    entities:
      - {name: ticket, type: primary, expr: ticket_id}
      - {name: agent, type: foreign, expr: agent_id}
    dimensions:
      - {name: opened_on, type: time, type_params: {time_granularity: day}}
    measures:
      - {name: ticket_rows, agg: count, expr: ticket_id}
  - name: agents
    model: ref('agents')
    entities:
      - {name: agent, type: primary, expr: agent_id}
    dimensions:
      - {name: agent_name, type: categorical}
metrics:
  - {name: ticket_total, label: Tickets count, type: simple, type_params: {measure: ticket_rows}}
"""
TICKETS_DATA = """
create table agents (agent_id int, agent_name varchar);
insert into agents values (1, 'Ana'), (2, 'Bo'), (3, 'Cy');
create table tickets as select i as ticket_id,
  case when i <= 6 then 3 when i <= 8 then 1 else 2 end as agent_id,
  date '2026-04-12' as opened_on from range(1, 10) t(i);
"""


@pytest.fixture(scope="module")
def parcels(yaml_shop):
    return yaml_shop("rank_parcels", PARCELS, PARCELS_DATA, TODAY)


@pytest.fixture(scope="module")
def tickets(yaml_shop):
    return yaml_shop("rank_tickets", TICKETS, TICKETS_DATA, TODAY)


def test_top_depots_by_parcels(parcels) -> None:
    assert last_two_in_order(parcels.ask("top 2 depots by parcels")) == [
        ("South Hub", 5),
        ("East Hub", 3),
    ]


def test_top_agent_by_tickets(tickets) -> None:
    assert last_two_in_order(tickets.ask("top 1 agent by tickets")) == [("Cy", 6)]


# "Which trip type had the most trips in October?" asked "by which metric?" on a fresh NYC
# mobility project: the counted noun must end the phrase, and a time after it kept it from it.
def test_most_parcels_in_a_month_ranks_by_their_count(parcels) -> None:
    assert last_two_in_order(parcels.ask("which depot had the most parcels in April 2026")) == [
        ("South Hub", 5)
    ]


def test_most_tickets_in_a_month_ranks_by_their_count(tickets) -> None:
    assert last_two_in_order(tickets.ask("which agent has the most tickets in April 2026")) == [
        ("Cy", 6)
    ]
