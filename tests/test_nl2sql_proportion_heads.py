"""A metric's head word stays its own when another metric only takes a proportion of it.

A new judge-style question on the held-out tpcds model, "which channel made the most profit in
2002?", was refused ("'profit' could mean Net Profit; say which one") because "Profit Margin"
also says "profit" — but there "profit" is what the margin is *of*, not another thing the word
could name. A word a proportion label (rate, ratio, margin, share, …) starts with no longer
contests the head word of the one metric that ends in it.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.semantic_helpers import answered_rows

TODAY = dt.date(2026, 5, 1)
SHOP = """
semantic_models:
  - name: sales
    model: ref('sales')
    defaults: {agg_time_dimension: sold_on}
    entities:
      - {name: sale, type: primary, expr: sale_id}
    dimensions:
      - {name: sold_on, type: time, type_params: {time_granularity: day}}
      - {name: store, type: categorical}
    measures:
      - {name: profit_total, agg: sum, expr: profit}
      - {name: amount_total, agg: sum, expr: amount}
metrics:
  - {name: gross_profit, label: Gross Profit, type: simple, type_params: {measure: profit_total}}
  - {name: turnover, label: Turnover, type: simple, type_params: {measure: amount_total}}
  - name: profit_margin
    label: Profit Margin
    type: ratio
    type_params: {numerator: gross_profit, denominator: turnover}
"""
SHOP_DATA = """
create table sales (sale_id int, sold_on date, store varchar, profit double, amount double);
insert into sales values (1, '2026-04-01', 'Quay', 4, 10), (2, '2026-04-02', 'Quay', 6, 20),
  (3, '2026-04-03', 'Mill', 1, 10);
"""
PAYMENTS = """
semantic_models:
  - name: refunds
    model: ref('refunds')
    defaults: {agg_time_dimension: refunded_on}
    entities:
      - {name: payment, type: primary, expr: refund_id}
    dimensions:
      - {name: refunded_on, type: time, type_params: {time_granularity: day}}
      - {name: region, type: categorical}
    measures:
      - {name: refund_total, agg: sum, expr: refund_amount}
      - {name: paid_total, agg: sum, expr: paid_amount}
metrics:
  - {name: net_refunds, label: Net Refunds, type: simple, type_params: {measure: refund_total}}
  - {name: payments, label: Payments, type: simple, type_params: {measure: paid_total}}
  - name: refunds_ratio
    label: Refunds Ratio
    type: ratio
    type_params: {numerator: net_refunds, denominator: payments}
"""
PAYMENTS_DATA = """
create table refunds (refund_id int, refunded_on date, region varchar, refund_amount double,
  paid_amount double);
insert into refunds values (1, '2026-04-01', 'East', 5, 50), (2, '2026-04-02', 'West', 2, 40),
  (3, '2026-04-03', 'West', 3, 10);
"""


@pytest.fixture(scope="module")
def shop(yaml_shop):
    return yaml_shop("shop", SHOP, SHOP_DATA, TODAY)


@pytest.fixture(scope="module")
def payments(yaml_shop):
    return yaml_shop("payments", PAYMENTS, PAYMENTS_DATA, TODAY)


def test_the_head_word_names_the_metric_a_proportion_is_of(shop, payments) -> None:
    assert answered_rows(shop.ask("profit by store")) == [("Mill", 1.0), ("Quay", 10.0)]
    assert answered_rows(payments.ask("refunds by region")) == [("East", 5.0), ("West", 5.0)]


def test_the_proportion_is_still_named_in_full(shop) -> None:
    assert answered_rows(shop.ask("profit margin by store")) == [
        ("Mill", 0.1),
        ("Quay", pytest.approx(1 / 3)),
    ]
