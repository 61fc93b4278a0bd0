"""A real English word is never "corrected" into a model word; prior periods are time words.

Why: on a weather model "coldest" was read as a typo of "codes" (two edits on seven letters),
so "coldest stations" could have become "station codes"; a superlative of a quality the
model does not name is refused with the way to ask (highest / lowest of a metric). "prior
quarter" and 上一季度 (written 上1季度 once numbers are normalized) were unknown or a stray 1.
"""

from __future__ import annotations

import datetime as dt

import pytest

from nl2sql import ask
from tests.semantic_helpers import answered_rows

TODAY = dt.date(2026, 5, 20)
SENSORS = """
semantic_models:
  - name: readings
    model: ref('readings')
    defaults: {agg_time_dimension: read_on}
    entities:
      - {name: reading, type: primary, expr: reading_id}
    dimensions:
      - {name: read_on, type: time, type_params: {time_granularity: day}}
      - {name: room_codes, type: categorical, label: Room codes}
      - {name: color, type: categorical}
    measures:
      - {name: reading_count, agg: count, expr: reading_id}
      - {name: celsius, agg: average, expr: celsius}
metrics:
  - {name: readings, label: Readings, type: simple, type_params: {measure: reading_count}}
  - {name: mean_celsius, label: Mean Celsius, type: simple, type_params: {measure: celsius}}
"""
DATA = """
create table readings (
  reading_id int, read_on date, room_codes varchar, color varchar, celsius double);
insert into readings values
  (1, '2025-11-03', 'R1', 'red', 4.0), (2, '2025-12-10', 'R2', 'red', 6.0),
  (3, '2026-01-15', 'R1', 'red', 2.0), (4, '2026-02-20', 'R2', 'blue', 3.0),
  (5, '2026-03-05', 'R1', 'blue', 5.0), (6, '2026-04-02', 'R2', 'blue', 8.0),
  (7, '2026-04-28', 'R1', 'blue', 7.0), (8, '2026-05-10', 'R2', 'blue', 9.0);
"""


@pytest.fixture(scope="module")
def rooms(yaml_shop):
    return yaml_shop("real_words", SENSORS, DATA, TODAY)


def test_a_typo_is_still_corrected(rooms) -> None:
    got = rooms.ask("readings by room codes in 2025")
    assert sorted(answered_rows(got)) == [("R1", 1), ("R2", 1)]
    got = rooms.ask("mean celcius in 2025")  # no English word: a typo of the model's "celsius"
    assert answered_rows(got) == [(5.0,)]


def test_a_british_spelling_is_still_the_model_word(rooms) -> None:
    """ "colour" is an English word of its own, but the same word as the model's "color"."""
    assert sorted(answered_rows(rooms.ask("readings by colour"))) == [("blue", 5), ("red", 3)]


def test_a_superlative_is_not_read_as_a_model_word(rooms) -> None:
    got = rooms.ask("coldest room codes")
    assert got.refused and "coldest" in got.reason
    assert "highest or lowest" in got.reason
    assert not any("'coldest' read as" in n for n in got.notes)


def test_the_named_ranking_answers(rooms) -> None:
    got = rooms.ask("room codes with the lowest mean celsius")
    assert [r[0] for r in answered_rows(got)] == ["R1"]


@pytest.mark.parametrize(
    ("question", "count"),
    [
        ("readings in the prior quarter", 3),  # 2026 Q1
        ("readings previous quarter", 3),
        ("readings this quarter", 3),  # one word apart: 2026 Q2 (Apr 2, Apr 28, May 10)
        ("readings prior year", 2),  # 2025
        ("readings prior month", 2),  # April 2026
        ("上一季度的读数次数", 3),
        ("上一年的读数次数", 2),
        ("上年度的读数次数", 2),
        ("上一个月的读数次数", 2),
    ],
)
def test_prior_periods(rooms, question, count) -> None:
    got = rooms.ask(question.replace("读数次数", "readings"))
    assert answered_rows(got) == [(count,)], got.reason


def test_prior_to_is_not_a_period(rooms) -> None:
    got = rooms.ask("readings prior to this quarter")
    assert got.refused or answered_rows(got) != [(3,)]  # never read as "this quarter" alone


def test_demo_prior_quarter(demo_con) -> None:
    prior = ask("GMV in the prior quarter", con=demo_con, today="2026-11-20")
    last = ask("GMV last quarter", con=demo_con, today="2026-11-20")
    assert prior.ok and last.ok and prior.rows() == last.rows()
