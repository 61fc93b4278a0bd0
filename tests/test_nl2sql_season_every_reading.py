"""A season number beside a season several models keep, when the metric word is still weak
(``passes.number_labels._every_reading``).

"saves by team in the 2024 season" was refused ("I don't know what the number '2024' refers
to") while "total saves … in the 2024 season" was answered: "saves" reads Total Saves and Save
Percentage weakly, so no metric was named yet to say which of four models' seasons the number
is. Both readings reach the same season, so it is that one whichever the word turns out to be.
Invented model: a volleyball league — players' blocks per season (a total and a percentage) and
teams' wins per season, each model with its own season. A season the readings do not all reach
stays unplaced.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.semantic_helpers import answer_rows

MODEL = """
semantic_models:
  - name: player_seasons
    model: ref('player_seasons')
    defaults: {agg_time_dimension: season_start}
    entities:
      - {name: player_season, type: primary, expr: row_id}
    dimensions:
      - name: season_start
        type: time
        type_params: {time_granularity: day}
      - {name: season, type: categorical}
      - {name: club, type: categorical}
    measures:
      - {name: blocks, agg: sum}
      - {name: block_attempts, agg: sum}
  - name: team_seasons
    model: ref('team_seasons')
    defaults: {agg_time_dimension: team_season_start}
    entities:
      - {name: team_season, type: primary, expr: row_id}
    dimensions:
      - name: team_season_start
        type: time
        type_params: {time_granularity: day}
      - {name: season, type: categorical}
    measures:
      - {name: wins, agg: sum}
metrics:
  - name: total_blocks
    label: Total Blocks
    type: simple
    type_params: {measure: blocks}
  - name: block_pct
    label: Block Percentage
    type: ratio
    type_params: {numerator: blocks, denominator: block_attempts}
  - name: team_wins
    label: Team Wins
    type: simple
    type_params: {measure: wins}
"""

DATA = """
CREATE TABLE player_seasons (row_id INTEGER, season_start DATE, season INTEGER, club VARCHAR,
    blocks INTEGER, block_attempts INTEGER);
INSERT INTO player_seasons VALUES (1, DATE '2023-09-01', 2023, 'Reds', 10, 40),
    (2, DATE '2024-09-01', 2024, 'Reds', 12, 30), (3, DATE '2024-09-01', 2024, 'Blues', 7, 20);
CREATE TABLE team_seasons (row_id INTEGER, team_season_start DATE, season INTEGER, wins INTEGER);
INSERT INTO team_seasons VALUES (1, DATE '2023-09-01', 2023, 5), (2, DATE '2024-09-01', 2024, 8);
"""


@pytest.fixture(scope="module")
def shop(yaml_shop):
    return yaml_shop("season_every_reading", MODEL, DATA, dt.date(2025, 6, 1))


def test_a_weak_metric_word_still_places_the_season(shop) -> None:
    a = shop.ask("blocks by club in the 2024 season")
    assert a.ok, a.error
    assert a.query.metrics == ["total_blocks"]
    assert sorted(answer_rows(a)) == [("Blues", 7), ("Reds", 12)]
