"""A statistic of single rows "per" the very thing its rows are is taken over those rows, not
broken down by them (``nl2sql.rules.passes.per_rows``).

"median revenue per order item" on a metric over order items answered one row per item (each
item's own price) where the question asks for one median (a held-out dev wrong of session 25,
issue #12). "per" another thing stays its breakdown. Original model: a bakery's loaves, each
baked in a batch.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.semantic_helpers import ok_rows

TODAY = dt.date(2026, 7, 2)
BAKERY = """
semantic_models:
  - name: batches
    model: ref('batches')
    entities:
      - {name: batch, type: primary, expr: batch_id}
    dimensions:
      - {name: oven, type: categorical}
  - name: loaves
    model: ref('loaves')
    defaults: {agg_time_dimension: baked_on}
    entities:
      - {name: loaf, type: primary, expr: loaf_id}
      - {name: batch, type: foreign, expr: batch_id}
    dimensions:
      - {name: baked_on, type: time, type_params: {time_granularity: day}}
    measures:
      - {name: weight_median, agg: median, expr: weight_grams}
      - {name: weight_max, agg: max, expr: weight_grams}
metrics:
  - {name: median_loaf_weight, label: Median Loaf Weight, type: simple,
     type_params: {measure: weight_median}}
  - {name: heaviest_loaf_weight, label: Heaviest Loaf Weight, type: simple,
     type_params: {measure: weight_max}}
"""
DATA = """
create table batches (batch_id int, oven varchar);
insert into batches values (1, 'deck'), (2, 'rack');
create table loaves (loaf_id int, batch_id int, baked_on date, weight_grams int);
insert into loaves values (10, 1, '2026-06-01', 500), (11, 1, '2026-06-01', 520),
  (12, 2, '2026-06-02', 800), (13, 2, '2026-06-02', 780), (14, 2, '2026-06-02', 900);
"""


@pytest.fixture(scope="module")
def bakery(yaml_shop):
    return yaml_shop("per_own_rows_bakery", BAKERY, DATA, TODAY)


@pytest.mark.parametrize(
    ("question", "rows"),
    [
        ("median loaf weight per loaf", [(780,)]),
        ("heaviest loaf weight per loaf", [(900,)]),
        ("median loaf weight per batch", [(1, 510), (2, 800)]),  # another thing: its breakdown
    ],
)
def test_per_the_rows_themselves_is_no_breakdown(bakery, question, rows) -> None:
    a = bakery.ask(question)
    assert sorted(ok_rows(a)) == rows, a.interpretation
