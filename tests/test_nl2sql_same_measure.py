"""The same column summed on a finer table answers where the metric the word chose cannot.

"points per month" / "goals at home vs away" on a hockey model (season totals with a yearly
time dimension beside per-game rows dated by game, both summing ``points`` / ``goals``) were
refused: the season metric has no month and no home/away, the game metric does
(``rules.same_measure``). Here a store model of another domain: yearly store totals and daily
till rows, both summing ``units``; and two sums of one ``amount`` column with different names
(revenue, refund amount) that must never stand in for each other.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.semantic_helpers import answer_rows

TODAY = dt.date(2025, 6, 15)

STORES = """
semantic_models:
  - name: store_years
    model: ref('store_years')
    defaults:
      agg_time_dimension: year_start
    entities:
      - {name: store_year, type: primary, expr: "store_id || '-' || year_start::varchar"}
    dimensions:
      - {name: year_start, type: time, type_params: {time_granularity: year}}
      - {name: store_id, type: categorical}
    measures:
      - {name: year_units, agg: sum, expr: units}
  - name: till_days
    model: ref('till_days')
    defaults:
      agg_time_dimension: sold_on
    entities:
      - {name: till_day, type: primary, expr: till_day_id}
    dimensions:
      - {name: sold_on, type: time, type_params: {time_granularity: day}}
      - {name: channel, type: categorical}
    measures:
      - {name: day_units, agg: sum, expr: units}
  - name: payments
    model: ref('payments')
    defaults:
      agg_time_dimension: paid_on
    entities:
      - {name: payment, type: primary, expr: payment_id}
    dimensions:
      - {name: paid_on, type: time, type_params: {time_granularity: day}}
      - {name: pay_method, type: categorical}
    measures:
      - {name: revenue, agg: sum, expr: amount}
  - name: refunds
    model: ref('refunds')
    defaults:
      agg_time_dimension: refunded_on
    entities:
      - {name: refund, type: primary, expr: refund_id}
    dimensions:
      - {name: refunded_on, type: time, type_params: {time_granularity: day}}
      - {name: refund_reason, type: categorical}
    measures:
      - {name: refund_amount, agg: sum, expr: amount}
metrics:
  - {name: total_units, label: Total Units, type: simple, type_params: {measure: year_units}}
  - {name: units_over_time, label: Units Over Time, type: simple,
     type_params: {measure: day_units}}
  - {name: revenue, label: Revenue, type: simple, type_params: {measure: revenue}}
  - {name: refund_amount, label: Refund Amount, type: simple,
     type_params: {measure: refund_amount}}
"""
DATA = """
create table store_years as select * from (values
  ('S1', date '2024-01-01', 90), ('S2', date '2024-01-01', 40), ('S1', date '2025-01-01', 30)
) t(store_id, year_start, units);
create table till_days as select * from (values
  (1, date '2025-01-10', 'web', 5), (2, date '2025-01-20', 'shop', 7),
  (3, date '2025-02-03', 'web', 11), (4, date '2025-03-01', 'shop', 7)
) t(till_day_id, sold_on, channel, units);
create table payments as select * from (values
  (1, date '2025-01-10', 'card', 100.0), (2, date '2025-02-10', 'cash', 40.0)
) t(payment_id, paid_on, pay_method, amount);
create table refunds as select * from (values
  (1, date '2025-02-11', 'damaged', 15.0), (2, date '2025-03-01', 'late', 5.0)
) t(refund_id, refunded_on, refund_reason, amount);
"""


@pytest.fixture(scope="module")
def stores(yaml_shop):
    return yaml_shop("same_measure_stores", STORES, DATA, TODAY)


@pytest.mark.parametrize("question", ["units by month in 2025", "2025年每个月的units"])
def test_a_month_breakdown_is_answered_by_the_dated_same_column(stores, question) -> None:
    a = stores.ask(question)
    assert a.ok, (question, a.error)
    assert a.query.metrics == ["units_over_time"]
    assert answer_rows(a) == [
        (dt.date(2025, 1, 1), 12),
        (dt.date(2025, 2, 1), 11),
        (dt.date(2025, 3, 1), 7),
    ]
    assert "Total Units" not in a.interpretation


def test_a_breakdown_only_the_other_table_has(stores) -> None:
    a = stores.ask("units by channel")
    assert a.ok, a.error
    assert a.query.metrics == ["units_over_time"]
    assert sorted(answer_rows(a)) == [("shop", 14), ("web", 16)]


def test_a_question_the_chosen_metric_answers_is_unchanged(stores) -> None:
    a = stores.ask("total units by store id")
    assert a.ok, a.error
    assert a.query.metrics == ["total_units"]
    assert sorted(answer_rows(a)) == [("S1", 120), ("S2", 40)]


def test_a_differently_named_sum_of_the_same_column_never_stands_in(stores) -> None:
    # revenue and refund amount both sum `amount`; revenue by refund reason stays refused
    a = stores.ask("revenue by refund reason")
    assert not a.ok
    assert a.query is None or a.query.metrics != ["refund_amount"]
