""" "new <things> in <period>" is asked back when "new" is also a value of the things' own
dimension and the count is dated by each one's own date
(``nl2sql.rules.passes.own_rows_period.ask_new_value_period``).

Before, "new customers in March 2018" read "new" as a segment value and counted that segment's
customers first dated in March (23) where the new customers of March were 27 (issue #12,
session 24's held set). Original model: a choir's singers, each with a status and the date
they joined.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.semantic_helpers import ok_rows

TODAY = dt.date(2026, 7, 2)
CHOIR = """
semantic_models:
  - name: singers
    model: ref('singers')
    defaults: {agg_time_dimension: joined_on}
    entities:
      - {name: singer, type: primary, expr: singer_id}
    dimensions:
      - {name: joined_on, type: time, type_params: {time_granularity: day}}
      - {name: status, type: categorical}
      - {name: voice, type: categorical}
    measures:
      - {name: singer_count, agg: count_distinct, expr: singer_id}
metrics:
  - {name: singers, label: Singers, type: simple, type_params: {measure: singer_count}}
"""
DATA = """
create table singers (singer_id int, joined_on date, status varchar, voice varchar);
insert into singers values (1, '2026-05-03', 'new', 'alto'), (2, '2026-05-20', 'regular', 'bass'),
  (3, '2026-04-02', 'new', 'alto'), (4, '2025-11-02', 'regular', 'tenor');
"""


@pytest.fixture(scope="module")
def choir(yaml_shop):
    return yaml_shop("new_value_choir", CHOIR, DATA, TODAY)


@pytest.mark.parametrize(
    "question", ["new singers in May 2026", "new singers by voice in May 2026"]
)
def test_new_with_a_period_is_asked_back_with_both_readings(choir, question) -> None:
    a = choir.ask(question)
    assert a.refused, a.interpretation
    got = sorted(ok_rows(choir.ask(s))[0][-1] for s in a.suggestions)
    assert got == [1, 2], a.suggestions  # status new in May; everyone who joined in May


@pytest.mark.parametrize(
    ("question", "rows"),
    [
        ("new singers", [(2,)]),  # no period: the status value, as before
        ("singers with status new in May 2026", [(1,)]),  # the dimension said
        ("singers in May 2026", [(2,)]),
    ],
)
def test_one_reading_said_stays_answered(choir, question, rows) -> None:
    a = choir.ask(question)
    assert ok_rows(a) == rows, a.interpretation
