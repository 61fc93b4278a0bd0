"""Chinese phrasings of an English-only model (issue 18): statistics written after the metric,
"A with B" names, dictionary senses that restate each other, and two rank words in one rank.

The model below names everything in English and lists no synonyms; every Chinese word reaches
it through CC-CEDICT, jieba and the general glossary. Before these fixes "收入的平均值" and
"invoice total average" answered the *sum* (the statistic after the metric was dropped),
"top 2 shops with the lowest revenue" answered the top 1 by the highest, 食品 did not reach
the model's "food" (CC-CEDICT glosses it "foodstuff" first) and 收入中位数 was refused as two
metrics.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.semantic_helpers import ok_value

TODAY = dt.date(2026, 3, 5)
MODEL = """
semantic_models:
  - name: orders
    model: ref('orders')
    defaults: {agg_time_dimension: sold_at}
    entities:
      - {name: order, type: primary, expr: order_id}
      - {name: member, type: foreign, expr: member_id}
    dimensions:
      - {name: sold_at, type: time, type_params: {time_granularity: day}}
      - {name: is_food, type: categorical}
      - {name: shop, type: categorical}
    measures:
      - {name: revenue, agg: sum, expr: amount}
      - {name: median_revenue, agg: median, expr: amount}
      - {name: average_revenue, agg: average, expr: amount}
      - {name: invoice_total, agg: sum, expr: invoice_total}
      - {name: members_with_orders, agg: count_distinct, expr: member_id}
      - {name: order_count, agg: sum, expr: 1}
metrics:
  - {name: orders, label: Orders, type: simple, type_params: {measure: order_count}}
  - {name: order_total, label: Order Total, type: simple, type_params: {measure: invoice_total}}
  - {name: revenue, label: Revenue, type: simple, type_params: {measure: revenue}}
  - {name: median_revenue, label: Median Revenue, type: simple,
     type_params: {measure: median_revenue}}
  - {name: average_revenue, label: Average Revenue, type: simple,
     type_params: {measure: average_revenue}}
  - {name: invoice_total, label: Invoice Total, type: simple,
     type_params: {measure: invoice_total}}
  - {name: members_with_orders, label: Members with Orders, type: simple,
     type_params: {measure: members_with_orders}}
"""
DATA = """
create table orders (order_id int, member_id int, sold_at date, amount decimal(8,2),
  invoice_total decimal(8,2), is_food int, shop varchar);
insert into orders values
  (1, 1, '2026-02-03', 10, 12, 1, 'north'), (2, 1, '2026-02-10', 30, 33, 0, 'south'),
  (3, 2, '2026-02-15', 20, 22, 1, 'east'), (4, 3, '2026-01-20', 100, 110, 0, 'north'),
  (5, 1, '2026-01-21', 40, 44, 1, 'south');
