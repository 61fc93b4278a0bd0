"""Generated projects prefix every metric with its model; durations named by their unit.

Session 28, a public project of a medicines regulator (tests/eval/external/regulatory_kpis):
MetricFlow wants measure names unique across models, so its generator names them
``quality_metrics_assessments`` and ``turnaround_performance_avg_turnaround_days``, labelled
"Quality Metrics: Assessments with a recorded outcome". "How many assessments …" was refused
("I don't know 'assessments'"), "the average turnaround time" too ("I don't know 'time'"), and
"waiting days by workflow stage" asked back although only one model has workflow stages.

* ``vocabulary.entity_prefixed``: the name or label after its own entity's name names it too;
* ``vocabulary.duration_time``: a name closing in a duration unit ("… days") is asked as a
  "… time";
* ``vocabulary.participles.adjective_first``: "vessels idle" is asked as "idle vessels";
* ``rules.companion_fit``: a metric word two models share is settled by the rest of the
  question when exactly one reading fits it — and still asked back when nothing decides.

Invented model: a ferry operator's crossings and berth delays.
"""

from __future__ import annotations

import datetime as dt

import pytest

MODEL = """
semantic_models:
  - name: crossing_log
    model: ref('crossing_log')
    defaults: {agg_time_dimension: sailed_on}
    entities:
      - {name: crossing_log, type: primary, expr: route}
    dimensions:
      - {name: route, type: categorical}
      - {name: service, type: categorical}
      - name: sailed_on
        type: time
        type_params: {time_granularity: day}
    measures:
      - {name: crossing_log_sailings, agg: sum, expr: sailings}
      - {name: crossing_log_avg_boarding_minutes, agg: average, expr: boarding_minutes}
      - {name: crossing_log_avg_waiting_minutes, agg: average, expr: waiting_minutes}
      - {name: crossing_log_vessels_idle, agg: sum, expr: idle_vessels}
      - {name: crossing_log_vessels_sailing, agg: sum, expr: sailings}
  - name: berth_delay
    model: ref('berth_delay')
    defaults: {agg_time_dimension: sailed_on}
    entities:
      - {name: berth_delay, type: primary, expr: berth}
    dimensions:
      - {name: berth, type: categorical}
      - name: sailed_on
        type: time
        type_params: {time_granularity: day}
    measures:
      - {name: berth_delay_avg_waiting_minutes, agg: average, expr: waiting_minutes}
metrics:
  - name: crossing_log_sailings
    label: 'Crossing Log: Sailings made'
    type: simple
    type_params: {measure: crossing_log_sailings}
  - name: crossing_log_avg_boarding_minutes
    label: 'Crossing Log: Mean minutes to board'
    type: simple
    type_params: {measure: crossing_log_avg_boarding_minutes}
  - name: crossing_log_avg_waiting_minutes
    label: 'Crossing Log: Mean minutes waiting at the gate'
    type: simple
    type_params: {measure: crossing_log_avg_waiting_minutes}
  - name: crossing_log_vessels_idle
    label: 'Crossing Log: Vessels standing by'
    type: simple
    type_params: {measure: crossing_log_vessels_idle}
  - name: crossing_log_vessels_sailing
    label: 'Crossing Log: Vessels under way'
    type: simple
    type_params: {measure: crossing_log_vessels_sailing}
  - name: berth_delay_avg_waiting_minutes
    label: 'Berth Delay: Mean minutes waiting for a berth'
    type: simple
    type_params: {measure: berth_delay_avg_waiting_minutes}
"""

DATA = """
CREATE TABLE crossing_log (route VARCHAR, service VARCHAR, sailed_on DATE, sailings INTEGER,
    boarding_minutes DOUBLE, waiting_minutes DOUBLE, idle_vessels INTEGER);
INSERT INTO crossing_log VALUES ('North', 'Sailing', DATE '2024-01-02', 4, 10, 30, 1),
    ('North', 'Charter', DATE '2024-02-03', 6, 20, 50, 2),
    ('South', 'Sailing', DATE '2024-03-04', 5, 30, 10, 0),
    ('South', 'Sailing', DATE '2023-12-30', 9, 99, 99, 7);
CREATE TABLE berth_delay (berth VARCHAR, sailed_on DATE, waiting_minutes DOUBLE);
INSERT INTO berth_delay VALUES ('B1', DATE '2024-01-02', 7), ('B1', DATE '2024-01-05', 9),
    ('B2', DATE '2024-02-03', 40);
"""


@pytest.fixture(scope="module")
def ferries(yaml_shop):
    return yaml_shop("entity_prefixed", MODEL, DATA, dt.date(2024, 6, 1))


def _rows(a) -> list[tuple]:
    assert a.ok, a.error
    return sorted(a.df.itertuples(index=False, name=None))


def test_the_rest_after_the_model_prefix_names_the_metric(ferries) -> None:
    # "sailings" is also the plural of a service value ('Sailing'): the metric's own word wins
    a = ferries.ask("how many sailings were there in 2024?")
    assert a.query.metrics == ["crossing_log_sailings"]
    assert a.df.iloc[0, -1] == 15


def test_a_duration_named_by_its_unit_is_asked_as_a_time(ferries) -> None:
    a = ferries.ask("average boarding time by route")
    assert a.query.metrics == ["crossing_log_avg_boarding_minutes"]
    assert _rows(a) == [("North", 15.0), ("South", 64.5)]


def test_a_shared_rest_alone_is_asked_back(ferries) -> None:
    a = ferries.ask("average waiting time")
    assert not a.ok
    assert "ambiguous" in (a.error or "")


def test_the_dimension_settles_a_shared_rest(ferries) -> None:
    a = ferries.ask("average waiting time by berth")
    assert a.query.metrics == ["berth_delay_avg_waiting_minutes"]
    assert _rows(a) == [("B1", 8.0), ("B2", 40.0)]


def test_the_other_metric_settles_a_shared_rest(ferries) -> None:
    a = ferries.ask("average boarding time and waiting time for each route")
    assert a.query.metrics == [
        "crossing_log_avg_boarding_minutes",
        "crossing_log_avg_waiting_minutes",
    ]
    assert _rows(a) == [("North", 15.0, 40.0), ("South", 64.5, 54.5)]


def test_a_closing_adjective_is_said_first(ferries) -> None:
    a = ferries.ask("idle vessels by route in 2024")
    assert a.query.metrics == ["crossing_log_vessels_idle"]
    assert _rows(a) == [("North", 3), ("South", 0)]
