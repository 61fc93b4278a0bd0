"""A whole-number label beside a dimension word several models keep: the one the metric reaches.

"2024赛季的总助攻" on a public hockey project was refused ("cannot be filtered by season",
zhsense15 held-back set): four models keep a ``season``, and "2024" was read as a text value of
the one the metric does not reach. Beside the word of a whole-number dimension, the number is
that dimension's label; of several such dimensions, the one every metric of the question
reaches. A number that is no label stays unplaced.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.semantic_helpers import answered_rows

TODAY = dt.date(2026, 5, 1)
FARM = """
semantic_models:
  - name: harvests
    model: ref('harvests')
    defaults: {agg_time_dimension: harvested_on}
    entities:
      - {name: harvest, type: primary, expr: harvest_id}
    dimensions:
      - {name: harvested_on, type: time, type_params: {time_granularity: day}}
      - {name: season, type: categorical}
    measures:
      - {name: weight_kg, agg: sum, expr: weight_kg}
  - name: inspections
    model: ref('inspections')
    defaults: {agg_time_dimension: inspected_on}
    entities:
      - {name: inspection, type: primary, expr: inspection_id}
    dimensions:
      - {name: inspected_on, type: time, type_params: {time_granularity: day}}
      - {name: season, type: categorical}
    measures:
      - {name: inspection_count, agg: count, expr: inspection_id, create_metric: true}
metrics:
  - {name: total_weight, label: Total Weight, type: simple, type_params: {measure: weight_kg}}
"""
FARM_DATA = """
create table harvests (harvest_id int, harvested_on date, season int, weight_kg double);
insert into harvests values (1, '2023-09-01', 2023, 100), (2, '2024-09-01', 2024, 250),
  (3, '2024-09-20', 2024, 50);
create table inspections (inspection_id int, inspected_on date, season varchar);
insert into inspections values (1, '2024-05-01', '2024'), (2, '2024-06-01', '2024 late');
"""


@pytest.fixture(scope="module")
def farm(yaml_shop):
    return yaml_shop("farm", FARM, FARM_DATA, TODAY)


@pytest.mark.parametrize("question", ["2024赛季的总重量", "total weight in season 2024"])
def test_number_beside_the_reached_dimension_is_its_label(farm, question) -> None:
    assert answered_rows(farm.ask(question)) == [(300.0,)]


def test_number_that_is_no_label_stays_unplaced(farm) -> None:
    assert farm.ask("2025赛季的总重量").refused