"""


@pytest.fixture(scope="module")
def shop(yaml_shop):
    return yaml_shop("zh_compounds", MODEL, DATA, TODAY)


@pytest.mark.parametrize("question", ["收入中位数", "收入的中位数", "每月的收入中位数"])
def test_a_statistic_after_the_metric_is_that_metric_s_statistic(shop, question) -> None:
    a = shop.ask(question)
    assert a.ok, a.error
    assert a.query.metrics == ["median_revenue"]
    if "每月" not in question:
        assert ok_value(a) == 30.0  # the median of 10, 30, 20, 100, 40


@pytest.mark.parametrize("question", ["收入的平均值", "收入平均值", "revenue average"])
def test_an_average_after_the_metric_is_the_model_s_average_not_the_sum(shop, question) -> None:
    a = shop.ask(question)
    assert a.query.metrics == ["average_revenue"]
    assert ok_value(a) == 40.0  # not the sum, 200


@pytest.mark.parametrize(
    "question",
    ["发票总额的平均值", "invoice total average", "总收入的平均值", "每个会员的收入平均值"],
)
def test_an_average_of_a_total_the_model_lacks_is_refused_not_summed(shop, question) -> None:
    # a total said as such, or averaged per member, is not the model's average of the rows
    a = shop.ask(question)
    assert a.refused
    assert "would need an average of a total" in a.error


def test_glossary_words_for_revenue_and_a_total_reach_the_english_names(shop) -> None:
    a = shop.ask("上个月的营业额")
    assert ok_value(a) == 60.0  # February: 10 + 30 + 20
    assert "营业额 → Revenue" in a.interpretation
    a = shop.ask("发票总额")
    assert ok_value(a) == 221.0
    assert "发票总额 → Invoice Total" in a.interpretation


def test_a_with_name_is_rendered_as_a_chinese_relative_clause(shop) -> None:
    a = shop.ask("有订单的会员有多少")
    assert a.query.metrics == ["members_with_orders"]
    assert ok_value(a) == 3
    assert "有订单的会员 → Members with Orders" in a.interpretation


def test_a_restating_dictionary_gloss_is_the_main_sense(shop) -> None:
    # CC-CEDICT: 食品 "foodstuff / food / provisions"; "food" restates the first gloss
    a = shop.ask("食品的收入")
    assert ok_value(a) == 70.0  # orders 1, 3 and 5
    assert "食品 → is food" in a.interpretation
    assert ok_value(shop.ask("非食品的收入")) == 130.0


@pytest.mark.parametrize(
    ("question", "rows"),
    [
        ("top 2 shops with the lowest revenue", [("east", 20.0), ("south", 70.0)]),
        ("收入最低的前2个店铺", [("east", 20.0), ("south", 70.0)]),
        ("收入最高的前2个店铺", [("north", 110.0), ("south", 70.0)]),
        ("top 2 shops with the highest revenue", [("north", 110.0), ("south", 70.0)]),
    ],
)
def test_two_rank_words_make_one_rank(shop, question, rows) -> None:
    a = shop.ask(question)
    assert a.ok, a.error
    got = [(r[0], float(r[-1])) for r in a.df.itertuples(index=False)]
    assert got == rows


def test_rank_words_from_opposite_ends_are_refused(shop) -> None:
    a = shop.ask("收入最高的最低2个店铺")
    assert a.refused
    assert "'最低' ranks from the other end" in a.error


def test_dan_liang_counts_orders_whatever_noun_stands_before_it(shop) -> None:
    # 单量 / 单数: 单 is commerce shorthand for 订单; the model only says "Orders"
    a = shop.ask("上个月的单量")
    assert a.query.metrics == ["orders"]
    assert ok_value(a) == 3  # February
    assert "单量 → Orders" in a.interpretation
    a = shop.ask("会员的单数")
    assert a.query.metrics == ["orders"]  # not the count of members
    assert ok_value(a) == 5


def test_a_count_word_after_a_flagged_noun_counts_the_flagged_rows(shop) -> None:
    a = shop.ask("食品订单数")
    assert a.query.metrics == ["orders"]
    assert ok_value(a) == 3  # orders 1, 3 and 5
    assert ok_value(shop.ask("非食品订单数")) == 2
    a = shop.ask("每月食品订单量")
    assert a.ok, a.error
    assert [int(v) for v in a.df.iloc[:, -1]] == [1, 2]  # January, February


STAYS_MODEL = """
semantic_models:
  - name: stays
    model: ref('stays')
    defaults: {agg_time_dimension: booked_at}
    entities:
      - {name: stay, type: primary, expr: stay_id}
    dimensions:
      - {name: booked_at, type: time, type_params: {time_granularity: day}}
    measures:
      - {name: bookings, agg: sum, expr: 1}
metrics:
  - {name: bookings, label: Bookings, type: simple, type_params: {measure: bookings}}
"""
STAYS_DATA = """
create table stays (stay_id int, booked_at date);
insert into stays values (1, '2026-01-10'), (2, '2026-02-11'), (3, '2026-02-12');
"""


def test_a_verb_gloss_with_ahead_names_the_event(yaml_shop) -> None:
    # CC-CEDICT glosses 预订 "to place an order / to book ahead": "ahead" leaves it "to book"
    stays = yaml_shop("zh_stays", STAYS_MODEL, STAYS_DATA, TODAY)
    a = stays.ask("上个月的预订量")
    assert a.query.metrics == ["bookings"]
    assert ok_value(a) == 2
    assert "预订量 → Bookings" in a.interpretation


CLASSES_MODEL = """
semantic_models:
  - name: class_bookings
    model: ref('class_bookings')
    defaults: {agg_time_dimension: created_at}
    entities:
      - {name: reservation, type: primary, expr: id}
      - {name: member, type: foreign, expr: member_id}
    dimensions:
      - {name: created_at, type: time, type_params: {time_granularity: day}}
    measures:
      - {name: bookings, agg: count, expr: id}
      - {name: payments, agg: sum, expr: paid}
