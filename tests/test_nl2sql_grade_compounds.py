"""A compound of two grade words before a value that is no value of the model is refused
(``nl2sql.rules.grade_compounds``): "中大型舱位的fares", "medium-large cabins fares".

Before, the second grade alone matched a value and the first was dropped (中 is also "among"):
中大型 answered the large cabins only, and "medium-large" the two tiers summed — a band some
scales keep as a step of its own. Original model: a ferry's cabins and their fares.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.semantic_helpers import ok_rows

TODAY = dt.date(2026, 7, 2)
FERRY = """
semantic_models:
  - name: cabins
    model: ref('cabins')
    entities:
      - {name: cabin, type: primary, expr: cabin_id}
    dimensions:
      - {name: cabin_tier, type: categorical}
  - name: tickets
    model: ref('tickets')
    defaults: {agg_time_dimension: sailed_on}
    entities:
      - {name: ticket, type: primary, expr: ticket_id}
      - {name: cabin, type: foreign, expr: cabin_id}
    dimensions:
      - {name: sailed_on, type: time, type_params: {time_granularity: day}}
      - {name: swell_grade, type: categorical}
    measures:
      - {name: fare_total, agg: sum, expr: fare}
metrics:
  - {name: fares, label: Fares, type: simple, type_params: {measure: fare_total}}
"""
DATA = """
create table cabins (cabin_id int, cabin_tier varchar);
insert into cabins values (1, 'small'), (2, 'medium'), (3, 'large');
create table tickets (ticket_id int, cabin_id int, sailed_on date, fare int, swell_grade varchar);
insert into tickets values (10, 1, '2026-06-01', 5, 'Low Swell'), (11, 2, '2026-06-01', 20, 'Medium Swell'),
  (12, 3, '2026-06-02', 100, 'High Swell'), (13, 3, '2026-06-03', 300, 'Medium Swell');
"""


@pytest.fixture(scope="module")
def ferry(yaml_shop):
    return yaml_shop("grade_ferry", FERRY, DATA, TODAY)


@pytest.mark.parametrize(
    "question",
    [
        "中大型cabin的fares",
        "中小型cabin的fares",
        "medium-large cabins fares",
        "fares of medium-high swell",
        "fares of low-medium swell tickets",
        "ticket中大型cabin的fares",  # after a noun: "among" or the band, refused all the same
    ],
)
def test_a_band_of_two_grades_is_refused(ferry, question) -> None:
    a = ferry.ask(question)
    assert a.refused, a.interpretation
    assert "band" in a.error, a.error
    # the suggestions show the figure per grade, never the one value read before
    for s in a.suggestions:
        got = ok_rows(ferry.ask(s))
        assert len(got) == 3, (s, got)


@pytest.mark.parametrize(
    ("question", "rows"),
    [
        ("中型cabin的fares", [(20,)]),
        ("大型cabin的fares", [(400,)]),
        ("medium cabins fares", [(20,)]),
        ("fares of medium and large cabins", [(420,)]),  # "and": the two tiers, said so
        ("fares of medium swell", [(320,)]),
        ("fares of high swell", [(100,)]),
    ],
)
def test_one_word_away_stays_answered(ferry, question, rows) -> None:
    a = ferry.ask(question)
    assert ok_rows(a) == rows, a.error or a.interpretation
