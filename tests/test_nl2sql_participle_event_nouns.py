"""A metric labelled with a past participle is named by its event noun: "failure rate" for
"Failed rate", "completion rate" for "Completed rate".

People name a rate by the event ("failure rate") where the label uses the participle; the
other direction ("cancel rate" for "Cancellation Rate") was already read
(``vocabulary/verb_modifiers``). "failure rate by site" was refused ("I don't know 'failure',
'rate'") on a charging-visits project whose metric is "Failed rate". The nouns come from
general morphology (one event suffix, taken back to the same verb); -ment/-ance/-ery nouns are
not made ("department" is no departing). Two domains: charging visits and online courses.
"""

from __future__ import annotations

import datetime as dt

import pytest

from nl2sql.vocabulary.morphology import event_nouns
from tests.semantic_helpers import answer_rows

TODAY = dt.date(2026, 7, 2)
VISITS = """
semantic_models:
  - name: visits
    model: ref('visits')
    defaults: {agg_time_dimension: ended_on}
    entities:
      - {name: visit, type: primary, expr: visit_id}
    dimensions:
      - {name: ended_on, type: time, type_params: {time_granularity: day}}
      - {name: site, type: categorical}
    measures:
      - {name: visit_count, agg: count, expr: visit_id}
      - {name: failed_count, agg: sum, expr: "case when ok then 0 else 1 end"}
metrics:
  - {name: visits, label: Visits, type: simple, type_params: {measure: visit_count}}
  - {name: failed_visits, label: Failed visits count, type: simple,
     type_params: {measure: failed_count}}
  - {name: failed_rate, label: Failed rate, type: ratio,
     type_params: {numerator: failed_visits, denominator: visits}}
"""
VISITS_DATA = """
create table visits (visit_id int, ended_on date, site varchar, ok boolean);
insert into visits values (1, '2026-06-01', 'north', true), (2, '2026-06-01', 'north', false),
  (3, '2026-06-02', 'south', true), (4, '2026-06-02', 'south', true);
"""
COURSES = """
semantic_models:
  - name: enrolments
    model: ref('enrolments')
    defaults: {agg_time_dimension: enrolled_on}
    entities:
      - {name: enrolment, type: primary, expr: enrolment_id}
    dimensions:
      - {name: enrolled_on, type: time, type_params: {time_granularity: day}}
      - {name: course, type: categorical}
    measures:
      - {name: enrolment_count, agg: count, expr: enrolment_id}
      - {name: completed_count, agg: sum, expr: "case when done then 1 else 0 end"}
metrics:
  - {name: enrolments, label: Enrolments, type: simple, type_params: {measure: enrolment_count}}
  - {name: completions, label: Completions, type: simple, type_params: {measure: completed_count}}
  - {name: completed_rate, label: Completed rate, type: ratio,
     type_params: {numerator: completions, denominator: enrolments}}
"""
COURSES_DATA = """
create table enrolments (enrolment_id int, enrolled_on date, course varchar, done boolean);
insert into enrolments values (1, '2026-06-01', 'sql', true), (2, '2026-06-01', 'sql', true),
  (3, '2026-06-02', 'sql', false), (4, '2026-06-02', 'art', false);
"""


@pytest.fixture(scope="module")
def visits(yaml_shop):
    return yaml_shop("event_noun_visits", VISITS, VISITS_DATA, TODAY)


@pytest.fixture(scope="module")
def courses(yaml_shop):
    return yaml_shop("event_noun_courses", COURSES, COURSES_DATA, TODAY)


def test_failure_rate_is_the_failed_rate(visits) -> None:
    a = visits.ask("failure rate by site")
    assert a.ok, a.error
    assert a.query.metrics == ["failed_rate"]
    assert answer_rows(a) == [("north", 0.5), ("south", 0.0)]


def test_completion_rate_is_the_completed_rate(courses) -> None:
    a = courses.ask("completion rate by course")
    assert a.ok, a.error
    assert a.query.metrics == ["completed_rate"]
    assert answer_rows(a) == [("art", 0.0), ("sql", pytest.approx(2 / 3))]


def test_only_event_nouns_are_made() -> None:
    assert event_nouns("depart") == ("departure",)  # never "department"
    assert event_nouns("deliver") == ()  # never "deliverance"
    assert event_nouns("approve") == ("approval",)
