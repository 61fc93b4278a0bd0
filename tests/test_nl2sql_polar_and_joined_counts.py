"""Two wrong answers found on a fresh public dbt project (P&C insurance), as general rules:

- "best" / "worst" rank by whether more is better, which a model does not say: "the worst loss
  ratio" was read as the lowest (worst = bottom), "the best delay" as the longest. They are
  refused, with the question said with "highest" and "lowest" as suggestions; "best-selling"
  stays the top. (Session 29: unless the metric's own words name trouble — "delay" — when
  "worst" is its highest, ``rules.polar``.)
- A noun joined by "and" to the counted noun is counted too: "how many claims and policies in
  2024" answered the claims alone (the policies were read as context).
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.semantic_helpers import answer_rows

TODAY = dt.date(2026, 7, 2)
SHOP = """
semantic_models:
  - name: orders
    model: ref('orders')
    defaults: {agg_time_dimension: ordered_on}
    entities:
      - {name: order, type: primary, expr: order_id}
      - {name: customer, type: foreign, expr: customer_id}
    dimensions:
      - {name: ordered_on, type: time, type_params: {time_granularity: day}}
      - {name: region, type: categorical}
    measures:
      - {name: revenue, agg: sum, expr: amount}
      - {name: order_count, agg: count, expr: order_id}
      - {name: buyer_count, agg: count_distinct, expr: customer_id}
metrics:
  - {name: revenue, label: Revenue, type: simple, type_params: {measure: revenue}}
  - {name: orders, label: Orders, type: simple, type_params: {measure: order_count}}
  - {name: buyers, label: Buyers, type: simple, type_params: {measure: buyer_count}}
"""
SHOP_DATA = """
create table orders (order_id int, customer_id int, ordered_on date, region varchar, amount int);
insert into orders values (1, 7, '2026-06-01', 'east', 30), (2, 7, '2026-06-02', 'east', 10),
  (3, 8, '2026-06-03', 'west', 50);
"""
FLEET = """
semantic_models:
  - name: flights
    model: ref('flights')
    defaults: {agg_time_dimension: flown_on}
    entities:
      - {name: flight, type: primary, expr: flight_id}
      - {name: plane, type: foreign, expr: tail_number}
    dimensions:
      - {name: flown_on, type: time, type_params: {time_granularity: day}}
      - {name: carrier, type: categorical}
    measures:
      - {name: flight_count, agg: count, expr: flight_id}
      - {name: plane_count, agg: count_distinct, expr: tail_number}
      - {name: delay_minutes, agg: average, expr: delay}
metrics:
  - {name: flights, label: Flights, type: simple, type_params: {measure: flight_count}}
  - {name: planes, label: Planes, type: simple, type_params: {measure: plane_count}}
  - {name: average_delay, label: Average Delay, type: simple, type_params: {measure: delay_minutes}}
"""
FLEET_DATA = """
create table flights (flight_id int, flown_on date, carrier varchar, tail_number varchar, delay int);
insert into flights values (1, '2026-06-01', 'UA', 'N1', 30), (2, '2026-06-01', 'UA', 'N1', 10),
  (3, '2026-06-02', 'DL', 'N2', 5), (4, '2026-06-02', 'DL', 'N3', 7);
