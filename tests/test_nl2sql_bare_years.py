"""A bare year before (or ending the question after) a metric is that year: "2025 revenue".

Why: "2002 sales where the ship-to customer is in TX" was refused ("I don't know what the
number '2002' refers to"): only "in 2002" and "2002年" were years. A number after a word that
takes one ("over 2025", "top 2025") stays a number. Two domains: a café and a fleet.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.semantic_helpers import ok_value

TODAY = dt.date(2026, 3, 5)

CAFE_MODEL = """
semantic_models:
  - name: sales
    model: ref('sales')
    defaults: {agg_time_dimension: sold_at}
    entities:
      - {name: sale, type: primary, expr: sale_id}
    dimensions:
      - {name: sold_at, type: time, type_params: {time_granularity: day}}
      - {name: drink, type: categorical}
    measures:
      - {name: revenue, agg: sum, expr: amount}
metrics:
  - {name: revenue, label: Revenue, type: simple, type_params: {measure: revenue}}
"""
CAFE_DATA = """
create table sales (sale_id int, sold_at date, drink varchar, amount double);
insert into sales values
  (1, '2024-05-01', 'latte', 4000), (2, '2025-02-01', 'latte', 3000),
  (3, '2025-03-01', 'mocha', 2000), (4, '2026-01-01', 'mocha', 500);
"""

FLEET_MODEL = """
semantic_models:
  - name: trips
    model: ref('trips')
    defaults: {agg_time_dimension: started_at}
    entities:
      - {name: trip, type: primary, expr: trip_id}
    dimensions:
      - {name: started_at, type: time, type_params: {time_granularity: day}}
    measures:
      - {name: distance, agg: sum, expr: km}
metrics:
  - {name: distance, label: Distance Driven, type: simple, type_params: {measure: distance}}
"""
FLEET_DATA = """
create table trips (trip_id int, started_at date, km double);
insert into trips values (1, '2023-01-10', 10), (2, '2024-02-11', 20), (3, '2024-06-12', 30);
"""


@pytest.fixture(scope="module")
def cafe(yaml_shop):
    return yaml_shop("cafe_years", CAFE_MODEL, CAFE_DATA, TODAY)


@pytest.fixture(scope="module")
def fleet(yaml_shop):
    return yaml_shop("fleet_years", FLEET_MODEL, FLEET_DATA, TODAY)


@pytest.mark.parametrize("question", ["2025 revenue", "what was the 2025 revenue?", "revenue 2025"])
def test_a_bare_year_beside_the_metric_is_the_year(cafe, question) -> None:
    a = cafe.ask(question)
    assert ok_value(a) == 5000  # 3000 + 2000
    assert "2025" in a.interpretation


def test_a_bare_year_with_a_breakdown(cafe) -> None:
    a = cafe.ask("2025 revenue by drink")
    assert a.ok, a.error
    assert {r[0]: float(r[-1]) for r in a.df.itertuples(index=False)} == {
        "latte": 3000.0,
        "mocha": 2000.0,
    }


def test_a_number_after_a_comparison_is_not_a_year(cafe) -> None:
    a = cafe.ask("drinks with revenue over 2025")
    assert a.ok, a.error
    assert a.query.time_range is None
    assert {r[0] for r in a.df.itertuples(index=False)} == {"latte", "mocha"}  # 7000, 2500


@pytest.mark.parametrize(
    "question", ["drinks with more than 2025 revenue", "drinks with more than 2k revenue"]
)
def test_a_number_after_more_than_is_not_a_year(cafe, question) -> None:
    # "2k" is normalized to 2000: read as the year 2000 it answered nothing (a wrong answer)
    a = cafe.ask(question)
    assert a.ok, a.error
    assert a.query.time_range is None
    assert {r[0] for r in a.df.itertuples(index=False)} == {"latte", "mocha"}


def test_a_bare_year_on_a_fleet(fleet) -> None:
    assert ok_value(fleet.ask("2024 distance driven")) == 50
    assert fleet.ask("distance driven over 2024").query.time_range is None
