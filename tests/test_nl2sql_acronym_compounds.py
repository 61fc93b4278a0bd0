"""Chinese questions on an English-only model whose labels hold acronyms and period words.

Chinese users keep a model's acronyms in Latin letters inside Chinese ("净NPS", "期末ARR"), and
say a statement's period ends the accounting way (期末 ending / closing, 期初 opening). A label
word with no Chinese rendering dropped the whole compound, so every such question was refused
on an English-only model (no synonyms to fall back on).
"""

from __future__ import annotations

import datetime as dt

import pytest

TODAY = dt.date(2026, 7, 2)
MODEL = """
semantic_models:
  - name: accounts
    model: ref('accounts')
    defaults: {agg_time_dimension: as_of}
    entities:
      - {name: account, type: primary, expr: account_id}
    dimensions:
      - {name: as_of, type: time, type_params: {time_granularity: day}}
      - {name: city, type: categorical}
    measures:
      - {name: closing_balance, agg: sum, expr: balance}
      - {name: net_promoter, agg: average, expr: nps}
metrics:
  - {name: closing_balance, label: Closing Balance, type: simple,
     type_params: {measure: closing_balance}}
  - {name: net_nps, label: Net NPS, type: simple, type_params: {measure: net_promoter}}
"""
DATA = """
create table accounts (account_id int, as_of date, city varchar, balance int, nps int);
insert into accounts values (1, '2026-06-30', 'Lyon', 100, 40), (2, '2026-06-30', 'Porto', 50, 10),
  (3, '2026-06-30', 'Lyon', 25, 70);
"""


@pytest.fixture(scope="module")
def shop(yaml_shop):
    return yaml_shop("ledger", MODEL, DATA, TODAY)


def test_an_acronym_stays_latin_inside_the_chinese_compound(shop) -> None:
    a = shop.ask("各城市的净NPS")
    assert not a.refused, a.error
    assert sorted(map(tuple, a.df.itertuples(index=False))) == [("Lyon", 55.0), ("Porto", 10.0)]
    assert "Net NPS" in a.interpretation


def test_period_end_words_reach_a_closing_metric(shop) -> None:
    a = shop.ask("各城市的期末余额")
    assert not a.refused, a.error
    assert sorted(map(tuple, a.df.itertuples(index=False))) == [("Lyon", 125), ("Porto", 50)]


def test_an_unrendered_word_that_is_no_acronym_still_refuses(shop) -> None:
    """Control: 期初 (opening) is not what 'Closing Balance' says: refused, never answered."""
    assert shop.ask("各城市的期初余额").refused
