"""A whole word ("overall", 整体) before a metric's words picks the metric whose label opens
with it.

An invented pottery school keeps "Overall Completion Rate" (the mean of each course's own
completion rate) beside "Completion Rate" (lessons finished over lessons booked). 整体完成率
reached only "Completion Rate" through 完成率, 整体 was dropped as a stop word, and the plain
rate answered for the overall one the question names (issue #12, found on an ads project's
"Overall Response Rate"). One-word-difference probes: without the whole word the exact label
still wins, and a whole word before a metric no label extends changes nothing.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.semantic_helpers import answered_value

TODAY = dt.date(2026, 9, 1)

MODEL = """
semantic_models:
  - name: pottery_courses
    model: ref('pottery_courses')
    defaults: {agg_time_dimension: started_on}
    entities:
      - {name: course, type: primary, expr: course_id}
    dimensions:
      - {name: started_on, type: time, type_params: {time_granularity: day}}
      - {name: studio, type: categorical}
    measures:
      - {name: lessons_finished, agg: sum, expr: finished}
      - {name: lessons_booked, agg: sum, expr: booked}
      - {name: course_completion, agg: average, expr: completion_rate}
      - {name: clay_kg, agg: sum, expr: clay_kg}
metrics:
  - {name: finished_lessons, label: Finished Lessons, type: simple,
     type_params: {measure: lessons_finished}}
  - {name: booked_lessons, label: Booked Lessons, type: simple,
     type_params: {measure: lessons_booked}}
  - {name: completion_rate, label: Completion Rate, type: ratio,
     type_params: {numerator: finished_lessons, denominator: booked_lessons}}
  - {name: overall_completion_rate, label: Overall Completion Rate, type: simple,
     type_params: {measure: course_completion}}
  - {name: clay_used, label: Clay Used, type: simple, type_params: {measure: clay_kg}}
"""
DATA = """
create table pottery_courses (course_id int, started_on date, studio varchar, finished int,
  booked int, completion_rate double, clay_kg double);
insert into pottery_courses values
  (1, '2026-08-01', 'north', 9, 10, 0.9, 4.0),
  (2, '2026-08-02', 'north', 1, 10, 0.1, 2.5),
  (3, '2026-08-03', 'south', 20, 20, 1.0, 6.0);
"""


@pytest.fixture(scope="module")
def school(yaml_shop):
    return yaml_shop("whole_words", MODEL, DATA, TODAY)


@pytest.mark.parametrize("question", ["整体完成率", "整体的完成率", "overall completion rate"])
def test_the_whole_word_picks_the_overall_metric(school, question: str) -> None:
    a = school.ask(question)
    assert answered_value(a, 4) == round((0.9 + 0.1 + 1.0) / 3, 4), a.interpretation
    assert a.query.metrics == ["overall_completion_rate"]


@pytest.mark.parametrize("question", ["完成率", "completion rate"])
def test_without_it_the_exact_label_still_wins(school, question: str) -> None:
    a = school.ask(question)
    assert answered_value(a, 4) == round(30 / 40, 4), a.interpretation


def test_a_whole_word_before_a_metric_no_label_extends_changes_nothing(school) -> None:
    a = school.ask("overall clay used")
    assert a.refused or answered_value(a) == 12.5
