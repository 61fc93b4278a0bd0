"""A Chinese word is no name of a value when its dictionary senses cover another word of the
model too (issue 18: Chinese on English-only models, no wrong answers).

鳄鱼 ("alligator / crocodile") was read as the genus value "Alligator" on a model whose species
names hold "Crocodile": "鳄鱼的观测次数" counted alligators only. Two domains: wildlife
observations and vehicle rentals (货车 "truck / van" beside the values Truck and Van).
"""

from __future__ import annotations

import datetime as dt

import pytest

TODAY = dt.date(2025, 6, 30)
WILDLIFE = """
semantic_models:
  - name: sightings
    model: ref('sightings')
    defaults: {agg_time_dimension: seen_at}
    entities:
      - {name: sighting, type: primary, expr: sighting_id}
    dimensions:
      - {name: seen_at, type: time, type_params: {time_granularity: day}}
      - {name: genus, type: categorical}
      - {name: common_name, type: categorical}
    measures:
      - {name: sighting_count, agg: count, expr: sighting_id}
metrics:
  - {name: observations, label: Observations, type: simple, type_params: {measure: sighting_count}}
"""
WILDLIFE_DATA = """
create table sightings (sighting_id int, seen_at date, genus varchar, common_name varchar);
insert into sightings values (1, '2025-03-01', 'Alligator', 'American Alligator'),
  (2, '2025-03-02', 'Crocodylus', 'Nile Crocodile'),
  (3, '2025-04-03', 'Crocodylus', 'Saltwater Crocodile');
"""
RENTALS = """
semantic_models:
  - name: rentals
    model: ref('rentals')
    defaults: {agg_time_dimension: rented_at}
    entities:
      - {name: rental, type: primary, expr: rental_id}
    dimensions:
      - {name: rented_at, type: time, type_params: {time_granularity: day}}
      - {name: vehicle_type, type: categorical}
    measures:
      - {name: rental_count, agg: count, expr: rental_id}
metrics:
  - {name: rentals, label: Orders, type: simple, type_params: {measure: rental_count}}
"""
RENTAL_DATA = """
create table rentals (rental_id int, rented_at date, vehicle_type varchar);
insert into rentals values (1, '2025-03-01', 'Truck'), (2, '2025-03-02', 'Van'),
  (3, '2025-04-03', 'Van'), (4, '2025-04-04', 'Sedan');
"""


@pytest.fixture(scope="module")
def wildlife(yaml_shop):
    return yaml_shop("value_senses_wildlife", WILDLIFE, WILDLIFE_DATA, TODAY)


@pytest.fixture(scope="module")
def rentals(yaml_shop):
    return yaml_shop("value_senses_rentals", RENTALS, RENTAL_DATA, TODAY)


def test_a_word_covering_two_model_words_is_no_value(wildlife) -> None:
    a = wildlife.ask("鳄鱼的观测次数")
    assert a.refused, a.interpretation
    assert "鳄鱼" in a.error


def test_a_word_of_one_sense_still_names_the_value(wildlife) -> None:
    a = wildlife.ask("短吻鳄的观测次数")
    assert not a.refused, a.error
    assert a.df.iloc[0, -1] == 1


def test_the_english_value_is_unaffected(wildlife) -> None:
    a = wildlife.ask("observations of genus Alligator")
    assert not a.refused, a.error
    assert a.df.iloc[0, -1] == 1


def test_a_vehicle_word_covering_two_values_is_no_value(rentals) -> None:
    a = rentals.ask("货车的订单数")
    assert a.refused, a.interpretation
    assert "货车" in a.error


def test_a_vehicle_word_of_one_value_still_names_it(rentals) -> None:
    a = rentals.ask("卡车的订单数")
    assert not a.refused, a.error
    assert a.df.iloc[0, -1] == 1
