"""An entity with no description is described by the grain of the model its key points to.

Why: dbt Labs' video-game studio lab (session 29, dbt's newer spec) keys its facts by
``title_id`` (entity ``title``) and says what a title is only on ``dim_titles``, a model with no
semantic model: "one row per game", linked by the column's ``relationships`` test. "net revenue
by game" and 每款游戏的净收入 were refused ("I don't know 'game'"). Only the grain phrase is
taken: the rest of the description ("with lifetime spend rolled up") names other things.
"""

from __future__ import annotations

import datetime as dt

import pytest

from semantic_layer import load_model
from tests.semantic_helpers import answer_rows

MODEL = """
models:
  - name: dim_titles
    description: Conformed title dimension -- one row per game, with lifetime spend rolled up.
    columns:
      - name: title_id
  - name: fct_purchases
    description: One row per purchase.
    columns:
      - name: purchase_id
        entity: {type: primary, name: purchase}
      - name: title_id
        data_tests:
          - relationships:
              arguments: {to: ref('dim_titles'), field: title_id}
        entity: {type: foreign, name: title}
      - name: bought_at
        dimension: {type: time}
        granularity: day
    semantic_model:
      enabled: true
    agg_time_dimension: bought_at
    metrics:
      - {name: net_revenue, type: simple, label: Net Revenue, agg: sum, expr: net_usd}
"""
DATA = """
create table fct_purchases (purchase_id int, title_id varchar, bought_at date, net_usd double);
insert into fct_purchases values (1, 'T1', '2026-05-03', 7.0), (2, 'T2', '2026-05-04', 42.0),
  (3, 'T1', '2026-05-09', 3.5);
"""


@pytest.fixture(scope="module")
def studio(yaml_shop):
    return yaml_shop("entity_grain", MODEL, DATA, dt.date(2026, 6, 2))


def test_the_entity_takes_the_grain_phrase_of_its_model(studio) -> None:
    m = load_model(studio.path)
    entities = {k: e.description for node in m.nodes.values() for k, e in node.entities.items()}
    assert entities["title"] == "one row per game"  # not "... lifetime spend rolled up"
    assert entities["purchase"] is None


@pytest.mark.parametrize(
    "question", ["net revenue by game", "每款游戏的净收入", "各款游戏的净收入"]
)
def test_the_owners_word_for_the_entity_groups_by_it(studio, question) -> None:
    a = studio.ask(question)
    assert a.ok, (question, a.error)
    assert a.query.metrics == ["net_revenue"]
    assert sorted(answer_rows(a)) == [("T1", 10.5), ("T2", 42.0)]
