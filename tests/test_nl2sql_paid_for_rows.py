""" "total paid for invoices": a status word used as a verb before "for" and the rows' noun.

On the built-in model "total paid for orders" was answered with the *count* of the paid orders
(17,934): "orders" is both the entity and its count metric's label, so the status-amount rule
left the value as a filter. "paid for" uses the word as a verb, and the sum of the paid amount
is the likely meaning, but the noun still names a count: the question is asked back with both
readings. "how much was paid ..." asks for the amount like "how much paid".
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.semantic_helpers import answered_rows

TODAY = dt.date(2026, 5, 1)
#: a status holding 'Paid', one amount metric carrying "paid", a count labelled with the noun
INVOICES = """
semantic_models:
  - name: invoices
    model: ref('invoices')
    defaults: {agg_time_dimension: issued_on}
    entities:
      - {name: invoice, type: primary, expr: invoice_id}
    dimensions:
      - {name: issued_on, type: time, type_params: {time_granularity: day}}
      - {name: invoice_status, type: categorical}
      - {name: region, type: categorical}
    measures:
      - {name: paid_amount, agg: sum, expr: paid_amount}
      - {name: invoice_count, agg: count, expr: invoice_id}
metrics:
  - {name: paid_amount, label: Paid Amount, type: simple, type_params: {measure: paid_amount}}
  - {name: invoice_count, label: Invoices, type: simple, type_params: {measure: invoice_count}}
"""
INVOICES_DATA = """
create table invoices (invoice_id int, issued_on date, invoice_status varchar, region varchar,
  paid_amount double);
insert into invoices values
  (1, '2026-04-01', 'Paid', 'North', 100), (2, '2026-04-02', 'Open', 'North', 0),
  (3, '2026-04-03', 'Paid', 'South', 40), (4, '2026-04-04', 'Void', 'South', 0);
"""


@pytest.fixture(scope="module")
def shop(yaml_shop):
    return yaml_shop("invoices_paid_for", INVOICES, INVOICES_DATA, TODAY)


@pytest.mark.parametrize("question", ["total paid for invoices", "how much was paid for invoices"])
def test_paid_for_the_counted_rows_is_asked_back(shop, question) -> None:
    a = shop.ask(question)
    assert a.refused and a.sql is None
    assert a.suggestions == ["number of paid invoices", "Paid Amount"]


@pytest.mark.parametrize(
    ("question", "rows"),
    [
        ("how much was paid", [(140.0,)]),
        ("total paid", [(140.0,)]),
        ("how many paid invoices", [(2,)]),
        ("total invoices", [(4,)]),
        ("number of paid invoices", [(2,)]),
    ],
)
def test_plain_readings_are_answered(shop, question, rows) -> None:
    assert answered_rows(shop.ask(question)) == rows
