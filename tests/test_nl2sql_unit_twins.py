"""One quantity kept in two units, and the rows a metric is taken over (issue 12, fresh project
freshb17: a public weather project labels "Average Temperature (°F)" beside "(°C)").

- a unit the question names picks the metric counted in it ("in Celsius", "（华氏度）");
- without a unit, metrics that differ only in their unit (one kind, not money) are the same
  quantity: the model's first-defined one is answered, its unit in the heading;
- a phrase of another metric ("core temperature spread") is not split into the twins and a
  second metric; money in two currencies stays asked;
- "across all readings" / "所有读数的" names the rows of the other metric, not a count beside it.

Original fixture: cold-room sensor readings (not the project's data).
"""

from __future__ import annotations

import datetime as dt

import pytest

TODAY = dt.date(2025, 6, 30)
ROOMS = """
semantic_models:
  - name: readings
    model: ref('readings')
    defaults: {agg_time_dimension: read_at}
    entities:
      - {name: reading, type: primary, expr: reading_id}
    dimensions:
      - {name: read_at, type: time, type_params: {time_granularity: day}}
      - {name: room, type: categorical}
    measures:
      - {name: core_f, agg: average, expr: core_temp_f}
      - {name: core_c, agg: average, expr: core_temp_c}
      - {name: spread_f, agg: average, expr: core_max_f - core_min_f}
      - {name: reading_count, agg: count, expr: reading_id}
      - {name: alarm_count, agg: sum, expr: "case when alarm then 1 else 0 end"}
      - {name: cost_usd, agg: sum, expr: cost_usd}
      - {name: cost_eur, agg: sum, expr: cost_eur}
metrics:
  - {name: mean_core_temp_f, label: Mean Core Temperature (°F), type: simple,
     type_params: {measure: core_f}}
  - {name: mean_core_temp_c, label: Mean Core Temperature (°C), type: simple,
     type_params: {measure: core_c}}
  - {name: core_spread, label: Core Temperature Spread (°F), type: simple,
     type_params: {measure: spread_f}}
  - {name: readings, label: Readings, type: simple, type_params: {measure: reading_count}}
  - {name: alarms, label: Alarms, type: simple, type_params: {measure: alarm_count}}
  - {name: energy_cost_usd, label: Energy Cost (USD), type: simple, type_params: {measure: cost_usd}}
  - {name: energy_cost_eur, label: Energy Cost (EUR), type: simple, type_params: {measure: cost_eur}}
"""
DATA = """
create table readings (reading_id int, read_at date, room varchar, core_temp_f double,
  core_temp_c double, core_max_f double, core_min_f double, alarm boolean, cost_usd double,
  cost_eur double);
insert into readings values
  (1, '2025-05-01', 'A', 41.0, 5.0, 44.0, 38.0, false, 2.0, 1.8),
  (2, '2025-05-02', 'A', 50.0, 10.0, 60.0, 40.0, true, 3.0, 2.7),
  (3, '2025-05-02', 'B', 32.0, 0.0, 33.0, 31.0, false, 5.0, 4.5);
"""


@pytest.fixture(scope="module")
def rooms(yaml_shop):
    return yaml_shop("unit_twins", ROOMS, DATA, TODAY)


@pytest.mark.parametrize(
    ("question", "metric", "value"),
    [
        ("mean core temperature in Celsius", "mean_core_temp_c", 5.0),
        ("mean core temperature in fahrenheit", "mean_core_temp_f", 41.0),
        ("mean core temperature (°C)", "mean_core_temp_c", 5.0),
        ("rooms with a mean core temperature above 40°F", "mean_core_temp_f", None),
    ],
)
def test_a_named_unit_picks_the_metric_counted_in_it(rooms, question, metric, value) -> None:
    a = rooms.ask(question)
    assert not a.refused, a.error
    assert a.query.metrics == [metric]
    if value is not None:
        assert a.df.iloc[0, -1] == pytest.approx(value)
    else:  # room A (45.5 °F) only; B (32 °F) is below
        assert a.df.iloc[:, 0].tolist() == ["A"]


def test_a_unit_none_of_them_has_is_refused(rooms) -> None:
    a = rooms.ask("mean core temperature in kelvin")
    assert a.refused, a.interpretation


def test_without_a_unit_the_first_defined_twin_is_answered(rooms) -> None:
    a = rooms.ask("mean core temperature by room")
    assert not a.refused, a.error
    assert a.query.metrics == ["mean_core_temp_f"]
    assert sorted(a.df.iloc[:, -1].tolist()) == [pytest.approx(32.0), pytest.approx(45.5)]


def test_a_phrase_of_another_metric_is_not_split_into_the_twins(rooms) -> None:
    a = rooms.ask("mean core temperature spread by room")
    assert a.refused or a.query.metrics == ["core_spread"], a.interpretation


def test_money_in_two_currencies_stays_asked(rooms) -> None:
    a = rooms.ask("energy cost by room")
    assert a.refused, a.interpretation


@pytest.mark.parametrize(
    "question",
    ["mean core temperature in Fahrenheit across all readings", "average of all readings"],
)
def test_all_readings_are_the_rows_not_a_count(rooms, question) -> None:
    a = rooms.ask(question)
    if question.startswith("average of"):  # no other metric: the probe must not answer a count
        assert a.refused or a.query.metrics != ["readings"], a.interpretation
        return
    assert not a.refused, a.error
    assert a.query.metrics == ["mean_core_temp_f"]
    assert a.df.iloc[0, -1] == pytest.approx(41.0)


@pytest.mark.parametrize(
    ("question", "metrics"),
    [
        ("mean core temperature in Fahrenheit and readings", ["mean_core_temp_f", "readings"]),
        ("how many readings", ["readings"]),
    ],
)
def test_a_count_asked_without_all_stays(rooms, question, metrics) -> None:
    a = rooms.ask(question)
    assert not a.refused, a.error
    assert a.query.metrics == metrics


def test_a_filtered_count_after_all_is_not_dropped(rooms) -> None:
    a = rooms.ask("mean core temperature in Fahrenheit across all alarms")
    assert a.refused or "alarms" in a.query.metrics, a.interpretation


@pytest.mark.parametrize("question", ["readings in fahrenheit", "readings in kg"])
def test_a_unit_asked_of_a_count_alone_is_refused(rooms, question) -> None:
    a = rooms.ask(question)
    assert a.refused, a.interpretation


def test_a_unit_of_the_average_leaves_the_count_beside_it_uncounted(rooms) -> None:
    a = rooms.ask("readings and mean core temperature in Celsius")
    assert not a.refused, a.error
    assert a.query.metrics == ["readings", "mean_core_temp_c"]
    assert a.df.iloc[0, -2:].tolist() == [3, pytest.approx(5.0)]
