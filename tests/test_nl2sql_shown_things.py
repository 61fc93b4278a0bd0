""" "show the islands of the north", "islands in the north": the things listed, not counted.

On an external economics model "show the countries of the Eurozone" and "countries in Eastern
Europe" answered a distinct count of the country key over yearly summary rows (9, 2) where the
question asks which countries (issue #12, session 26; rules.shown_things). Here on an
archipelago of our own: one row per island and year, no published count of islands.
"""

from __future__ import annotations

import datetime as dt

import pytest

TODAY = dt.date(2026, 5, 1)
ISLES = """
semantic_models:
  - name: island_years
    model: ref('island_years')
    defaults: {agg_time_dimension: year_start}
    entities:
      - {name: island_year, type: primary, expr: island_year_id}
      - {name: island, type: foreign, expr: island_code}
    dimensions:
      - {name: year_start, type: time, type_params: {time_granularity: year}}
      - {name: island_name, type: categorical}
      - {name: sea_zone, type: categorical}
    measures:
      - {name: catch_total, agg: sum, expr: catch_tonnes}
      - {name: island_count, agg: count_distinct, expr: island_code}
  - name: landings
    model: ref('landings')
    defaults: {agg_time_dimension: landed_on}
    entities:
      - {name: landing, type: primary, expr: landing_id}
    dimensions:
      - {name: landed_on, type: time, type_params: {time_granularity: day}}
    measures:
      - {name: landing_count, agg: count, expr: landing_id}
metrics:
  - {name: catch, label: Catch, type: simple, type_params: {measure: catch_total}}
  - {name: landings, label: Landings, type: simple, type_params: {measure: landing_count}}
"""
ISLES_DATA = """
create table island_years (island_year_id int, island_code varchar, island_name varchar,
  sea_zone varchar, year_start date, catch_tonnes double);
insert into island_years values
  (1, 'AR', 'Arran', 'north', '2024-01-01', 5), (2, 'AR', 'Arran', 'north', '2025-01-01', 6),
  (3, 'BU', 'Bute', 'north', '2025-01-01', 7), (4, 'CO', 'Coll', 'south', '2025-01-01', 8);
create table landings (landing_id int, landed_on date);
insert into landings values (1, '2026-03-02'), (2, '2026-03-09'), (3, '2026-04-01');
"""


@pytest.fixture(scope="module")
def isles(yaml_shop):
    return yaml_shop("isles", ISLES, ISLES_DATA, TODAY)


@pytest.mark.parametrize(
    "question",
    ["show the islands in the north zone", "islands in the north zone", "显示north的岛屿"],
)
def test_things_shown_or_named_bare_are_listed(isles, question):
    a = isles.ask(question)
    assert not a.refused, a.error
    assert sorted(a.df.iloc[:, 0]) == ["AR", "BU"], a.interpretation


def test_a_count_word_still_counts(isles):
    a = isles.ask("how many islands are in the north zone")
    assert not a.refused, a.error
    assert a.df.shape == (1, 1) and a.df.iloc[0, 0] == 2


def test_a_noun_on_its_own_rows_is_still_counted(isles):
    a = isles.ask("landings in March 2026")
    assert not a.refused, a.error
    assert a.df.shape == (1, 1) and a.df.iloc[0, 0] == 2


def test_a_dimension_asked_of_the_things_is_not_a_list_of_the_things(isles):
    """ "which sea zones are the islands in": the zones, never one row per island (a listing of
    the islands beside their zone answered 40 rows for 4 countries on the fleet model)."""
    a = isles.ask("which sea zones are the islands in?")
    if not a.refused:
        assert sorted(set(a.df.iloc[:, 0])) == ["north", "south"] and len(a.df) == 2
