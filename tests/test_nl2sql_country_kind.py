""" "country" names the one dimension whose values are countries (issue 12/18: model wording).

A crocodile-observation project calls the column ``country_region`` (the source's
"Country/Region"); "observations by country" / "各个国家的观测次数" were refused on "country".
The values say what the dimension holds. Two domains: wildlife (``country_region``) and
tourism (a ``market`` dimension); with two country dimensions "country" stays unresolved.
"""

from __future__ import annotations

import datetime as dt

import pytest

from nl2sql.vocabulary.countries import country_kind_anchors, holds_country_names

TODAY = dt.date(2025, 6, 30)
WILDLIFE = """
semantic_models:
  - name: observations
    model: ref('observations')
    defaults: {agg_time_dimension: seen_at}
    entities:
      - {name: observation, type: primary, expr: observation_id}
    dimensions:
      - {name: seen_at, type: time, type_params: {time_granularity: day}}
      - {name: country_region, type: categorical}
    measures:
      - {name: observation_count, agg: count, expr: observation_id}
metrics:
  - {name: total_observations, label: Total observations, type: simple,
     type_params: {measure: observation_count}}
"""
WILDLIFE_DATA = """
create table observations (observation_id int, seen_at date, country_region varchar);
insert into observations values (1, '2025-03-01', 'India'), (2, '2025-03-02', 'India'),
  (3, '2025-04-03', 'Brazil'), (4, '2025-04-04', 'Egypt'), (5, '2025-04-05', 'Australia');
"""
TOURISM = """
semantic_models:
  - name: bookings
    model: ref('bookings')
    defaults: {agg_time_dimension: booked_at}
    entities:
      - {name: booking, type: primary, expr: booking_id}
    dimensions:
      - {name: booked_at, type: time, type_params: {time_granularity: day}}
      - {name: market, type: categorical}
      - {name: room_type, type: categorical}
    measures:
      - {name: booking_count, agg: count, expr: booking_id}
metrics:
  - {name: bookings, label: Bookings, type: simple, type_params: {measure: booking_count}}
"""
TOURISM_DATA = """
create table bookings (booking_id int, booked_at date, market varchar, room_type varchar);
insert into bookings values (1, '2025-03-01', 'France', 'Suite'),
  (2, '2025-03-02', 'Germany', 'Double'), (3, '2025-04-03', 'Germany', 'Double'),
  (4, '2025-04-04', 'Japan', 'Single');
"""


@pytest.fixture(scope="module")
def wildlife(yaml_shop):
    return yaml_shop("country_kind_wildlife", WILDLIFE, WILDLIFE_DATA, TODAY)


@pytest.fixture(scope="module")
def tourism(yaml_shop):
    return yaml_shop("country_kind_tourism", TOURISM, TOURISM_DATA, TODAY)


@pytest.mark.parametrize("question", ["observations by country", "各个国家的观测次数"])
def test_country_names_the_dimension_of_countries(wildlife, question: str) -> None:
    a = wildlife.ask(question)
    assert not a.refused, a.error
    assert dict(zip(a.df.iloc[:, 0], a.df.iloc[:, -1], strict=True)) == {
        "India": 2,
        "Brazil": 1,
        "Egypt": 1,
        "Australia": 1,
    }


@pytest.mark.parametrize("question", ["bookings by country", "各国家的预订数"])
def test_a_market_of_countries_is_the_country(tourism, question: str) -> None:
    a = tourism.ask(question)
    assert not a.refused, a.error
    assert dict(zip(a.df.iloc[:, 0], a.df.iloc[:, -1], strict=True)) == {
        "France": 1,
        "Germany": 2,
        "Japan": 1,
    }


def test_two_dimensions_of_countries_get_no_country_word() -> None:
    dims = [
        ("s__origin", "", ("India", "Peru", "Chile")),
        ("s__destination", "", ("Spain", "Peru", "Chile")),
    ]
    assert country_kind_anchors(dims) == []


def test_values_that_are_not_countries_are_no_country_dimension() -> None:
    assert not holds_country_names(("Suite", "Double", "Single"))
    assert not holds_country_names(("India", "Suite", "Double", "Single", "Twin"))
