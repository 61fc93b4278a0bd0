"""A balance-like column summed over every snapshot is refused when asked for "now" (session 8).

"当前账户余额" on MetricFlow's lodging example, whose `account_balance` sums the balance of every
daily snapshot, answered that sum (174,722,516 against 5,553,585 held): 当前 is a light word.
The model says the column is a snapshot when another metric reads it at its latest snapshot
only (``non_additive_dimension`` with ``window_choice: max``); asked with a word for now, the
plain sum is refused and the suggestion is that metric, which answers the value held.
"""

from __future__ import annotations

import datetime as dt

import pytest

TODAY = dt.date(2026, 3, 31)

BANK = """
semantic_models:
  - name: balances
    model: ref('balances')
    defaults: {agg_time_dimension: ds}
    entities:
      - {name: snapshot, type: primary, expr: snapshot_id}
      - {name: holder, type: foreign, expr: holder_id}
    dimensions:
      - {name: ds, type: time, type_params: {time_granularity: day}}
    measures:
      - {name: account_balance, agg: sum}
      - name: latest_account_balance
        agg: sum
        expr: account_balance
        non_additive_dimension: {name: ds, window_choice: max, window_groupings: [holder]}
metrics:
  - {name: account_balance, label: Account Balance, type: simple,
     type_params: {measure: account_balance}}
  - {name: latest_account_balance, label: Latest Account Balance, type: simple,
     type_params: {measure: latest_account_balance}}
"""
BANK_DATA = """
create table balances (snapshot_id int, holder_id int, ds date, account_balance double);
insert into balances values (1, 1, '2026-03-01', 100), (2, 1, '2026-03-02', 120),
  (3, 2, '2026-03-01', 50), (4, 2, '2026-03-02', 40);
"""

WAREHOUSE = """
semantic_models:
  - name: stock
    model: ref('stock')
    defaults: {agg_time_dimension: counted_on}
    entities:
      - {name: stock_count, type: primary, expr: count_id}
      - {name: sku, type: foreign, expr: sku_id}
    dimensions:
      - {name: counted_on, type: time, type_params: {time_granularity: day}}
    measures:
      - {name: units_on_hand, agg: sum}
      - name: units_on_hand_latest
        agg: sum
        expr: units_on_hand
        non_additive_dimension: {name: counted_on, window_choice: max}
metrics:
  - {name: units_on_hand, label: Units On Hand, type: simple,
     type_params: {measure: units_on_hand}}
  - {name: units_on_hand_latest, label: Units On Hand Latest, type: simple,
     type_params: {measure: units_on_hand_latest}}
"""
WAREHOUSE_DATA = """
create table stock (count_id int, sku_id int, counted_on date, units_on_hand int);
insert into stock values (1, 1, '2026-03-01', 7), (2, 2, '2026-03-01', 3),
  (3, 1, '2026-03-02', 5), (4, 2, '2026-03-02', 4);
"""


@pytest.mark.parametrize(
    ("model", "data", "question", "latest", "held"),
    [
        (BANK, BANK_DATA, "当前账户余额", "Latest Account Balance", 160.0),
        (BANK, BANK_DATA, "account balance now", "Latest Account Balance", 160.0),
        (WAREHOUSE, WAREHOUSE_DATA, "目前的units on hand", "Units On Hand Latest", 9.0),
        (WAREHOUSE, WAREHOUSE_DATA, "units on hand currently", "Units On Hand Latest", 9.0),
    ],
)
def test_a_snapshot_sum_asked_for_now_is_refused_with_the_latest_metric(
    yaml_shop, model: str, data: str, question: str, latest: str, held: float
) -> None:
    shop = yaml_shop("snapshot_now", model, data, TODAY)
    a = shop.ask(question)
    assert a.refused, a.interpretation
    assert latest in a.error
    offered = [s for s in a.suggestions if latest.lower() in s.lower()]
    assert offered, a.suggestions
    b = shop.ask(offered[0])
    assert not b.refused, b.error
    assert b.df.iloc[0, -1] == pytest.approx(held)


@pytest.mark.parametrize(
    ("model", "data", "question", "total"),
    [
        (BANK, BANK_DATA, "account balance", 310.0),
        (WAREHOUSE, WAREHOUSE_DATA, "units on hand", 19.0),
    ],
)
def test_without_a_word_for_now_the_models_sum_stands(
    yaml_shop, model: str, data: str, question: str, total: float
) -> None:
    shop = yaml_shop("snapshot_plain", model, data, TODAY)
    a = shop.ask(question)
    assert not a.refused, a.error
    assert a.df.iloc[0, -1] == pytest.approx(total)
