"""A lone verb names a metric only when its lemma is the head of the metric's label.

``passes.verb_metric`` reads "Which bay waited the most?" on "Total Wait" as the metric's own
word. A word that is a verb but only *modifies* a label's head ("wait" of "Avg Wait Gap
(min)") names a different quantity: "avg wait by month" must not be answered with the
gap. The model below is invented (a car-wash queue); each answer is checked against the data.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.semantic_helpers import answered_pairs, answered_value

TODAY = dt.date(2026, 3, 1)

MODEL = """
semantic_models:
  - name: wash_visits
    model: ref('wash_visits')
    defaults: {agg_time_dimension: visit_date}
    entities:
      - {name: visit, type: primary, expr: visit_id}
    dimensions:
      - {name: visit_date, type: time, type_params: {time_granularity: day}}
      - {name: bay, type: categorical}
    measures:
      - {name: wait_gap_min, agg: average}
      - {name: wait_minutes, agg: sum}
metrics:
  - {name: avg_wait_gap, label: Avg Wait Gap (min), type: simple,
     type_params: {measure: wait_gap_min}}
  - {name: total_soak, label: Total Soak, type: simple, type_params: {measure: wait_minutes}}
"""
DATA = """
create table wash_visits (visit_id int, visit_date date, bay varchar, wait_gap_min int,
  wait_minutes int);
insert into wash_visits values
  (1, '2026-01-05', 'north', 4, 10), (2, '2026-01-20', 'south', 8, 30),
  (3, '2026-02-03', 'north', 6, 25), (4, '2026-02-10', 'south', 2, 5);
"""


@pytest.fixture(scope="module")
def wash(yaml_shop):
    return yaml_shop("verb_head", MODEL, DATA, TODAY)


@pytest.mark.parametrize("question", ["avg wait by month", "Which bay waited the most?"])
def test_verb_that_only_modifies_the_label_head_names_no_metric(wash, question) -> None:
    # "wait" is a word of "Avg Wait Gap (min)" but not its head ("gap"): no metric is named
    assert wash.ask(question).refused


def test_the_label_itself_still_names_the_metric(wash) -> None:
    # one word away: with its head "gap" the label is named and answered per month
    answer = wash.ask("avg wait gap by month")
    assert sorted(answered_pairs(answer, 1).values()) == [4.0, 6.0]


def test_verb_that_is_the_label_head_names_it(wash) -> None:
    # "soaked" -> "soak", the head of "Total Soak"
    assert answered_value(wash.ask("How much was soaked in February?")) == 30
