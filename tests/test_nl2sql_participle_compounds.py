"""An English participle modifier in a name is said 已 + the verb in Chinese.

"Earned Premium" is 已赚保费, "Completed Orders" 已完成订单, "Approved Loans" 已批准借款: Chinese
marks the completed action before the noun. The word-by-word rendering gave the bare verb
(赚得保费, 完成订单) or nothing for a one-character verb (赚 "to earn"), so such names were unknown.
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
    dimensions:
      - {name: ordered_on, type: time, type_params: {time_granularity: day}}
      - {name: region, type: categorical}
    measures:
      - {name: completed_orders, agg: sum, expr: "case when done then 1 else 0 end"}
      - {name: order_count, agg: count, expr: order_id}
      - {name: earned_points, agg: sum, expr: points}
metrics:
  - {name: completed_orders, label: Completed Orders, type: simple,
     type_params: {measure: completed_orders}}
  - {name: orders, label: Orders, type: simple, type_params: {measure: order_count}}
  - {name: earned_points, label: Earned Points, type: simple,
     type_params: {measure: earned_points}}
"""
SHOP_DATA = """
create table orders (order_id int, ordered_on date, region varchar, done boolean, points int);
insert into orders values (1, '2026-06-01', 'east', true, 5), (2, '2026-06-02', 'east', false, 0),
  (3, '2026-06-03', 'west', true, 7), (4, '2026-06-03', 'east', true, 1);
"""
BANK = """
semantic_models:
  - name: applications
    model: ref('applications')
    defaults: {agg_time_dimension: applied_on}
    entities:
      - {name: application, type: primary, expr: application_id}
    dimensions:
      - {name: applied_on, type: time, type_params: {time_granularity: day}}
      - {name: city, type: categorical}
    measures:
      - {name: approved_loans, agg: sum, expr: approved_amount}
      - {name: earned_fees, agg: sum, expr: fee}
metrics:
  - {name: approved_loans, label: Approved Loans, type: simple,
     type_params: {measure: approved_loans}}
  - {name: earned_fees, label: Earned Fees, type: simple, type_params: {measure: earned_fees}}
"""
BANK_DATA = """
create table applications (application_id int, applied_on date, city varchar,
                           approved_amount int, fee int);
insert into applications values (1, '2026-06-01', 'north', 100, 3), (2, '2026-06-02', 'south', 0, 1),
  (3, '2026-06-03', 'north', 50, 2);
"""


@pytest.fixture(scope="module")
def shop(yaml_shop):
    return yaml_shop("participle_shop", SHOP, SHOP_DATA, TODAY)


@pytest.fixture(scope="module")
def bank(yaml_shop):
    return yaml_shop("participle_bank", BANK, BANK_DATA, TODAY)


def test_a_participle_name_said_with_yi(shop) -> None:
    a = shop.ask("各地区的已完成订单")
    assert a.ok, a.error
    assert a.query.metrics == ["completed_orders"]
    assert answer_rows(a) == [("east", 2), ("west", 1)]
    # a one-character verb (赚 "to earn") after 已: no bridge had it before
    a = shop.ask("各地区的已赚点数")
    assert a.ok, a.error
    assert a.query.metrics == ["earned_points"]
    assert answer_rows(a) == [("east", 6), ("west", 7)]


@pytest.mark.parametrize(
    ("question", "metric", "rows"),
    [
        ("各城市的已批准借款", "approved_loans", [("north", 150), ("south", 0)]),
        ("各城市的已赚费用", "earned_fees", [("north", 5), ("south", 1)]),
    ],
)
def test_on_another_model(bank, question, metric, rows) -> None:
    a = bank.ask(question)
    assert a.ok, a.error
    assert a.query.metrics == [metric]
    assert answer_rows(a) == rows


def test_another_verb_is_not_the_name(bank) -> None:
    """Control: 已拒绝借款 (rejected loans) is not what 'Approved Loans' says: refused."""
    assert bank.ask("各城市的已拒绝借款").refused
