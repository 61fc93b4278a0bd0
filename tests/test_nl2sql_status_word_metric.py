"""A word that is both a status value and a measure's word: "total <word>" is the measure.

A fresh claims model has a status dimension holding 'Paid' and a paid-amount measure; "total
paid for annual checkup claims" was read as the status filter and answered with a count of one
row. Asking for a total/sum/how much of the word means the amount; "how many <word> rows" stays
a count filtered by the status, and "total amount of <word> rows" is the amount filtered by it.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.semantic_helpers import answered_rows

TODAY = dt.date(2026, 5, 1)
#: returns with a status dimension whose value 'Refunded' is also the refunded-amount measure's word
RETURNS = """
semantic_models:
  - name: returns
    model: ref('returns')
    defaults: {agg_time_dimension: returned_on}
    entities:
      - {name: return, type: primary, expr: return_id}
    dimensions:
      - {name: returned_on, type: time, type_params: {time_granularity: day}}
      - {name: return_status, type: categorical}
      - {name: reason, type: categorical}
    measures:
      - {name: requested_amount, agg: sum, expr: requested_amount}
      - {name: refunded_amount, agg: sum, expr: refunded_amount}
      - {name: return_count, agg: count, expr: return_id}
metrics:
  - {name: total_requested_amount, label: Total Requested Amount, type: simple,
     type_params: {measure: requested_amount}}
  - {name: refunds_by_store, label: Store Refunded Amount, type: simple,
     type_params: {measure: refunded_amount}}
  - {name: return_count, label: Return Count, type: simple, type_params: {measure: return_count}}
"""
RETURNS_DATA = """
create table returns (return_id int, returned_on date, return_status varchar, reason varchar,
  requested_amount double, refunded_amount double);
insert into returns values
  (1, '2026-04-01', 'Refunded', 'Damaged Item', 100, 80),
  (2, '2026-04-02', 'Pending', 'Damaged Item', 50, 30),
  (3, '2026-04-03', 'Refunded', 'Wrong Size', 40, 40),
  (4, '2026-04-04', 'Denied', 'Wrong Size', 70, 0);
"""


@pytest.fixture(scope="module")
def shop(yaml_shop):
    return yaml_shop("returns_status", RETURNS, RETURNS_DATA, TODAY)


@pytest.mark.parametrize(
    ("question", "rows"),
    [
        ("total refunded for damaged item returns", [(110.0,)]),
        ("how much refunded for damaged item returns", [(110.0,)]),
        ("sum of refunded for wrong size returns", [(40.0,)]),
        ("total refunded", [(150.0,)]),
    ],
)
def test_total_of_the_word_is_the_measure(shop, question, rows) -> None:
    assert answered_rows(shop.ask(question)) == rows


def test_how_many_word_rows_is_a_status_count(shop) -> None:
    a = shop.ask("how many refunded returns")
    assert answered_rows(a) == [(2,)]


def test_total_amount_of_word_rows_is_the_amount_filtered(shop) -> None:
    a = shop.ask("total requested amount of refunded returns")
    assert answered_rows(a) == [(140.0,)]


def test_a_chinese_amount_of_the_word_is_the_measure(shop) -> None:
    assert answered_rows(shop.ask("退款总额")) == [(150.0,)]


def test_total_word_before_the_noun_is_asked_back(shop) -> None:
    """ "total refunded returns": the count of the refunded returns, or the refunded amount."""
    a = shop.ask("total refunded returns")
    assert a.refused and a.sql is None
    assert a.suggestions == ["number of refunded returns", "Store Refunded Amount"]
