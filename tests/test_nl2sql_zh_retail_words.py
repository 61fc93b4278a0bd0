"""Everyday Chinese retail words for an English-only model: 购买件数, 行项目, 优惠码, 人均, and 总
said inside a name (购买总件数).

Why: on a fresh English-only retail model these were refused — "units purchased" had no
Chinese rendering (购买件数, as "units sold" has 销量), "line item" was rendered 线商品 (the
"line" of a drawing), "promo" 商品广告, 人均 ("per person") named no word of the model although
its ratio of units to members answers it, and 总 inside the name (购买总件数) cut it in two.
Original fixture: a members' shop (members buy units; orders have line items, some a promo).
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.semantic_helpers import answer_rows

MODEL = """
semantic_models:
  - name: members
    model: ref('members')
    defaults: {agg_time_dimension: joined_on}
    entities:
      - {name: member, type: primary, expr: member_id}
    dimensions:
      - {name: joined_on, type: time, type_params: {time_granularity: day}}
      - {name: region, type: categorical}
    measures:
      - {name: units_purchased, agg: sum, expr: units_purchased}
      - {name: member_count, agg: count, expr: member_id}
  - name: orders
    model: ref('orders')
    defaults: {agg_time_dimension: ordered_on}
    entities:
      - {name: order, type: primary, expr: order_id}
      - {name: member, type: foreign, expr: member_id}
    dimensions:
      - {name: ordered_on, type: time, type_params: {time_granularity: day}}
      - {name: has_promo, type: categorical}
    measures:
      - {name: line_items, agg: sum, expr: line_items}
      - {name: order_count, agg: count, expr: order_id}
      - {name: revenue, agg: sum, expr: amount}
metrics:
  - {name: total_units_purchased, label: Total Units Purchased, type: simple,
     type_params: {measure: units_purchased}}
  - {name: total_members, label: Total Members, type: simple, type_params: {measure: member_count}}
  - name: avg_units_per_member
    label: Avg Units per Member
    type: ratio
    type_params: {numerator: total_units_purchased, denominator: total_members}
  - {name: total_line_items, label: Total Line Items, type: simple,
     type_params: {measure: line_items}}
  - {name: total_orders, label: Total Orders, type: simple, type_params: {measure: order_count}}
  - {name: revenue, label: Revenue, type: simple, type_params: {measure: revenue}}
"""
DATA = """
create table members (member_id int, joined_on date, region varchar, units_purchased int);
insert into members values (1, '2025-02-01', 'coast', 10), (2, '2025-03-01', 'coast', 30),
  (3, '2025-04-01', 'inland', 5);
create table orders (order_id int, member_id int, ordered_on date, has_promo boolean,
  line_items int, amount int);
insert into orders values (1, 1, '2026-01-05', true, 3, 40), (2, 1, '2026-02-05', false, 1, 15),
  (3, 2, '2026-02-07', true, 2, 25), (4, 3, '2026-03-01', true, 4, 60);
"""


@pytest.fixture(scope="module")
def shop(yaml_shop):
    return yaml_shop("zh_retail_words", MODEL, DATA, dt.date(2026, 6, 30))


@pytest.mark.parametrize(
    ("question", "metric", "rows"),
    [
        ("购买件数总计", "total_units_purchased", [(45,)]),
        ("按地区统计购买总件数", "total_units_purchased", [("coast", 40), ("inland", 5)]),
        ("人均购买件数", "avg_units_per_member", [(15.0,)]),
        ("各地区的人均购买件数", "avg_units_per_member", [("coast", 20.0), ("inland", 5.0)]),
        ("订单行项目总数", "total_line_items", [(10,)]),
        ("使用了优惠码的订单数", "total_orders", [(3,)]),
        ("没有使用优惠码的订单数", "total_orders", [(1,)]),  # the negation: the other side
    ],
)
def test_the_everyday_word_names_the_model_term(shop, question: str, metric: str, rows) -> None:
    a = shop.ask(question)
    assert a.ok, (question, a.error)
    assert a.query.metrics == [metric]
    assert answer_rows(a) == rows


@pytest.mark.parametrize(
    "question",
    [
        "人均收入",  # no ratio of revenue to members: which people, per what?
        "人均订单数",  # no ratio of orders to members either
    ],
)
def test_per_head_without_the_model_ratio_is_refused(shop, question: str) -> None:
    a = shop.ask(question)
    assert a.refused, (question, a.interpretation)
