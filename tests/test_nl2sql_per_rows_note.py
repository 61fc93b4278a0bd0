"""A "per <thing>" answered as a breakdown says so on the interpretation line.

An invented climbing gym's model has the takings of day passes and the climber each pass was
sold to, but no takings-per-climber ratio. "takings per climber" is answered climber by climber
(the decided reading, tests/test_nl2sql_plain_per.py), and the line showed only "(by climber)",
exactly as "takings by climber" — a reader who meant the average per climber saw no sign that
another reading was taken (issue #12). The line now says it. One-word differences: "by
climber" and "per wall" (a dimension, a breakdown only) get no such note.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.semantic_helpers import answered_pairs

TODAY = dt.date(2026, 7, 1)

MODEL = """
semantic_models:
  - name: day_passes
    model: ref('day_passes')
    defaults: {agg_time_dimension: sold_on}
    entities:
      - {name: day_pass, type: primary, expr: pass_id}
      - {name: climber, type: foreign, expr: climber_id}
    dimensions:
      - {name: sold_on, type: time, type_params: {time_granularity: day}}
      - {name: wall, type: categorical}
    measures:
      - {name: takings_total, agg: sum, expr: takings}
metrics:
  - {name: takings, label: Takings, type: simple, type_params: {measure: takings_total}}
"""
DATA = """
create table day_passes (pass_id int, climber_id int, sold_on date, wall varchar, takings double);
insert into day_passes values (1, 1, '2026-06-01', 'slab', 12), (2, 1, '2026-06-02', 'cave', 12),
  (3, 2, '2026-06-02', 'slab', 15);
"""


@pytest.fixture(scope="module")
def gym(yaml_shop):
    return yaml_shop("per_rows_note", MODEL, DATA, TODAY)


@pytest.mark.parametrize(
    ("question", "said"),
    [("takings per climber", "not an average per climber"), ("每位climber的takings", "不是平均每")],
)
def test_per_a_thing_says_it_is_one_row_each(gym, question: str, said: str) -> None:
    a = gym.ask(question)
    assert answered_pairs(a, 1) == {"1": 24.0, "2": 15.0}
    assert said in a.interpretation, a.interpretation


@pytest.mark.parametrize("question", ["takings by climber", "takings per wall"])
def test_by_and_per_a_dimension_get_no_note(gym, question: str) -> None:
    a = gym.ask(question)
    assert not a.refused, a.error
    assert "average" not in a.interpretation, a.interpretation
