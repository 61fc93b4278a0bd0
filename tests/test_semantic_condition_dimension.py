"""A dimension defined as a condition (``expr: damage_cost > 0``) can be filtered on.

Found while writing tests/test_nl2sql_subset_metric_rows.py: "average fee of damaged rentals" over
``is_damaged: damage_cost > 0`` compiled to ``damage_cost > 0 = TRUE``, which DuckDB refuses as a
chained comparison ("the query could not run"), and ``minutes > 60 AND minutes IS NOT NULL = FALSE``
bound the comparison to the last term only (no rows where "not long" has two: a wrong answer); a
column or an ``IS NULL`` test worked. The condition is now compared as a whole, in brackets.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.semantic_helpers import answered_rows

TODAY = dt.date(2026, 5, 1)
RENTALS = """
semantic_models:
  - name: rentals
    model: ref('rentals')
    defaults: {agg_time_dimension: rented_on}
    entities:
      - {name: rental, type: primary, expr: rental_id}
    dimensions:
      - {name: rented_on, type: time, type_params: {time_granularity: day}}
      - {name: is_damaged, type: categorical, expr: damage_cost > 0}
      - {name: is_long, type: categorical, expr: minutes > 60 AND minutes IS NOT NULL}
    measures:
      - {name: fee_avg, agg: average, expr: fee}
metrics:
  - {name: average_fee, label: Average Fee, type: simple, type_params: {measure: fee_avg}}
"""
RENTALS_DATA = """
create table rentals (rental_id int, rented_on date, damage_cost double, fee double,
  minutes int);
insert into rentals values (1, '2026-04-01', 0, 10, 30), (2, '2026-04-01', 25, 30, 200),
  (3, '2026-04-02', 0, 20, 60), (4, '2026-04-02', 5, 50, 90);
"""


@pytest.fixture(scope="module")
def rentals(yaml_shop):
    return yaml_shop("rentals_cond", RENTALS, RENTALS_DATA, TODAY)


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("average fee of damaged rentals", 40.0),
        ("average fee of rentals that are not damaged", 15.0),
        ("average fee of long rentals", 40.0),
        ("average fee of rentals that are not long", 15.0),
    ],
)
def test_condition_dimension_filters(rentals, question, expected) -> None:
    assert answered_rows(rentals.ask(question)) == [(expected,)]
