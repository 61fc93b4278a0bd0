"""An agent noun in a ranking names who is ranked, by the measure its verb names.

"top 5 scorers in the 2024 season" and "top 10 spenders by lifetime spend" were refused for the
unknown agent noun while "top 5 players by goals" was answered (``rules.agent_nouns``).
Invented model: a quiz league's rounds (a contestant's points scored, a team's points scored
on another table) and a shop's customers' spend. A noun whose verb no metric says ("top 2
sleepers"), or a named metric of another deed ("top 2 spenders by points"), stays refused.
"""

from __future__ import annotations

import datetime as dt

import pytest

from nl2sql.rules.agent_nouns import agent_verb

MODEL = """
semantic_models:
  - name: quiz_rounds
    model: ref('quiz_rounds')
    defaults: {agg_time_dimension: played_on}
    entities:
      - {name: quiz_round, type: primary, expr: round_id}
      - {name: contestant, type: foreign, expr: contestant_id}
    dimensions:
      - name: played_on
        type: time
        type_params: {time_granularity: day}
      - {name: contestant_name, type: categorical}
    measures:
      - {name: points, agg: sum}
  - name: team_games
    model: ref('team_games')
    defaults: {agg_time_dimension: played_on}
    entities:
      - {name: team_game, type: primary, expr: game_id}
    dimensions:
      - name: played_on
        type: time
        type_params: {time_granularity: day}
      - {name: team_name, type: categorical}
    measures:
      - {name: team_points, agg: sum}
  - name: customers
    model: ref('customers')
    defaults: {agg_time_dimension: joined_on}
    entities:
      - {name: customer, type: primary, expr: customer_id}
    dimensions:
      - name: joined_on
        type: time
        type_params: {time_granularity: day}
      - {name: customer_name, type: categorical}
    measures:
      - {name: spend, agg: sum}
metrics:
  - name: total_points
    label: Total Points
    description: Sum of points scored in a round.
    type: simple
    type_params: {measure: points}
  - name: team_total_points
    label: Team Points
    description: Points scored by the team.
    type: simple
    type_params: {measure: team_points}
  - name: customer_spend
    label: Customer Spend
    description: What a customer has spent.
    type: simple
    type_params: {measure: spend}
"""

DATA = """
CREATE TABLE quiz_rounds (round_id INTEGER, contestant_id INTEGER, contestant_name VARCHAR,
    played_on DATE, points INTEGER);
INSERT INTO quiz_rounds VALUES (1, 1, 'Ada', DATE '2024-01-05', 10), (2, 2, 'Bo', DATE '2024-01-05', 30),
    (3, 3, 'Cy', DATE '2024-01-05', 5), (4, 1, 'Ada', DATE '2024-02-05', 15);
CREATE TABLE team_games (game_id INTEGER, played_on DATE, team_name VARCHAR, team_points INTEGER);
INSERT INTO team_games VALUES (1, DATE '2024-01-05', 'Owls', 99);
CREATE TABLE customers (customer_id INTEGER, customer_name VARCHAR, joined_on DATE, spend DOUBLE);
INSERT INTO customers VALUES (1, 'Dee', DATE '2024-01-01', 50.0), (2, 'Eli', DATE '2024-01-02', 80.0),
    (3, 'Fay', DATE '2024-01-03', 20.0);
"""


@pytest.fixture(scope="module")
def shop(yaml_shop):
    return yaml_shop("agent_nouns", MODEL, DATA, dt.date(2024, 6, 1))


def test_the_verb_of_the_agent_noun_names_the_metric_and_its_doer(shop) -> None:
    a = shop.ask("top 2 scorers")
    assert a.ok, a.error
    assert list(a.df.iloc[:, -1]) == [30, 25]  # Bo, then Ada's two rounds; not a team's 99


def test_a_named_metric_saying_the_verb_ranks_its_doer(shop) -> None:
    a = shop.ask("top 2 spenders by customer spend")
    assert a.ok, a.error
    assert list(a.df.iloc[:, -1]) == [80.0, 50.0]


@pytest.mark.parametrize("question", ["top 2 sleepers", "top 2 spenders by total points"])
def test_an_agent_noun_of_no_metric_stays_refused(shop, question) -> None:
    assert not shop.ask(question).ok


def test_agent_verb() -> None:
    assert [agent_verb(w) for w in ("scorers", "hitters", "spenders")] == ["score", "hit", "spend"]
    assert agent_verb("others") == "" and agent_verb("players") == "play"
