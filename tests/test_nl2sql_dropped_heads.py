"""A group or kind character glued after a model word is refused, never dropped.

对 ("pair"), 组/群 ("group"), 类/种 ("kind") are filler elsewhere (对 a preposition, 种 a counter)
and the tokenizer drops them; glued after a model word with no object after it they head a
compound naming another thing. 各颜色对的订单数 (orders by colour *pair*) was answered by colour.
Now it is refused with the dimensions sharing the word's head as suggestions; 对 before an
object (按颜色对订单数统计) stays a preposition, and the word alone still groups.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.semantic_helpers import answered_pairs

TODAY = dt.date(2026, 3, 1)

MODEL = """
semantic_models:
  - name: yarn_orders
    model: ref('yarn_orders')
    defaults: {agg_time_dimension: ordered_on}
    entities:
      - {name: yarn_order, type: primary, expr: order_id}
    dimensions:
      - {name: ordered_on, type: time, type_params: {time_granularity: day}}
      - {name: color, type: categorical}
      - {name: color_scheme, type: categorical}
    measures:
      - {name: orders, agg: count, expr: order_id}
metrics:
  - {name: orders, label: Orders, type: simple, type_params: {measure: orders}}
"""
DATA = """
create table yarn_orders (order_id int, ordered_on date, color varchar, color_scheme varchar);
insert into yarn_orders values
  (1, '2026-02-02', 'red', 'red/blue'), (2, '2026-02-02', 'blue', 'red/blue'),
  (3, '2026-02-03', 'red', 'red/green');
"""


@pytest.fixture(scope="module")
def yarn(yaml_shop):
    return yaml_shop("dropped_heads", MODEL, DATA, TODAY)


def test_group_character_after_a_model_word_is_refused(yarn) -> None:
    for q in ("各颜色对的订单数", "按颜色对统计订单数", "订单数按颜色对"):
        answer = yarn.ask(q)
        assert answer.refused, q
        assert any("color scheme" in s for s in answer.suggestions), answer.suggestions


def test_the_word_alone_and_the_preposition_still_group(yarn) -> None:
    assert answered_pairs(yarn.ask("各颜色的订单数"), 0) == {"red": 2, "blue": 1}
    assert answered_pairs(yarn.ask("按颜色对订单数统计"), 0) == {"red": 2, "blue": 1}
