"""A value of a dimension that is an entity's key column filters other models by that entity.

"total quota for NAMER-ENT": NAMER-ENT is a value of the opportunities' ``owner_team``, the
column of their ``team`` entity; the quota model has ``team`` as its own key but no dimension
with that value, so the question was refused ("Quota cannot be filtered by owner team"). The
value is a value of the entity's key by construction: the filter is on the entity
(MetricFlow's ``{{ Entity('team') }} = 'NAMER-ENT'``), and so is a grouping. Two domains: sales
quotas by team, and airline fleets by carrier.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.semantic_helpers import answer_rows

TODAY = dt.date(2026, 7, 2)
SALES = """
semantic_models:
  - name: opportunities
    model: ref('opportunities')
    defaults: {agg_time_dimension: closed_on}
    entities:
      - {name: opportunity, type: primary, expr: opp_id}
      - {name: team, type: foreign, expr: owner_team}
    dimensions:
      - {name: closed_on, type: time, type_params: {time_granularity: day}}
      - {name: owner_team, type: categorical}
    measures:
      - {name: won_amount, agg: sum, expr: amount}
  - name: quota
    model: ref('quota')
    defaults: {agg_time_dimension: quarter_start}
    entities:
      - {name: team, type: primary, expr: team}
    dimensions:
      - {name: quarter_start, type: time, type_params: {time_granularity: quarter}}
    measures:
      - {name: quota_amount, agg: sum, expr: quota}
metrics:
  - {name: won_amount, label: Won Amount, type: simple, type_params: {measure: won_amount}}
  - {name: quota, label: Quota, type: simple, type_params: {measure: quota_amount}}
"""
SALES_DATA = """
create table opportunities (opp_id int, owner_team varchar, closed_on date, amount int);
insert into opportunities values (1, 'NA-ENT', '2026-02-01', 10), (2, 'EU-MM', '2026-03-01', 5);
create table quota (team varchar, quarter_start date, quota int);
insert into quota values ('NA-ENT', '2026-01-01', 100), ('NA-ENT', '2026-04-01', 120),
  ('EU-MM', '2026-01-01', 50);
"""
FLEET = """
semantic_models:
  - name: flights
    model: ref('flights')
    defaults: {agg_time_dimension: flown_on}
    entities:
      - {name: flight, type: primary, expr: flight_id}
      - {name: carrier, type: foreign, expr: carrier_code}
    dimensions:
      - {name: flown_on, type: time, type_params: {time_granularity: day}}
      - {name: carrier_code, type: categorical}
    measures:
      - {name: flight_count, agg: count, expr: flight_id}
  - name: aircraft
    model: ref('aircraft')
    defaults: {agg_time_dimension: delivered_on}
    entities:
      - {name: tail, type: primary, expr: tail_number}
      - {name: carrier, type: foreign, expr: operator}
    dimensions:
      - {name: delivered_on, type: time, type_params: {time_granularity: day}}
    measures:
      - {name: seat_total, agg: sum, expr: seats}
metrics:
  - {name: flights, label: Flights, type: simple, type_params: {measure: flight_count}}
  - {name: seats, label: Seats, type: simple, type_params: {measure: seat_total}}
"""
FLEET_DATA = """
create table flights (flight_id int, carrier_code varchar, flown_on date);
insert into flights values (1, 'UA', '2026-06-01'), (2, 'DL', '2026-06-01');
create table aircraft (tail_number varchar, operator varchar, delivered_on date, seats int);
insert into aircraft values ('N1', 'UA', '2020-01-01', 150), ('N2', 'UA', '2021-01-01', 180),
  ('N3', 'DL', '2022-01-01', 200);
"""


@pytest.fixture(scope="module")
def sales(yaml_shop):
    return yaml_shop("entity_key_sales", SALES, SALES_DATA, TODAY)


@pytest.fixture(scope="module")
def fleet(yaml_shop):
    return yaml_shop("entity_key_fleet", FLEET, FLEET_DATA, TODAY)


def test_a_key_value_filters_the_model_that_has_the_entity(sales) -> None:
    a = sales.ask("total quota for NA-ENT")
    assert a.ok, a.error
    assert [(f.dimension, f.values) for f in a.query.filters] == [("team", ["NA-ENT"])]
    assert answer_rows(a) == [(220,)]


def test_grouping_by_the_key_dimension_groups_by_the_entity(sales) -> None:
    a = sales.ask("quota by owner team")
    assert a.ok, a.error
    assert a.query.group_by == ["team"]
    assert answer_rows(a) == [("EU-MM", 50), ("NA-ENT", 220)]


def test_on_another_model(fleet) -> None:
    a = fleet.ask("total seats of UA")
    assert a.ok, a.error
    assert [(f.dimension, f.values) for f in a.query.filters] == [("carrier", ["UA"])]
    assert answer_rows(a) == [(330,)]


def test_the_dimension_itself_where_the_metric_reaches_it(fleet) -> None:
    """Control: the flights reach their own carrier_code: the filter stays on it."""
    a = fleet.ask("flights of UA")
    assert a.ok, a.error
    assert [f.dimension for f in a.query.filters] == ["flight__carrier_code"]
    assert answer_rows(a) == [(1,)]
