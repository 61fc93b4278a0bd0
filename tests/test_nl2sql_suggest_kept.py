"""Refusal suggestions keep what the question asked when nothing spelled alike answers.

A question with an unknown word and no term spelled like it used to get the model's example
questions (or its first metrics): "average loan turnaround by branch" was offered "Loans",
"Late Fees" — the breakdown, dates and subject the user asked for were lost. Now the question
is kept and only the unknown words change: dropped when the rest is understood (they qualified
something the model cannot), else replaced by the metrics related to what the question names
(an average first when it asks for one), with the words the metric's label already says.
"""

from __future__ import annotations

import datetime as dt

import pytest

TODAY = dt.date(2026, 5, 4)
LIBRARY = """
semantic_models:
  - name: loans
    model: ref('loans')
    defaults: {agg_time_dimension: lent_at}
    entities:
      - {name: loan, type: primary, expr: loan_id}
    dimensions:
      - {name: lent_at, type: time, type_params: {time_granularity: day}}
      - {name: branch, type: categorical}
    measures:
      - {name: fees, agg: sum, expr: late_fee}
      - {name: loan_count, agg: count, expr: loan_id}
      - {name: loan_days, agg: average, expr: days_out}
metrics:
  - {name: late_fees, label: Late Fees, type: simple, type_params: {measure: fees}}
  - {name: loans, label: Loans, type: simple, type_params: {measure: loan_count}}
  - {name: average_loan_days, label: Average Loan Days, type: simple,
     type_params: {measure: loan_days}}
"""
LIBRARY_DATA = """
create table loans (loan_id int, lent_at date, branch varchar, late_fee double, days_out int);
insert into loans values (1, '2026-04-02', 'Elm', 0.5, 10), (2, '2026-04-20', 'Oak', 0, 4),
  (3, '2026-04-21', 'Oak', 1.5, 20), (4, '2026-03-05', 'Elm', 0, 7);
"""
GREENHOUSE = """
semantic_models:
  - name: readings
    model: ref('readings')
    defaults: {agg_time_dimension: read_at}
    entities:
      - {name: reading, type: primary, expr: reading_id}
      - {name: sensor, type: foreign, expr: sensor_id}
    dimensions:
      - {name: read_at, type: time, type_params: {time_granularity: day}}
      - {name: zone, type: categorical}
    measures:
      - {name: water, agg: sum, expr: water_litres}
      - {name: reading_count, agg: count, expr: reading_id}
      - {name: temp, agg: average, expr: temperature}
metrics:
  - {name: water_used, label: Water Used, type: simple, type_params: {measure: water}}
  - {name: readings, label: Readings, type: simple, type_params: {measure: reading_count}}
  - {name: average_temperature, label: Average Temperature, type: simple,
     type_params: {measure: temp}}
"""
GREENHOUSE_DATA = """
create table readings (reading_id int, sensor_id int, read_at date, zone varchar,
  water_litres double, temperature double);
insert into readings values (1, 1, '2026-04-02', 'North', 3, 21.5), (2, 2, '2026-04-03', 'South', 5, 24),
  (3, 1, '2026-04-28', 'North', 2, 19), (4, 2, '2026-03-28', 'South', 4, 23);
"""


@pytest.fixture(scope="module")
def library(yaml_shop):
    return yaml_shop("library", LIBRARY, LIBRARY_DATA, TODAY)


@pytest.fixture(scope="module")
def greenhouse(yaml_shop):
    return yaml_shop("greenhouse", GREENHOUSE, GREENHOUSE_DATA, TODAY)


def _first(shop, question: str) -> str:
    a = shop.ask(question)
    assert a.refused, a.interpretation
    return a.to_json()["suggestions"][0]


@pytest.mark.parametrize(
    ("shop_name", "question", "expected"),
    [
        (
            "library",
            "how many purple loans by branch last month",
            "how many loans by branch last month",
        ),
        (
            "greenhouse",
            "how many purple readings by zone in April 2026",
            "how many readings by zone in April 2026",
        ),
    ],
)
def test_an_unknown_qualifier_is_dropped_and_the_rest_kept(request, shop_name, question, expected):
    shop = request.getfixturevalue(shop_name)
    assert _first(shop, question) == expected
    b = shop.ask(expected)
    assert not b.refused and b.df.shape[0] == 2  # the two branches / zones asked for


@pytest.mark.parametrize(
    ("shop_name", "question", "expected"),
    [
        ("library", "average loan zorbness by branch", "Average Loan Days by branch"),
        (
            "greenhouse",
            "average zorbness by zone in April 2026",
            "Average Temperature by zone in April 2026",
        ),
    ],
)
def test_an_unknown_metric_word_is_replaced_by_the_related_average(
    request, shop_name, question, expected
):
    shop = request.getfixturevalue(shop_name)
    assert _first(shop, question) == expected


def test_every_kept_question_answers_with_the_breakdown_asked(library) -> None:
    got = library.ask("average loan zorbness by branch").to_json()["suggestions"]
    assert got
    for s in got:
        b = library.ask(s)
        assert not b.refused and "branch" in b.interpretation, (s, b.error)


@pytest.mark.parametrize(
    ("shop_name", "question", "expected"),
    [
        # 分馆 / 温室 stand where a breakdown goes (after 各 / 按): only a dimension can stand
        # there, and the model's own are offered when no term is close to the word
        ("library", "各分馆的借款笔数", "各branch的借款笔数"),
        ("greenhouse", "按温室统计浇水", "按zone统计浇水"),
    ],
)
def test_an_unknown_word_where_a_breakdown_goes_is_offered_the_models_breakdowns(
    request, shop_name, question, expected
):
    shop = request.getfixturevalue(shop_name)
    assert _first(shop, question) == expected
    b = shop.ask(expected)
    assert not b.refused and b.df.shape[0] == 2  # the two branches / zones


@pytest.mark.parametrize(
    ("shop_name", "question", "expected"),
    [
        # nothing of the model named at all, but 票价 is a dictionary rendering of "fee" and
        # 水位 of "water": each unknown word replaced by its reading at once
        ("library", "各分馆的票价", "各branch的Late Fees"),
        ("greenhouse", "各温室的水位", "各zone的Water Used"),
    ],
)
def test_several_unknown_words_are_replaced_by_their_readings_together(
    request, shop_name, question, expected
):
    shop = request.getfixturevalue(shop_name)
    assert _first(shop, question) == expected
