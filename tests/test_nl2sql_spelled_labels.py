"""A metric label with shortened words, spelled out in its own description (issue 12, fresh
project freshb17: "Avg Daily Temp Range (°F)", described "Average daily temperature range in
Fahrenheit"; "average daily temperature range" was split into another metric and "range").

Original fixture: clinic visits with shortened labels.
"""

from __future__ import annotations

import datetime as dt

import pytest

from nl2sql.vocabulary.spelled_labels import spelled_out

TODAY = dt.date(2025, 6, 30)
CLINICS = """
semantic_models:
  - name: visits
    model: ref('visits')
    defaults: {agg_time_dimension: visited_at}
    entities:
      - {name: visit, type: primary, expr: visit_id}
    dimensions:
      - {name: visited_at, type: time, type_params: {time_granularity: day}}
      - {name: clinic, type: categorical}
    measures:
      - {name: wait_avg, agg: average, expr: wait_min}
      - {name: service_avg, agg: average, expr: service_min}
      - {name: visit_count, agg: count, expr: visit_id}
metrics:
  - {name: avg_wait, label: Avg Wait Dur (min), type: simple,
     description: Average wait duration in minutes, type_params: {measure: wait_avg}}
  - {name: avg_service, label: Average Service Time (min), type: simple,
     description: Average service time in minutes, type_params: {measure: service_avg}}
  - {name: visits, label: Visits, type: simple, type_params: {measure: visit_count}}
"""
DATA = """
create table visits (visit_id int, visited_at date, clinic varchar, wait_min double,
  service_min double);
insert into visits values (1, '2025-05-01', 'North', 10, 20), (2, '2025-05-02', 'North', 30, 40),
  (3, '2025-05-03', 'South', 5, 15);
"""


@pytest.fixture(scope="module")
def clinics(yaml_shop):
    return yaml_shop("spelled_labels", CLINICS, DATA, TODAY)


def test_the_description_spells_the_label_out() -> None:
    assert spelled_out("Avg Wait Dur (min)", "Average wait duration in minutes") == (
        "average wait duration"
    )
    assert spelled_out("Avg Wait Dur", "Wait duration, averaged") is None  # another order
    assert spelled_out("Avg Wait Dur", "Average wait") is None  # shorter than the label


def test_the_spelled_out_words_name_the_metric(clinics) -> None:
    a = clinics.ask("average wait duration by clinic")
    assert not a.refused, a.error
    assert a.query.metrics == ["avg_wait"]
    assert sorted(a.df.iloc[:, -1].tolist()) == [pytest.approx(5.0), pytest.approx(20.0)]


@pytest.mark.parametrize("question", ["average service time", "average service time by clinic"])
def test_the_other_metric_keeps_its_own_words(clinics, question) -> None:
    a = clinics.ask(question)
    assert not a.refused, a.error
    assert a.query.metrics == ["avg_service"]


def test_a_word_of_neither_is_not_bridged(clinics) -> None:
    a = clinics.ask("average wait age by clinic")
    assert a.refused, a.interpretation