metrics:
  - {name: bookings, label: Class Bookings, type: simple, type_params: {measure: bookings}}
  - {name: payments, label: Payments, type: simple, type_params: {measure: payments}}
"""
CLASSES_DATA = """
create table class_bookings (id int, member_id int, created_at date, paid double);
insert into class_bookings values
  (1, 1, '2026-01-03', 10), (2, 2, '2026-02-04', 20), (3, 2, '2026-02-20', 30),
  (4, 3, '2026-03-01', 40);
"""


def test_ahead_and_in_advance_glosses_differ(yaml_shop) -> None:
    # a gym's class bookings: 预订 ("to book ahead") is booking; 预付 ("to pay in advance") is a
    # prepayment, which this model does not have, so it is never read as its payments
    gym = yaml_shop("zh_classes", CLASSES_MODEL, CLASSES_DATA, TODAY)
    a = gym.ask("2月的预订量")
    assert a.ok, a.error
    assert a.query.metrics == ["bookings"]
    assert ok_value(a) == 2
    for question in ("预付金额", "2月预付了多少"):
        assert gym.ask(question).refused, question


@pytest.mark.parametrize(
    "question", ["超过30的订单数", "orders over 30", "上个月超过25的订单有多少"]
)
def test_a_number_compared_with_an_ungrouped_count_is_refused(shop, question) -> None:
    # read as HAVING on the one total count, the answer was every order (5 > 30 is false here,
    # so it was empty; with more orders it was the count of all of them)
    a = shop.ask(question)
    assert a.refused
    # "orders over 30": the number follows the noun, and the orders keep an amount, so the
    # refusal names both readings (rules.count_or_amount); neither compares the total
    assert "would apply to the one total count" in a.error or "may mean" in a.error


def test_a_count_compared_per_group_is_still_answered(shop) -> None:
    # said as a count ("more than 1 orders"): shops with more than one order
    a = shop.ask("orders by shop with more than 1 orders")
    assert a.ok, a.error
    assert sorted(a.df.iloc[:, 0]) == ["north", "south"]


def test_a_number_after_the_noun_is_a_count_or_an_amount(shop) -> None:
    # the orders keep an amount (Revenue, Invoice Total): "orders above 1" may be shops with
    # more than one order or orders each worth above 1 (nl2sql.rules.count_or_amount); the
    # model has no amount column of single orders, so only the count is offered
    a = shop.ask("orders by shop with orders above 1")
    assert a.refused
    assert "orders above 1" in a.error
    assert a.suggestions == ["orders by shop with above 1 orders"]
    assert sorted(shop.ask(a.suggestions[0]).df.iloc[:, 0]) == ["north", "south"]


def test_mei_wei_groups_by_the_person_named_after_it(shop) -> None:
    # 每位 / 每名: "each" before a person, like 每个
    a = shop.ask("每位会员的收入")
    assert a.ok, a.error
    assert a.query.group_by == ["member"]
    assert sorted(float(v) for v in a.df.iloc[:, -1]) == [20.0, 80.0, 100.0]
    assert shop.ask("每名会员的订单数").query.group_by == ["member"]


def test_total_count_of_a_noun_is_its_count_not_a_total_amount(shop) -> None:
    # "Order Total" renders 订单总额, never 订单总: that cut 订单总数 as 订单总 + 数
    a = shop.ask("订单总数")
    assert a.query.metrics == ["orders"]
    assert ok_value(a) == 5
    assert shop.ask("订单总额").query.metrics == ["order_total"]


@pytest.mark.parametrize(
    ("question", "values"),
    [("top 2 months by revenue", [140.0, 60.0]), ("收入最低的1个月", [60.0])],
)
def test_a_number_of_months_after_a_rank_word_ranks_the_months(shop, question, values) -> None:
    # was read as a quantity of time and answered the one total (200) "top 2"
    a = shop.ask(question)
    assert a.ok, a.error
    assert a.query.group_by == ["metric_time__month"]
    assert [float(v) for v in a.df.iloc[:, -1]] == values
