"""A total asked of an amount the model only averages is refused (issue 12: wrong answers).

"What is the total weight of the parcels?" / "包裹的总重量是多少" on a model whose only weight
metric is an average was answered with that average (a fresh crocodile-observation project
showed it: "所有观测到的鳄鱼总重量是多少？" got the mean weight). Two domains here: parcels
(logistics) and sensor readings; where the model also sums the noun, the sum is answered.
"""

from __future__ import annotations

import datetime as dt

import pytest

TODAY = dt.date(2025, 6, 30)
PARCELS = """
semantic_models:
  - name: parcels
    model: ref('parcels')
    defaults: {agg_time_dimension: shipped_at}
    entities:
      - {name: parcel, type: primary, expr: parcel_id}
    dimensions:
      - {name: shipped_at, type: time, type_params: {time_granularity: day}}
      - {name: carrier, type: categorical}
    measures:
      - {name: parcel_count, agg: count, expr: parcel_id}
      - {name: avg_weight, agg: average, expr: weight_kg}
metrics:
  - {name: parcels, label: Parcels, type: simple, type_params: {measure: parcel_count}}
  - {name: average_weight_kg, label: Average weight (kg), type: simple,
     type_params: {measure: avg_weight}}
"""
PARCEL_DATA = """
create table parcels (parcel_id int, shipped_at date, carrier varchar, weight_kg double);
insert into parcels values (1, '2025-03-01', 'DHL', 2.0), (2, '2025-03-02', 'DHL', 4.0),
  (3, '2025-04-03', 'UPS', 9.0);
"""
SENSORS = """
semantic_models:
  - name: readings
    model: ref('readings')
    defaults: {agg_time_dimension: read_at}
    entities:
      - {name: reading, type: primary, expr: reading_id}
    dimensions:
      - {name: read_at, type: time, type_params: {time_granularity: day}}
      - {name: site, type: categorical}
    measures:
      - {name: mean_power, agg: average, expr: power_kw}
      - {name: energy, agg: sum, expr: energy_kwh}
      - {name: mean_energy, agg: average, expr: energy_kwh}
metrics:
  - {name: average_power, label: Average power, type: simple, type_params: {measure: mean_power}}
  - {name: energy_total, label: Total energy, type: simple, type_params: {measure: energy}}
  - {name: average_energy, label: Average energy, type: simple,
     type_params: {measure: mean_energy}}
"""
SENSOR_DATA = """
create table readings (reading_id int, read_at date, site varchar, power_kw double,
  energy_kwh double);
insert into readings values (1, '2025-05-01', 'North', 3.0, 10.0),
  (2, '2025-05-02', 'North', 5.0, 30.0), (3, '2025-05-02', 'South', 7.0, 20.0);
"""


@pytest.fixture(scope="module")
def parcels(yaml_shop):
    return yaml_shop("parcel_totals", PARCELS, PARCEL_DATA, TODAY)


@pytest.fixture(scope="module")
def sensors(yaml_shop):
    return yaml_shop("sensor_totals", SENSORS, SENSOR_DATA, TODAY)


@pytest.mark.parametrize(
    "question",
    [
        "What is the total weight of the parcels?",
        "sum of weight by carrier",
        "包裹的总重量是多少",
        "总重量",
    ],
)
def test_a_total_of_an_average_only_amount_is_refused(parcels, question: str) -> None:
    a = parcels.ask(question)
    assert a.refused, a.interpretation
    assert "an average" in a.error or "平均值" in a.error


@pytest.mark.parametrize(
    "question", ["total power by site", "What's the summed power?", "各站点的总功率"]
)
def test_a_total_of_an_average_is_refused_on_another_model(sensors, question: str) -> None:
    a = sensors.ask(question)
    assert a.refused, a.interpretation


@pytest.mark.parametrize(
    "question", ["average weight", "total average weight", "总平均重量", "平均重量"]
)
def test_the_average_is_still_answered(parcels, question: str) -> None:
    a = parcels.ask(question)
    assert not a.refused, a.error
    assert a.query.metrics == ["average_weight_kg"]
    assert a.df.iloc[0, -1] == pytest.approx(5.0)


def test_a_total_beside_a_count_is_answered(parcels) -> None:
    a = parcels.ask("total parcels and average weight")
    assert not a.refused, a.error
    assert a.df.iloc[0].tolist()[-2:] == [3, pytest.approx(5.0)]


def test_the_sum_metric_is_chosen_when_the_model_has_one(sensors) -> None:
    a = sensors.ask("total energy by site")
    assert not a.refused, a.error
    assert a.query.metrics == ["energy_total"]
    assert sorted(a.df.iloc[:, -1].tolist()) == [20.0, 40.0]
