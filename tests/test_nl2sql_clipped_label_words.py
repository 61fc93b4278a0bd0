"""A metric label word clipped from an entity's name is read whole ("Won opps" is named by
"won opportunities"; ``nl2sql.vocabulary.clipped``).

A fresh public dbt project (a SaaS go-to-market model) labels its counts "Won opps" and "Lost
opps" beside an `opportunity` entity; "lost opportunities by team last quarter" was refused.
Tests on a sales model and a recruiting model ("Open reqs" beside `requisition`).
"""

from __future__ import annotations

import datetime as dt

import pytest

TODAY = dt.date(2026, 5, 1)

SALES = """
semantic_models:
  - name: opportunity
    model: ref('opps')
    defaults: {agg_time_dimension: close_date}
    entities:
      - {name: opportunity, type: primary, expr: opp_id}
    dimensions:
      - {name: close_date, type: time, type_params: {time_granularity: day}}
      - {name: owner_team, type: categorical}
    measures:
      - {name: n_won, agg: sum, expr: "case when won then 1 else 0 end"}
      - {name: n_lost, agg: sum, expr: "case when won then 0 else 1 end"}
metrics:
  - {name: won_opps, label: Won opps, type: simple, type_params: {measure: n_won}}
  - {name: lost_opps, label: Lost opps, type: simple, type_params: {measure: n_lost}}
"""
SALES_DATA = """
create table opps (opp_id int, close_date date, owner_team varchar, won boolean);
insert into opps values (1, '2026-04-02', 'East', true), (2, '2026-04-03', 'East', false),
  (3, '2026-04-04', 'West', false), (4, '2026-04-05', 'West', false);
"""

HIRING = """
semantic_models:
  - name: requisitions
    model: ref('reqs')
    defaults: {agg_time_dimension: opened_on}
    entities:
      - {name: requisition, type: primary, expr: req_id}
    dimensions:
      - {name: opened_on, type: time, type_params: {time_granularity: day}}
      - {name: department, type: categorical}
    measures:
      - {name: n_open, agg: sum, expr: "case when filled then 0 else 1 end"}
metrics:
  - {name: open_reqs, label: Open reqs, type: simple, type_params: {measure: n_open}}
"""
HIRING_DATA = """
create table reqs (req_id int, opened_on date, department varchar, filled boolean);
insert into reqs values (1, '2026-03-02', 'Sales', false), (2, '2026-03-03', 'Sales', true),
  (3, '2026-03-04', 'Support', false), (4, '2026-03-05', 'Sales', false);
"""


@pytest.fixture(scope="module")
def sales(yaml_shop):
    return yaml_shop("clipped_sales", SALES, SALES_DATA, TODAY)


@pytest.fixture(scope="module")
def hiring(yaml_shop):
    return yaml_shop("clipped_hiring", HIRING, HIRING_DATA, TODAY)


def _pairs(answer) -> list[tuple[str, float]]:
    assert not answer.refused, answer.error
    return sorted((r[0], float(r[-1])) for r in answer.df.itertuples(index=False))


def test_lost_opportunities_by_team(sales) -> None:
    assert _pairs(sales.ask("lost opportunities by owner team")) == [("East", 1.0), ("West", 2.0)]


def test_open_requisitions_by_department(hiring) -> None:
    got = _pairs(hiring.ask("open requisitions by department"))
    assert got == [("Sales", 2.0), ("Support", 1.0)]
