"""An unknown Chinese word that is a band of two grades ("中低风险") is refused as a band, with
the figure per grade, never with the closest values (``grade_compounds.refuse_unknown_band``).

Before, jieba kept 中低 together, the word was unknown, and its suggestions offered Medium Risk
and *High* Risk — one the question contradicts (whether jieba keeps 中低 together depends on
the model's other words; this model's do). Original model: a bike depot's riders.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.semantic_helpers import ok_rows

TODAY = dt.date(2026, 7, 2)
SEEDS = """
semantic_models:
  - name: riders
    model: ref('riders')
    defaults: {agg_time_dimension: first_rental_date}
    entities:
      - {name: rider, type: primary, expr: rider_id}
    dimensions:
      - {name: first_rental_date, type: time, type_params: {time_granularity: day}}
      - {name: rider_segment, type: categorical, expr: segment}
      - {name: tier, type: categorical}
      - {name: rider_type, type: categorical}
      - {name: risk_grade, type: categorical}
      - {name: city, type: categorical}
    measures:
      - {name: rider_count, agg: count_distinct, expr: rider_id}
metrics:
  - {name: riders, label: Riders, type: simple, type_params: {measure: rider_count}}
"""
DATA = """
create table riders (rider_id int, first_rental_date date, segment varchar, tier varchar,
  rider_type varchar, risk_grade varchar, city varchar);
insert into riders values
 (1, '2025-03-02', 'new', 'VIP', 'B2B', 'Low Risk', 'Oslo'),
 (2, '2025-03-10', 'returning', 'VIP', 'B2C', 'Medium Risk', 'Oslo'),
 (3, '2025-02-11', 'returning', 'Standard', 'B2B', 'High Risk', 'Bergen'),
 (4, '2025-03-20', 'new', 'Standard', 'B2C', 'Low Risk', 'Bergen');
"""


@pytest.fixture(scope="module")
def seeds(yaml_shop):
    return yaml_shop("unknown_band_riders", SEEDS, DATA, TODAY)


def test_a_band_word_is_refused_with_every_grade(seeds) -> None:
    a = seeds.ask("中低风险的骑手有多少")
    assert a.refused, a.interpretation
    assert "band" in a.error, a.error
    assert a.suggestions, a.error
    for s in a.suggestions:
        assert "High" not in s, s
        assert len(ok_rows(seeds.ask(s))) == 3, s  # one row per grade