"""


@pytest.fixture(scope="module")
def shop(yaml_shop):
    return yaml_shop("polar_shop", SHOP, SHOP_DATA, TODAY)


@pytest.fixture(scope="module")
def fleet(yaml_shop):
    return yaml_shop("polar_fleet", FLEET, FLEET_DATA, TODAY)


@pytest.mark.parametrize(
    ("model", "question", "suggested"),
    [
        ("shop", "收入最好的地区", "收入最高的地区"),
        ("shop", "which region has the best revenue", "which region has the highest revenue"),
    ],
)
def test_best_and_worst_are_refused_with_both_ends(request, model, question, suggested) -> None:
    a = request.getfixturevalue(model).ask(question)
    assert a.refused, a.interpretation
    assert "higher or a lower" in a.error
    assert suggested in a.suggestions


def test_worst_delay_is_the_longest(fleet) -> None:
    # session 29: a metric whose own words name trouble ("delay") says its bad end, so "worst"
    # is its highest and "best" its lowest (``rules.polar``); until then both were refused
    a = fleet.ask("which carrier has the worst average delay")
    assert a.ok, a.error
    assert answer_rows(a) == [("UA", 20.0)]
    a = fleet.ask("which carrier has the best average delay")
    assert a.ok, a.error
    assert answer_rows(a) == [("DL", 6.0)]


def test_best_selling_is_the_top(shop) -> None:
    a = shop.ask("best-selling region by revenue")
    assert a.ok, a.error
    assert answer_rows(a) == [("west", 50)]


def test_nouns_joined_to_the_counted_noun_are_counted(shop, fleet) -> None:
    a = shop.ask("how many orders and customers in the east region")
    assert a.ok, a.error
    assert a.query.metrics == ["orders", "buyers"]
    assert answer_rows(a) == [(2, 1)]
    a = fleet.ask("how many flights and planes by carrier")
    assert a.ok, a.error
    assert a.query.metrics == ["flights", "planes"]
    assert answer_rows(a) == [("DL", 2, 2), ("UA", 2, 1)]


def test_a_metric_named_only_in_a_condition_comes_after_the_asked_one(shop, fleet) -> None:
    # "保单数超过100的州的理赔数" showed the policy count first: a reader takes it for the answer
    a = shop.ask("revenue of regions with more than 1 orders")
    assert a.ok, a.error
    assert a.query.metrics == ["revenue", "orders"]
    assert answer_rows(a) == [("east", 40, 2)]
    a = shop.ask("收入超过30的地区的订单数")
    assert a.ok, a.error
    assert a.query.metrics == ["orders", "revenue"]
    assert answer_rows(a) == [("east", 2, 40), ("west", 1, 50)]
    a = fleet.ask("average delay of carriers with more than 1 flights")
    assert a.ok, a.error
    assert a.query.metrics == ["average_delay", "flights"]
    assert answer_rows(a) == [("DL", 6.0, 2), ("UA", 20.0, 2)]


def test_selling_best_is_the_top(shop) -> None:
    # "sold the best" / 卖得最好 say more sold: the top, as best-selling
    for q in ("which region sold the best by revenue", "哪个地区卖得最好（按收入）"):
        a = shop.ask(q)
        assert a.ok, (q, a.error)
        assert answer_rows(a) == [("west", 50)]


def test_a_count_asked_of_the_things_a_condition_describes(shop, fleet) -> None:
    # "orders of regions with revenue above 30" answered the revenue alone: "orders" was read
    # as a noun because "revenue" is a metric — but revenue is only the condition here
    a = shop.ask("orders of regions with revenue above 30")
    assert a.ok, a.error
    assert a.query.metrics == ["orders", "revenue"]
    assert answer_rows(a) == [("east", 2, 40), ("west", 1, 50)]
    a = fleet.ask("flights by carrier with average delay above 10")
    assert a.ok, a.error
    assert a.query.metrics == ["flights", "average_delay"]
    assert answer_rows(a) == [("UA", 2, 20.0)]
    # a noun with no metric of its own name is counted by its count metric (buyers)
    a = shop.ask("customers by region with revenue above 30")
    assert a.ok, a.error
    assert a.query.metrics == ["buyers", "revenue"]
    assert answer_rows(a) == [("east", 1, 40), ("west", 1, 50)]
    # the noun the condition describes stays the grain: listed, not counted
    a = shop.ask("customers with revenue above 20")
    assert a.ok, a.error
    assert a.query.metrics == ["revenue"] and a.query.group_by == ["customer"]
