"""A metric named by its label's modifier when many labels share the head word.

A fresh public dbt project (a SaaS go-to-market model) labels a dozen metrics "... ARR ($)";
"total quota", "open pipeline by forecast category" and "which team has the largest weighted
pipeline" were refused: the head "ARR" says nothing there and users leave it out
(``nl2sql.vocabulary.shared_heads``). A modifier another term says, or a dimension value, is
still not read so. Tests on a sales model and a haulage model ("Fuel cost", "Toll cost", ...).
"""

from __future__ import annotations

import datetime as dt

import pytest

TODAY = dt.date(2026, 5, 1)

SALES = """
semantic_models:
  - name: opps
    model: ref('opps')
    defaults: {agg_time_dimension: close_date}
    entities:
      - {name: opp, type: primary, expr: opp_id}
    dimensions:
      - {name: close_date, type: time, type_params: {time_granularity: day}}
      - {name: owner_team, type: categorical}
      - {name: movement, type: categorical}
    measures:
      - {name: open_cents, agg: sum, expr: "case when is_open then arr else 0 end"}
      - {name: new_cents, agg: sum, expr: "case when movement = 'new' then arr else 0 end"}
      - {name: quota_cents, agg: sum, expr: quota}
metrics:
  - {name: open_pipeline_arr, label: Open pipeline ARR ($), type: simple,
     type_params: {measure: open_cents}}
  - {name: new_arr, label: New ARR ($), type: simple, type_params: {measure: new_cents}}
  - {name: quota_arr, label: Quota ARR ($), type: simple, type_params: {measure: quota_cents}}
"""
SALES_DATA = """
create table opps (opp_id int, close_date date, owner_team varchar, movement varchar,
  is_open boolean, arr int, quota int);
insert into opps values (1, '2026-04-02', 'East', 'new', true, 100, 50),
  (2, '2026-04-03', 'East', 'upsell', false, 40, 50), (3, '2026-04-04', 'West', 'new', true, 7, 20);
"""

HAULAGE = """
semantic_models:
  - name: runs
    model: ref('runs')
    defaults: {agg_time_dimension: run_date}
    entities:
      - {name: run, type: primary, expr: run_id}
    dimensions:
      - {name: run_date, type: time, type_params: {time_granularity: day}}
      - {name: depot, type: categorical}
    measures:
      - {name: fuel, agg: sum, expr: fuel_eur}
      - {name: tolls, agg: sum, expr: toll_eur}
      - {name: driver, agg: sum, expr: driver_eur}
metrics:
  - {name: fuel_cost, label: Fuel cost, type: simple, type_params: {measure: fuel}}
  - {name: toll_cost, label: Toll cost, type: simple, type_params: {measure: tolls}}
  - {name: driver_cost, label: Driver cost, type: simple, type_params: {measure: driver}}
"""
HAULAGE_DATA = """
create table runs (run_id int, run_date date, depot varchar, fuel_eur double, toll_eur double,
  driver_eur double);
insert into runs values (1, '2026-04-02', 'Lyon', 80, 12, 200), (2, '2026-04-03', 'Lyon', 70, 0, 180),
  (3, '2026-04-03', 'Nantes', 55, 9, 150);
"""


@pytest.fixture(scope="module")
def sales(yaml_shop):
    return yaml_shop("sales_heads", SALES, SALES_DATA, TODAY)


@pytest.fixture(scope="module")
def haulage(yaml_shop):
    return yaml_shop("haulage", HAULAGE, HAULAGE_DATA, TODAY)


def _pairs(answer) -> list[tuple[str, float]]:
    assert not answer.refused, answer.error
    return sorted((r[0], float(r[-1])) for r in answer.df.itertuples(index=False))


def test_quota_and_open_pipeline(sales) -> None:
    a = sales.ask("total quota")
    assert not a.refused, a.error
    assert float(a.df.iloc[0, -1]) == 120
    assert _pairs(sales.ask("open pipeline by owner team")) == [("East", 100.0), ("West", 7.0)]


def test_a_modifier_that_is_a_value_still_filters(sales) -> None:
    # "new" is a value of movement (and a general word): no bridge to New ARR
    a = sales.ask("open pipeline for new")
    assert not a.refused, a.error
    assert float(a.df.iloc[0, -1]) == 107


def test_fuel_and_tolls_by_depot(haulage) -> None:
    assert _pairs(haulage.ask("fuel by depot")) == [("Lyon", 150.0), ("Nantes", 55.0)]
    assert _pairs(haulage.ask("toll by depot")) == [("Lyon", 12.0), ("Nantes", 9.0)]
