"""Refusal suggestions keep the question around a refused phrase (issue 12: dead ends).

A question mixing an unknown Chinese modifier with a partial English metric name ("期末stock":
期末 unknown, "stock" only the last word of "Closing Stock") was refused, and its suggestions
were the model's example questions: the "by city" the user asked for was lost. The refused
words written side by side are one phrase now; it is replaced by each reading the words have
(their clarifications, then terms spelled like them), and only answerable rewrites are offered.
"""

from __future__ import annotations

import datetime as dt

import pytest

TODAY = dt.date(2026, 5, 4)
MODEL = """
semantic_models:
  - name: stock_levels
    model: ref('stock_levels')
    defaults: {agg_time_dimension: counted_at}
    entities:
      - {name: stock_level, type: primary, expr: level_id}
      - {name: depot, type: foreign, expr: depot_id}
    dimensions:
      - {name: counted_at, type: time, type_params: {time_granularity: day}}
    measures:
      - {name: closing_units, agg: sum, expr: units}
  - name: stock_moves
    model: ref('stock_moves')
    defaults: {agg_time_dimension: moved_at}
    entities:
      - {name: stock_move, type: primary, expr: move_id}
      - {name: depot, type: foreign, expr: depot_id}
    dimensions:
      - {name: moved_at, type: time, type_params: {time_granularity: day}}
    measures:
      - {name: moved_units, agg: sum, expr: units}
  - name: depots
    model: ref('depots')
    entities:
      - {name: depot, type: primary, expr: depot_id}
    dimensions:
      - {name: city, type: categorical}
metrics:
  - {name: closing_stock, label: Closing Stock, type: simple, type_params: {measure: closing_units}}
  - {name: net_stock_change, label: Net Stock Change, type: simple,
     type_params: {measure: moved_units}}
"""
DATA = """
create table depots (depot_id int, city varchar);
insert into depots values (1, 'Lyon'), (2, 'Porto');
create table stock_levels (level_id int, depot_id int, counted_at date, units int);
insert into stock_levels values (1, 1, '2026-04-30', 120), (2, 2, '2026-04-30', 80);
create table stock_moves (move_id int, depot_id int, moved_at date, units int);
insert into stock_moves values (1, 1, '2026-04-10', 30), (2, 2, '2026-04-12', -15);
"""


@pytest.fixture(scope="module")
def shop(yaml_shop):
    return yaml_shop("depots", MODEL, DATA, TODAY)


def test_a_refused_phrase_is_rewritten_in_place_with_each_reading(shop) -> None:
    a = shop.ask("各城市的期末stock")
    assert a.refused
    suggestions = a.to_json()["suggestions"]
    assert suggestions[:2] == ["各城市的Closing Stock", "各城市的Net Stock Change"]
    for s in suggestions:  # each one answers, and by city as the user asked
        b = shop.ask(s)
        assert not b.refused, (s, b.error)
        assert "city" in b.interpretation


def test_a_lone_partial_name_keeps_the_rest_of_the_question(shop) -> None:
    a = shop.ask("stock by city")
    assert a.refused and "Closing Stock" in a.error
    assert a.to_json()["suggestions"][:2] == [
        "Closing Stock by city",
        "Net Stock Change by city",
    ]
