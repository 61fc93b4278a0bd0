"""The industries added to ``glossary_zh_domains.yml`` in session 11, asked in Chinese on models
written in English only (no synonyms, no Chinese anywhere in the model).

Why: a weather model's 风速 and 降水量, a charging network's 充电量 and a vet clinic's 品种 and
宠物 found nothing in CC-CEDICT's senses (precipitation is 沉淀 "sediment" first), and where
an older industry claimed a weather word ("wind" as 风电) the link went to the wrong sense. Each
answer is checked against the data. Negative tests: a hospital model does not turn on the
veterinary words, and a weather model is no energy model (风电 reaches no wind speed).
"""

from __future__ import annotations

import datetime as dt

import pytest

from nl2sql.vocabulary.chinese import evident_industries
from tests.semantic_helpers import answered_pairs, answered_value

TODAY = dt.date(2026, 5, 1)

WEATHER = """
semantic_models:
  - name: observations
    model: ref('observations')
    defaults: {agg_time_dimension: observed_on}
    entities:
      - {name: observation, type: primary, expr: observation_id}
    dimensions:
      - {name: observed_on, type: time, type_params: {time_granularity: day}}
      - {name: city, type: categorical}
    measures:
      - {name: precipitation_mm, agg: sum, expr: precipitation}
      - {name: wind_speed_avg, agg: average, expr: wind_speed}
      - {name: humidity_avg, agg: average, expr: humidity}
metrics:
  - {name: total_precipitation, label: Total Precipitation, type: simple,
     type_params: {measure: precipitation_mm}}
  - {name: average_wind_speed, label: Average Wind Speed, type: simple,
     type_params: {measure: wind_speed_avg}}
  - {name: average_humidity, label: Average Humidity, type: simple,
     type_params: {measure: humidity_avg}}
"""
WEATHER_DATA = """
create table observations (observation_id int, observed_on date, city varchar,
  precipitation double, wind_speed double, humidity double);
insert into observations values (1, '2026-04-01', 'Oslo', 3.0, 10.0, 80),
  (2, '2026-04-02', 'Oslo', 5.0, 14.0, 70), (3, '2026-04-01', 'Rome', 1.0, 6.0, 50);
"""

CHARGING = """
semantic_models:
  - name: charging_sessions
    model: ref('charging_sessions')
    defaults: {agg_time_dimension: started_on}
    entities:
      - {name: charging_session, type: primary, expr: session_id}
      - {name: charger, type: foreign, expr: charger_id}
    dimensions:
      - {name: started_on, type: time, type_params: {time_granularity: day}}
      - {name: city, type: categorical}
    measures:
      - {name: energy_kwh, agg: sum, expr: energy_delivered_kwh}
      - {name: session_count, agg: count, expr: session_id}
metrics:
  - {name: energy_delivered, label: Energy Delivered, type: simple,
     type_params: {measure: energy_kwh}}
  - {name: charging_sessions, label: Charging Sessions, type: simple,
     type_params: {measure: session_count}}
"""
CHARGING_DATA = """
create table charging_sessions (session_id int, charger_id int, started_on date, city varchar,
  energy_delivered_kwh double);
insert into charging_sessions values (1, 1, '2026-04-01', 'Lyon', 20.5),
  (2, 1, '2026-04-02', 'Lyon', 30.0), (3, 2, '2026-04-02', 'Nice', 12.0);
"""

VET = """
semantic_models:
  - name: pet_visits
    model: ref('pet_visits')
    defaults: {agg_time_dimension: visit_date}
    entities:
      - {name: visit, type: primary, expr: visit_id}
      - {name: pet, type: foreign, expr: pet_id}
    dimensions:
      - {name: visit_date, type: time, type_params: {time_granularity: day}}
      - {name: species, type: categorical}
      - {name: breed, type: categorical}
    measures:
      - {name: pet_count, agg: count_distinct, expr: pet_id}
metrics:
  - {name: pets, label: Pets, type: simple, type_params: {measure: pet_count}}
"""
VET_DATA = """
create table pet_visits (visit_id int, pet_id int, visit_date date, species varchar,
  breed varchar);
insert into pet_visits values (1, 1, '2026-04-01', 'dog', 'Beagle'),
  (2, 1, '2026-04-08', 'dog', 'Beagle'), (3, 2, '2026-04-02', 'dog', 'Poodle'),
  (4, 3, '2026-04-03', 'cat', 'Siamese');
"""


@pytest.fixture(scope="module")
def weather(yaml_shop):
    return yaml_shop("weather", WEATHER, WEATHER_DATA, TODAY)


@pytest.fixture(scope="module")
def charging(yaml_shop):
    return yaml_shop("charging", CHARGING, CHARGING_DATA, TODAY)


@pytest.fixture(scope="module")
def vet(yaml_shop):
    return yaml_shop("vet", VET, VET_DATA, TODAY)


def test_a_weather_model_is_asked_风速_降水量_and_湿度(weather) -> None:
    assert answered_pairs(weather.ask("各城市的平均风速"), 4) == {"Oslo": 12.0, "Rome": 6.0}
    assert answered_pairs(weather.ask("各城市的降水量"), 4) == {"Oslo": 8.0, "Rome": 1.0}
    assert answered_value(weather.ask("平均湿度"), 4) == pytest.approx(66.6667)


def test_a_charging_network_is_asked_充电量_and_充电订单(charging) -> None:
    assert answered_pairs(charging.ask("各城市的充电量"), 4) == {"Lyon": 50.5, "Nice": 12.0}
    assert answered_value(charging.ask("充电订单数"), 4) == 3


def test_a_vet_clinic_is_asked_宠物数_by_品种(vet) -> None:
    assert answered_pairs(vet.ask("各品种的宠物数"), 4) == {"Beagle": 1, "Poodle": 1, "Siamese": 1}
    assert answered_pairs(vet.ask("按物种统计宠物数"), 4) == {"cat": 1, "dog": 2}


def test_each_model_turns_on_its_own_industry_only() -> None:
    """A hospital names patients and wards, no pet or breed: the veterinary words stay off; a
    weather table names wind and temperature, which energy lists too: it is weather, not
    energy (风电 for "wind" is an energy word)."""
    hospital = ["patient", "admission", "ward", "diagnosis", "length of stay"]
    assert "healthcare" in evident_industries(hospital)
    assert "veterinary" not in evident_industries(hospital)
    assert "veterinary" in evident_industries(["pet", "breed", "species", "visit"])
    station = ["temperature", "wind speed", "wind", "precipitation", "humidity"]
    assert evident_industries(station) == frozenset({"weather"})
    assert "ev charging" in evident_industries(["charging session", "charger", "city"])


def test_a_weather_model_does_not_read_风电_as_its_wind_speed(weather) -> None:
    assert weather.ask("平均风电速度").refused
