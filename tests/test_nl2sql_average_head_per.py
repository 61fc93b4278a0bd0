""" "average X" names a metric labelled "Avg X Per Y": the head is the word before "per".

Found on a fresh public project (session 14): "average cost by care setting" was refused
("names no metric") although the model's "Avg Cost Per Encounter" is exactly that; the
aggregation-word phrase took the label's last word ("avg encounter"), which is what the
average is *over*, not what it averages. The model here is a different domain (a music
school) with the same shape, beside a total of the same head that must not be picked.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.semantic_helpers import answered_rows

TODAY = dt.date(2026, 5, 1)
SCHOOL = """
semantic_models:
  - name: lessons
    model: ref('lessons')
    defaults: {agg_time_dimension: held_on}
    entities:
      - {name: lesson, type: primary, expr: lesson_id}
    dimensions:
      - {name: held_on, type: time, type_params: {time_granularity: day}}
      - {name: instrument, type: categorical}
    measures:
      - {name: fee_avg, agg: average, expr: fee}
      - {name: fee_sum, agg: sum, expr: fee}
metrics:
  - {name: avg_fee_per_lesson, label: Avg Fee Per Lesson, type: simple,
     type_params: {measure: fee_avg}}
  - {name: total_tuition_fee, label: Total Tuition Fee, type: simple,
     type_params: {measure: fee_sum}}
"""
SCHOOL_DATA = """
create table lessons (lesson_id int, held_on date, instrument varchar, fee double);
insert into lessons values (1, '2026-04-01', 'piano', 40), (2, '2026-04-02', 'piano', 60),
  (3, '2026-04-03', 'violin', 30);
"""


@pytest.fixture(scope="module")
def school(yaml_shop):
    return yaml_shop("school", SCHOOL, SCHOOL_DATA, TODAY)


def test_average_and_the_head_before_per_name_the_average(school) -> None:
    assert answered_rows(school.ask("average fee by instrument")) == [
        ("piano", 50.0),
        ("violin", 30.0),
    ]


def test_the_total_of_the_same_head_is_still_the_total(school) -> None:
    assert answered_rows(school.ask("total fee by instrument")) == [
        ("piano", 100.0),
        ("violin", 30.0),
    ]
