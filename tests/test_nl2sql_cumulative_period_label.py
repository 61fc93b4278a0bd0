"""A running total over all time asked for a named period says which number it is.

"cumulative revenue in September" is the period's own rows — its movement, as MetricFlow
compiles a cumulative metric under a time constraint — not the running total at the period's
end, which a reader may expect; the interpretation said only "time: September 2026". Now the
time label says it ("the rows dated in it: its movement, not the running total at its end" /
"该期间内的发生额，不是期末的累计值"). Two domains: a shop's revenue and a bank's deposits.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.semantic_helpers import answer_rows

TODAY = dt.date(2026, 10, 15)
SHOP = """
semantic_models:
  - name: orders
    model: ref('orders')
    defaults: {agg_time_dimension: ordered_on}
    entities:
      - {name: order, type: primary, expr: order_id}
    dimensions:
      - {name: ordered_on, type: time, type_params: {time_granularity: day}}
    measures:
      - {name: amount, agg: sum, expr: amount}
metrics:
  - {name: revenue, label: Revenue, type: simple, type_params: {measure: amount}}
  - {name: cumulative_revenue, label: Cumulative Revenue, type: cumulative,
     type_params: {measure: amount}}
"""
SHOP_DATA = """
create table orders (order_id int, ordered_on date, amount int);
insert into orders values (1, '2026-08-01', 30), (2, '2026-09-02', 10), (3, '2026-09-03', 50),
  (4, '2026-10-04', 15);
"""
BANK = """
semantic_models:
  - name: deposits
    model: ref('deposits')
    defaults: {agg_time_dimension: booked_on}
    entities:
      - {name: deposit, type: primary, expr: deposit_id}
    dimensions:
      - {name: booked_on, type: time, type_params: {time_granularity: day}}
    measures:
      - {name: deposited, agg: sum, expr: amount}
metrics:
  - {name: total_deposits, label: Total Deposits, type: cumulative,
     type_params: {measure: deposited}}
"""
BANK_DATA = """
create table deposits (deposit_id int, booked_on date, amount int);
insert into deposits values (1, '2026-07-01', 100), (2, '2026-09-10', 40), (3, '2026-09-20', 5);
"""


@pytest.fixture(scope="module")
def shop(yaml_shop):
    return yaml_shop("cum_label_shop", SHOP, SHOP_DATA, TODAY)


@pytest.fixture(scope="module")
def bank(yaml_shop):
    return yaml_shop("cum_label_bank", BANK, BANK_DATA, TODAY)


def test_a_shops_running_total_in_a_month(shop) -> None:
    a = shop.ask("cumulative revenue in September 2026")
    assert a.ok, a.error
    assert answer_rows(a) == [(60,)]
    assert "its movement, not the running total at its end" in a.interpretation


def test_a_banks_running_total_in_a_month_in_chinese(bank) -> None:
    a = bank.ask("2026年9月的Total Deposits")
    assert a.ok, a.error
    assert answer_rows(a) == [(45,)]
    assert "该期间内的发生额，不是期末的累计值" in a.interpretation


@pytest.mark.parametrize("question", ["revenue in September 2026", "cumulative revenue today"])
def test_other_answers_keep_their_label(shop, question) -> None:
    a = shop.ask(question)
    assert a.ok, a.error
    assert "movement" not in a.interpretation
