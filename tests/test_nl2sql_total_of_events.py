"""A "Total <things>" metric summing a count per row is a count, not money: "how many parcels".

"Total Goals" (SUM(goals)) on a public hockey project was refused for "总进球数" / "how many
goals" as "an amount of money, not a count" (zhsense15 held-back set): ``total`` was one of the
money words of a name wherever it stood. It is money only as a name's head ("order_total");
"Total Parcels" is a total *of parcels*. A sum whose own words are money stays refused.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.semantic_helpers import answered_rows

TODAY = dt.date(2026, 5, 1)
DEPOT = """
semantic_models:
  - name: runs
    model: ref('runs')
    defaults: {agg_time_dimension: run_on}
    entities:
      - {name: run, type: primary, expr: run_id}
    dimensions:
      - {name: run_on, type: time, type_params: {time_granularity: day}}
      - {name: depot, type: categorical}
    measures:
      - {name: parcels, agg: sum, expr: parcels}
      - {name: sales_amount, agg: sum, expr: sales_amount}
metrics:
  - {name: total_parcels, label: Total Parcels, type: simple, type_params: {measure: parcels}}
  - {name: total_sales, label: Total Sales, type: simple, type_params: {measure: sales_amount}}
"""
DEPOT_DATA = """
create table runs (run_id int, run_on date, depot varchar, parcels int, sales_amount double);
insert into runs values (1, '2026-04-01', 'North', 40, 120.0), (2, '2026-04-01', 'South', 25, 80.0),
  (3, '2026-04-02', 'North', 35, 100.0);
"""


@pytest.fixture(scope="module")
def depot(yaml_shop):
    return yaml_shop("depot", DEPOT, DEPOT_DATA, TODAY)


@pytest.mark.parametrize(
    "question", ["how many parcels", "number of parcels", "包裹总数", "包裹数"]
)
def test_total_of_things_is_counted(depot, question) -> None:
    assert answered_rows(depot.ask(question)) == [(100,)]


def test_total_of_things_by_a_dimension(depot) -> None:
    assert sorted(answered_rows(depot.ask("how many parcels by depot"))) == [
        ("North", 75),
        ("South", 25),
    ]


@pytest.mark.parametrize("question", ["number of sales", "销售额笔数"])
def test_money_sum_stays_refused_as_a_count(depot, question) -> None:
    assert depot.ask(question).refused
