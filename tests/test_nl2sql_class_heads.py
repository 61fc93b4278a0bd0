"""The noun before a class word names the dimension: "habitat" of ``habitat_type`` (issue 12/18).

"average length by habitat" / 按栖息地统计 were refused on a model whose column is
``habitat_type``; users leave the class word out. Two domains: wildlife observations
(``habitat_type``) and web analytics (``device_category``); an adjective before the class word
("common" of ``common_name``) and a noun of another term stay what they were.
"""

from __future__ import annotations

import datetime as dt

import pytest

TODAY = dt.date(2025, 6, 30)
WILDLIFE = """
semantic_models:
  - name: observations
    model: ref('obs')
    defaults: {agg_time_dimension: seen_at}
    entities:
      - {name: observation, type: primary, expr: observation_id}
    dimensions:
      - {name: seen_at, type: time, type_params: {time_granularity: day}}
      - {name: habitat_type, type: categorical}
      - {name: common_name, type: categorical}
    measures:
      - {name: observation_count, agg: count, expr: observation_id}
      - {name: avg_length, agg: average, expr: length_m}
metrics:
  - {name: total_observations, label: Total observations, type: simple,
     type_params: {measure: observation_count}}
  - {name: average_length_m, label: Average length (m), type: simple,
     type_params: {measure: avg_length}}
"""
WILDLIFE_DATA = """
create table obs (observation_id int, seen_at date, habitat_type varchar, common_name varchar,
  length_m double);
insert into obs values (1, '2025-03-01', 'Rivers', 'Nile Crocodile', 4.0),
  (2, '2025-03-02', 'Rivers', 'Gharial', 2.0), (3, '2025-04-03', 'Swamps', 'Gharial', 3.0);
"""
WEB = """
semantic_models:
  - name: sessions
    model: ref('sessions')
    defaults: {agg_time_dimension: started_at}
    entities:
      - {name: session, type: primary, expr: session_id}
    dimensions:
      - {name: started_at, type: time, type_params: {time_granularity: day}}
      - {name: device_category, type: categorical}
    measures:
      - {name: session_count, agg: count, expr: session_id}
metrics:
  - {name: sessions, label: Sessions, type: simple, type_params: {measure: session_count}}
"""
WEB_DATA = """
create table sessions (session_id int, started_at date, device_category varchar);
insert into sessions values (1, '2025-03-01', 'mobile'), (2, '2025-03-02', 'desktop'),
  (3, '2025-04-03', 'mobile');
"""


@pytest.fixture(scope="module")
def wildlife(yaml_shop):
    return yaml_shop("class_heads_wildlife", WILDLIFE, WILDLIFE_DATA, TODAY)


@pytest.fixture(scope="module")
def web(yaml_shop):
    return yaml_shop("class_heads_web", WEB, WEB_DATA, TODAY)


@pytest.mark.parametrize("question", ["average length by habitat", "各栖息地的平均长度"])
def test_the_noun_before_type_names_the_dimension(wildlife, question: str) -> None:
    a = wildlife.ask(question)
    assert not a.refused, a.error
    assert dict(zip(a.df.iloc[:, 0], a.df.iloc[:, -1], strict=True)) == {
        "Rivers": pytest.approx(3.0),
        "Swamps": pytest.approx(3.0),
    }


def test_an_adjective_before_the_class_word_names_nothing(wildlife) -> None:
    a = wildlife.ask("observations by common")
    assert a.refused


def test_the_noun_before_category_names_the_dimension(web) -> None:
    a = web.ask("sessions by device")
    assert not a.refused, a.error
    assert dict(zip(a.df.iloc[:, 0], a.df.iloc[:, -1], strict=True)) == {"mobile": 2, "desktop": 1}


GYM = """
semantic_models:
  - name: visits
    model: ref('visits')
    defaults: {agg_time_dimension: visited_on}
    entities:
      - {name: visit, type: primary, expr: visit_id}
    dimensions:
      - {name: visited_on, type: time, type_params: {time_granularity: day}}
      - {name: hour_of_arrival_bucket, type: categorical}
      - {name: age_band, type: categorical}
    measures:
      - {name: visit_count, agg: count, expr: visit_id}
metrics:
  - {name: visits, label: Visits, type: simple, type_params: {measure: visit_count}}
"""
GYM_DATA = """
create table visits (visit_id int, visited_on date, hour_of_arrival_bucket varchar,
  age_band varchar);
insert into visits values (1, '2025-03-01', 'early', '18-29'), (2, '2025-03-01', 'late', '30-44'),
  (3, '2025-03-02', 'early', '30-44');
"""


@pytest.fixture(scope="module")
def gym(yaml_shop):
    return yaml_shop("class_heads_gym", GYM, GYM_DATA, TODAY)


def test_a_binning_word_after_a_phrase_or_a_noun_is_left_out(gym) -> None:
    """``hour_of_arrival_bucket`` is asked "by hour of arrival", ``age_band`` "by age"."""
    a = gym.ask("visits by hour of arrival")
    assert not a.refused, a.error
    assert dict(zip(a.df.iloc[:, 0], a.df.iloc[:, -1], strict=True)) == {"early": 2, "late": 1}
    a = gym.ask("visits by age")
    assert not a.refused, a.error
    assert dict(zip(a.df.iloc[:, 0], a.df.iloc[:, -1], strict=True)) == {"18-29": 1, "30-44": 2}


def test_a_grain_word_of_the_phrase_alone_stays_a_grain(gym) -> None:
    a = gym.ask("visits by day")
    assert not a.refused, a.error
    assert sorted(a.df.iloc[:, -1].tolist()) == [1, 2]
