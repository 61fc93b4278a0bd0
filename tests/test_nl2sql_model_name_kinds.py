"""The semantic model's name says the kind of its rows: "crocodile" of ``crocodile_observations``.

Why (issue 12/18): a project about one kind of thing says it only in its semantic model's name;
"How many critically endangered crocodiles were observed?", "average weight of female
crocodiles", "鳄鱼观测次数" were refused on "crocodile" / 鳄鱼. Like the kind word of a count's
description (``nl2sql.vocabulary.kind_words``) the word names the entity and restricts nothing.
Two domains: wildlife observations and hotel stays.
"""

from __future__ import annotations

import datetime as dt

import pytest

TODAY = dt.date(2025, 6, 30)
WILDLIFE = """
semantic_models:
  - name: crocodile_observations
    model: ref('obs')
    defaults: {agg_time_dimension: seen_at}
    entities:
      - {name: observation, type: primary, expr: observation_id}
    dimensions:
      - {name: seen_at, type: time, type_params: {time_granularity: day}}
      - {name: sex, type: categorical}
    measures:
      - {name: total_observations, agg: count, expr: "1"}
      - {name: avg_weight_kg, agg: average, expr: weight_kg}
metrics:
  - {name: total_observations, label: Total observations, type: simple,
     type_params: {measure: total_observations}}
  - {name: average_weight_kg, label: Average weight (kg), type: simple,
     type_params: {measure: avg_weight_kg}}
"""
WILDLIFE_DATA = """
create table obs (observation_id int, seen_at date, sex varchar, weight_kg double);
insert into obs values (1, '2025-03-01', 'Female', 100), (2, '2025-03-02', 'Male', 300),
  (3, '2025-04-03', 'Female', 200);
"""
HOTEL = """
semantic_models:
  - name: hotel_stays
    model: ref('stays')
    defaults: {agg_time_dimension: checked_in_at}
    entities:
      - {name: stay, type: primary, expr: stay_id}
    dimensions:
      - {name: checked_in_at, type: time, type_params: {time_granularity: day}}
      - {name: city, type: categorical}
    measures:
      - {name: stay_count, agg: count, expr: stay_id}
metrics:
  - {name: stays, label: Stays, type: simple, type_params: {measure: stay_count}}
"""
HOTEL_DATA = """
create table stays (stay_id int, checked_in_at date, city varchar);
insert into stays values (1, '2025-03-01', 'Lyon'), (2, '2025-03-02', 'Paris'),
  (3, '2025-04-03', 'Paris');
"""


@pytest.fixture(scope="module")
def wildlife(yaml_shop):
    return yaml_shop("model_name_kind_wildlife", WILDLIFE, WILDLIFE_DATA, TODAY)


@pytest.fixture(scope="module")
def hotel(yaml_shop):
    return yaml_shop("model_name_kind_hotel", HOTEL, HOTEL_DATA, TODAY)


@pytest.mark.parametrize(
    "question", ["how many crocodiles were observed", "鳄鱼观测次数", "crocodile observations"]
)
def test_the_model_names_kind_word_counts_its_rows(wildlife, question: str) -> None:
    a = wildlife.ask(question)
    assert not a.refused, a.error
    assert a.df.iloc[0, -1] == 3


@pytest.mark.parametrize("question", ["average weight of female crocodiles", "雌性鳄鱼的平均重量"])
def test_the_kind_word_restricts_nothing(wildlife, question: str) -> None:
    a = wildlife.ask(question)
    assert not a.refused, a.error
    assert a.df.iloc[0, -1] == pytest.approx(150.0)


def test_the_kind_word_on_another_model(hotel) -> None:
    a = hotel.ask("hotel stays by city")
    assert not a.refused, a.error
    assert dict(zip(a.df.iloc[:, 0], a.df.iloc[:, -1], strict=True)) == {"Lyon": 1, "Paris": 2}


def test_an_unrelated_word_is_still_refused(hotel) -> None:
    a = hotel.ask("airport stays by city")
    assert a.refused


def test_two_models_of_one_entity_give_no_kind_word() -> None:
    from nl2sql.vocabulary.kind_words import kind_word_anchors
    from semantic_layer.catalog import Catalog, CatalogEntity, CatalogMetric

    count = CatalogMetric("customers", "Customers", counts="customer")
    one = Catalog(
        metrics=(count,),
        dimensions=(),
        entities=(CatalogEntity("customer", "customer", models=("premium_customers",)),),
    )
    two = Catalog(
        metrics=(count,),
        dimensions=(),
        entities=(
            CatalogEntity("customer", "customer", models=("customers", "premium_customers")),
        ),
    )
    assert [a.phrase for a in kind_word_anchors(one)] == ["premium"]
    assert kind_word_anchors(two) == []
