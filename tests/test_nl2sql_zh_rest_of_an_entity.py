"""其他/其余 + an entity word after an exclusion is each of the remaining things, as with a
dimension word ("除了美国，其他国家的…").

Why: an entity word with 的 is otherwise context ("联赛的进球" is the goals, one total), so
"除了英超，其他联赛的传球成功率" answered one pooled rate over every other league where the
analyst asked for each league's (a wrong answer on a football model once the industry glossary
let 传球成功率 reach it). Models of two domains, English names only, no synonyms; answers
checked against the data. Negative: 其他 with no exclusion is still refused.
"""

from __future__ import annotations

import datetime as dt

import pytest

TODAY = dt.date(2026, 5, 1)

FOOTBALL = """
semantic_models:
  - name: player_seasons
    model: ref('player_seasons')
    defaults: {agg_time_dimension: season_start}
    entities:
      - {name: player_season, type: primary, expr: row_id}
      - {name: league, type: foreign, expr: league_id}
    dimensions:
      - {name: season_start, type: time, type_params: {time_granularity: day}}
    measures:
      - {name: goals_total, agg: sum, expr: goals}
  - name: leagues
    model: ref('leagues')
    entities:
      - {name: league, type: primary, expr: league_id}
    dimensions:
      - {name: league_name, type: categorical}
metrics:
  - {name: goals, label: Goals, type: simple, type_params: {measure: goals_total}}
"""
FOOTBALL_DATA = """
create table leagues (league_id int, league_name varchar);
insert into leagues values (1, 'Premier League'), (2, 'Serie A'), (3, 'La Liga');
create table player_seasons (row_id int, league_id int, season_start date, goals int);
insert into player_seasons values (1, 1, '2025-08-01', 10), (2, 2, '2025-08-01', 7),
  (3, 2, '2025-08-01', 3), (4, 3, '2025-08-01', 5);
"""

AIRLINES = """
semantic_models:
  - name: flights
    model: ref('flights')
    defaults: {agg_time_dimension: flight_date}
    entities:
      - {name: flight, type: primary, expr: flight_id}
      - {name: airline, type: foreign, expr: airline_id}
    dimensions:
      - {name: flight_date, type: time, type_params: {time_granularity: day}}
    measures:
      - {name: flight_count, agg: count, expr: flight_id}
  - name: airlines
    model: ref('airlines')
    entities:
      - {name: airline, type: primary, expr: airline_id}
    dimensions:
      - {name: airline_name, type: categorical}
metrics:
  - {name: flights, label: Flights, type: simple, type_params: {measure: flight_count}}
"""
AIRLINES_DATA = """
create table airlines (airline_id int, airline_name varchar);
insert into airlines values (1, 'Delta'), (2, 'United'), (3, 'Alaska');
create table flights (flight_id int, airline_id int, flight_date date);
insert into flights values (1, 1, '2026-04-01'), (2, 2, '2026-04-01'), (3, 2, '2026-04-02'),
  (4, 3, '2026-04-03'), (5, 1, '2026-04-03');
"""


@pytest.fixture(scope="module")
def football(yaml_shop):
    return yaml_shop("football", FOOTBALL, FOOTBALL_DATA, TODAY)


@pytest.fixture(scope="module")
def airlines(yaml_shop):
    return yaml_shop("airlines", AIRLINES, AIRLINES_DATA, TODAY)


def _pairs(answer) -> dict[str, float]:
    assert not answer.refused, answer.error
    return {str(r[-2]): round(float(r[-1]), 4) for r in answer.df.itertuples(index=False)}


def test_the_other_leagues_are_each_league_but_the_excluded_one(football) -> None:
    answer = football.ask("除了Serie A，其他联赛的进球")
    assert _pairs(answer) == {"Premier League": 10.0, "La Liga": 5.0}


def test_the_other_airlines_are_each_airline_but_the_excluded_one(airlines) -> None:
    assert _pairs(airlines.ask("除了Delta以外，其余航空公司的航班数")) == {
        "United": 2.0,
        "Alaska": 1.0,
    }


def test_an_entity_word_with_的_and_no_exclusion_stays_one_total(football) -> None:
    answer = football.ask("联赛的进球")
    assert not answer.refused, answer.error
    assert float(answer.df.iloc[0, -1]) == 25.0 and len(answer.df) == 1


def test_other_with_nothing_excluded_is_still_refused(airlines) -> None:
    assert airlines.ask("其他航空公司的航班数").refused
