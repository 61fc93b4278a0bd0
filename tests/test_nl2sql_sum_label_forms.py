"""A sum's label and name as users say them: "bank assets" for "Sum of Bank Assets ($B)",
"total assets" for ``total_assets_billions``.

Owners write the aggregation into a sum's label ("Sum of ...") and the scale into its name
(``..._billions``, ``..._millions``); users name the amount. Without these forms the amount's
word was unknown and the question refused. A form is a term only where it names one metric
and nothing else (``nl2sql.vocabulary.label_cores.label_form_terms``).
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.semantic_helpers import answer_rows

TODAY = dt.date(2026, 7, 2)
SAAS = """
semantic_models:
  - name: contracts
    model: ref('contracts')
    defaults: {agg_time_dimension: signed_on}
    entities:
      - {name: contract, type: primary, expr: contract_id}
    dimensions:
      - {name: signed_on, type: time, type_params: {time_granularity: day}}
      - {name: plan_tier, type: categorical}
    measures:
      - {name: contract_value_millions, agg: sum, expr: value_m}
metrics:
  - name: contract_value_millions
    label: Sum of Contract Value ($M)
    type: simple
    type_params: {measure: contract_value_millions}
"""
SAAS_DATA = """
create table contracts (contract_id int, signed_on date, plan_tier varchar, value_m double);
insert into contracts values (1, '2026-06-01', 'Pro', 1.5), (2, '2026-06-02', 'Team', 0.5),
  (3, '2026-06-03', 'Pro', 2.0);
"""
FLEET = """
semantic_models:
  - name: depots
    model: ref('depots')
    defaults: {agg_time_dimension: opened_on}
    entities:
      - {name: depot, type: primary, expr: depot_id}
    dimensions:
      - {name: opened_on, type: time, type_params: {time_granularity: day}}
      - {name: depot_region, type: categorical}
    measures:
      - {name: fuel_spend_thousands, agg: sum, expr: fuel_k}
metrics:
  - name: fuel_spend_thousands
    label: Sum of Fuel Spend (k$)
    type: simple
    type_params: {measure: fuel_spend_thousands}
"""
FLEET_DATA = """
create table depots (depot_id int, opened_on date, depot_region varchar, fuel_k int);
insert into depots values (1, '2020-01-01', 'North', 12), (2, '2021-01-01', 'South', 30),
  (3, '2022-01-01', 'North', 8);
"""


@pytest.fixture(scope="module")
def saas(yaml_shop):
    return yaml_shop("sum_forms_saas", SAAS, SAAS_DATA, TODAY)


@pytest.fixture(scope="module")
def fleet(yaml_shop):
    return yaml_shop("sum_forms_fleet", FLEET, FLEET_DATA, TODAY)


@pytest.mark.parametrize(
    ("question", "rows"),
    [
        ("contract value by plan tier", [("Pro", 3.5), ("Team", 0.5)]),
        ("total contract value", [(4.0,)]),
    ],
)
def test_saas_sum_label_and_scaled_name(saas, question, rows) -> None:
    a = saas.ask(question)
    assert a.ok, a.error
    assert sorted(answer_rows(a)) == rows


@pytest.mark.parametrize(
    ("question", "rows"),
    [("fuel spend by depot region", [("North", 20), ("South", 30)]), ("total fuel spend", [(50,)])],
)
def test_fleet_sum_label_and_scaled_name(fleet, question, rows) -> None:
    a = fleet.ask(question)
    assert a.ok, a.error
    assert sorted(answer_rows(a)) == rows
