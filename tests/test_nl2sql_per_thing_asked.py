"""An amount or a count "per <thing with rows of its own>" is asked back
(``nl2sql.rules.passes.per_rows``).

"GMV per customer" / 每位客户的GMV was answered customer by customer (thousands of rows) where
most readers mean one average (issue #12). Decision of session 23: when the thing is a semantic
model's primary entity, the question is asked back, offering the average the engine can answer
("average … per …" where it runs) and the breakdown said with "by" / 按; with the model's ratio
of that metric to a count of the thing, "per" divides as before. "per day", "per deck" (a dimension) and a metric that is already a ratio stay answered.
Original model: a ferry line's passengers and their crossings.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.semantic_helpers import ok_rows

TODAY = dt.date(2026, 7, 2)
FERRY = """
semantic_models:
  - name: passengers
    model: ref('passengers')
    entities:
      - {name: passenger, type: primary, expr: passenger_id}
    dimensions:
      - {name: home_port, type: categorical}
  - name: crossings
    model: ref('crossings')
    defaults: {agg_time_dimension: sailed_on}
    entities:
      - {name: crossing, type: primary, expr: crossing_id}
      - {name: passenger, type: foreign, expr: passenger_id}
    dimensions:
      - {name: sailed_on, type: time, type_params: {time_granularity: day}}
      - {name: deck, type: categorical}
    measures:
      - {name: fare_total, agg: sum, expr: fare}
      - {name: crossing_rows, agg: count, expr: crossing_id}
      - {name: sailing_passengers, agg: count_distinct, expr: passenger_id}
metrics:
  - {name: fares, label: Fares, type: simple, type_params: {measure: fare_total}}
  - {name: crossings, label: Crossings, type: simple, type_params: {measure: crossing_rows}}
  - {name: riders, label: Riders, type: simple, type_params: {measure: sailing_passengers}}
"""
RATIO = """
  - name: fare_per_rider
    label: Fare Per Rider
    type: ratio
    type_params: {numerator: fares, denominator: riders}
"""
DATA = """
create table passengers (passenger_id int, home_port varchar);
insert into passengers values (1, 'Ayr'), (2, 'Oban');
create table crossings (crossing_id int, passenger_id int, sailed_on date, deck varchar, fare double);
insert into crossings values (1, 1, '2026-06-01', 'upper', 10), (2, 1, '2026-06-02', 'lower', 20),
  (3, 2, '2026-06-02', 'upper', 30);
"""


@pytest.fixture(scope="module")
def ferry(yaml_shop):
    return yaml_shop("per_thing_ferry", FERRY, DATA, TODAY)


@pytest.fixture(scope="module")
def ferry_ratio(yaml_shop):
    return yaml_shop("per_thing_ferry_ratio", FERRY + RATIO, DATA, TODAY)


@pytest.mark.parametrize(
    "question", ["fares per passenger", "crossings per passenger", "每位passenger的fares"]
)
def test_per_a_thing_is_asked_back_with_the_breakdown_offered(ferry, question) -> None:
    a = ferry.ask(question)
    assert a.refused, a.interpretation
    assert a.suggestions, a.error
    by = ferry.ask(a.suggestions[-1])  # the list, said with "by" / 按
    assert sorted(ok_rows(by))[0][0] == 1, by.error or by.interpretation
    assert len(ok_rows(by)) == 2


def test_the_models_ratio_answers_without_asking(ferry_ratio) -> None:
    """With the model's ratio of fares to riders, "per" divides (tests/test_nl2sql_plain_per)."""
    assert ok_rows(ferry_ratio.ask("fares per passenger")) == [(30.0,)]  # 60 over 2 riders


@pytest.mark.parametrize(
    ("question", "rows"),
    [
        ("fares by passenger", [(1, 30.0), (2, 30.0)]),  # said with "by": the list
        ("fares per deck", [("lower", 20.0), ("upper", 40.0)]),  # a dimension: a breakdown
        ("每个deck的fares", [("lower", 20.0), ("upper", 40.0)]),
        ("每个passenger的fares", [(1, 30.0), (2, 30.0)]),  # 每个 reads "each": the list
    ],
)
def test_one_word_away_stays_answered(ferry, question, rows) -> None:
    a = ferry.ask(question)
    assert sorted(ok_rows(a)) == rows, a.error or a.interpretation


def test_per_a_time_grain_stays_a_breakdown(ferry) -> None:
    a = ferry.ask("fares per day")
    assert not a.refused, a.error
    assert len(ok_rows(a)) == 2
