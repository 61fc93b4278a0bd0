"""A value said before another dimension's noun must describe the things listed
(``nl2sql.rules.described``, ``nl2sql.described_groups``).

"revenue of medium cities" / 中型城市的收入, where *medium* was a lot's capacity tier, was answered
as the medium lots' revenue in each city — shown as each "medium city's" revenue while every
city also had other lots (issue #12). The data decides: when each listed thing has only rows
of the value ("north greenhouses": a house is in one region), the filter and the breakdown are its
figures and the answer stands; when a listed thing also has rows of another value, the answer
is refused, offering the value's total and the breakdown without it. Original model: a
greenhouse's benches and their harvests.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.semantic_helpers import ok_rows

TODAY = dt.date(2026, 7, 2)
GREENHOUSE = """
semantic_models:
  - name: harvests
    model: ref('harvests')
    defaults: {agg_time_dimension: picked_on}
    entities:
      - {name: harvest, type: primary, expr: harvest_id}
      - {name: bench, type: foreign, expr: bench_id}
    dimensions:
      - {name: picked_on, type: time, type_params: {time_granularity: day}}
    measures:
      - {name: weight_kg, agg: sum, expr: weight}
  - name: benches
    model: ref('benches')
    entities:
      - {name: bench, type: primary, expr: bench_id}
    dimensions:
      - {name: greenhouse, type: categorical}
      - {name: zone, type: categorical}
      - {name: bench_size, type: categorical}
metrics:
  - {name: harvest_weight, label: Harvest Weight, type: simple, type_params: {measure: weight_kg}}
"""
GREENHOUSE_DATA = """
create table benches (bench_id int, greenhouse varchar, zone varchar, bench_size varchar);
insert into benches values (1, 'Fern', 'north', 'large'), (2, 'Fern', 'north', 'small'),
  (3, 'Moss', 'north', 'large'), (4, 'Moss', 'north', 'small'), (5, 'Reed', 'south', 'small');
create table harvests (harvest_id int, bench_id int, picked_on date, weight int);
insert into harvests values (1, 1, '2026-06-01', 10), (2, 2, '2026-06-01', 3),
  (3, 3, '2026-06-02', 7), (4, 4, '2026-06-02', 2), (5, 5, '2026-06-03', 5);
"""


@pytest.fixture(scope="module")
def house(yaml_shop):
    return yaml_shop("described_greenhouse", GREENHOUSE, GREENHOUSE_DATA, TODAY)


@pytest.mark.parametrize(
    "question",
    [
        "harvest weight of large greenhouses",  # Fern and Moss have small benches too
        "harvest weight of small greenhouses",
        "harvest weight of large greenhouse",
        "large greenhouse harvest weight",
        "大型温室的收获重量",  # 大型 -> large (a size word), 温室 -> greenhouse
        "大型的温室的harvest weight",
    ],
)
def test_a_value_that_does_not_describe_the_noun_is_refused(house, question) -> None:
    a = house.ask(question)
    assert a.refused, a.interpretation
    assert "bench size" in a.error and "greenhouse" in a.error


def test_the_refusal_offers_the_total_and_the_breakdown_never_the_refused_reading(house) -> None:
    a = house.ask("harvest weight of large greenhouses")
    assert len(a.suggestions) == 2, a.suggestions
    total, by_house = (house.ask(s) for s in a.suggestions)
    assert ok_rows(total) == [(17,)], total.error or total.interpretation
    assert sorted(ok_rows(by_house)) == [("Fern", 13), ("Moss", 9), ("Reed", 5)]


@pytest.mark.parametrize(
    "question",
    ["harvest weight of large greenhouses on 2026-06-02", "2026年6月2日大型温室的收获重量"],
)
def test_the_suggestions_keep_the_period(house, question) -> None:
    """Without the period the suggestions offered all-time figures (session 24, class 6)."""
    a = house.ask(question)
    assert a.refused and len(a.suggestions) == 2, (a.interpretation, a.suggestions)
    total, by_house = (house.ask(s) for s in a.suggestions)
    assert ok_rows(total) == [(7,)], total.error or total.interpretation
    assert sorted(ok_rows(by_house)) == [("Moss", 9)]


@pytest.mark.parametrize(
    ("question", "rows"),
    [
        ("harvest weight of north greenhouses", [("Fern", 13), ("Moss", 9)]),  # one zone per house
        ("harvest weight of south greenhouses", [("Reed", 5)]),
        ("harvest weight of large benches", [(17,)]),  # the value's own thing: its total
        ("harvest weight of large benches by greenhouse", [("Fern", 10), ("Moss", 7)]),  # said
        ("harvest weight by greenhouse", [("Fern", 13), ("Moss", 9), ("Reed", 5)]),
        ("各温室的harvest weight", [("Fern", 13), ("Moss", 9), ("Reed", 5)]),
    ],
)
def test_one_word_away_stays_answered(house, question, rows) -> None:
    a = house.ask(question)
    assert sorted(ok_rows(a)) == sorted(rows), a.error or a.interpretation
