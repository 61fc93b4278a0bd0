""" "total paid invoices": a status value before a noun that is also amount metrics' word.

"total <value> <noun>" reads two ways: the number of the rows in that state ("total" as in
"total orders") or the amount the value's word names ("total paid", the sum). The engine
answered the count of the paid invoices; it now asks back, offering each reading as a runnable
question — also when the noun is its count metric's label ("Invoices", as "orders" often is).
So does "total paid" when two amount metrics carry the word. Kept: "how many paid invoices" (a
count of a status) and a metric named in full, filtered by the status.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.semantic_helpers import answered_rows

TODAY = dt.date(2026, 5, 1)
#: invoices with a status holding 'Paid', two amount metrics whose names carry "paid", and a
#: count metric labelled with the noun itself
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
      - {name: billed_amount, agg: sum, expr: billed_amount}
      - {name: cash_paid, agg: sum, expr: cash_paid}
      - {name: credit_paid, agg: sum, expr: credit_paid}
      - {name: invoice_count, agg: count, expr: invoice_id}
metrics:
  - {name: total_billed_amount, label: Total Billed Amount, type: simple,
     type_params: {measure: billed_amount}}
  - {name: cash_paid_amount, label: Cash Paid Amount, type: simple,
     type_params: {measure: cash_paid}}
  - {name: credit_paid_amount, label: Credit Paid Amount, type: simple,
     type_params: {measure: credit_paid}}
  - {name: invoice_count, label: Invoices, type: simple,
     type_params: {measure: invoice_count}}
"""
INVOICES_DATA = """
create table invoices (invoice_id int, issued_on date, invoice_status varchar, region varchar,
  billed_amount double, cash_paid double, credit_paid double);
insert into invoices values
  (1, '2026-04-01', 'Paid', 'North', 100, 60, 40),
  (2, '2026-04-02', 'Open', 'North', 50, 0, 0),
  (3, '2026-04-03', 'Paid', 'South', 40, 40, 0),
  (4, '2026-04-04', 'Void', 'South', 70, 0, 0);
"""


@pytest.fixture(scope="module")
def shop(yaml_shop):
    return yaml_shop("invoices_paid", INVOICES, INVOICES_DATA, TODAY)


@pytest.mark.parametrize(
    ("question", "suggestions"),
    [
        (
            "total paid invoices",
            ["number of paid invoices", "Cash Paid Amount", "Credit Paid Amount"],
        ),
        (
            "total paid invoices by region",
            [
                "number of paid invoices by region",
                "Cash Paid Amount by region",
                "Credit Paid Amount by region",
            ],
        ),
        (
            "sum of paid invoices",
            ["number of paid invoices", "Cash Paid Amount", "Credit Paid Amount"],
        ),
        ("total paid", ["Cash Paid Amount", "Credit Paid Amount"]),
    ],
)
def test_both_readings_are_asked_back(shop, question, suggestions) -> None:
    a = shop.ask(question)
    assert a.refused and a.sql is None
    assert a.suggestions == suggestions


def test_the_offered_readings_run(shop) -> None:
    assert answered_rows(shop.ask("number of paid invoices")) == [(2,)]
    assert answered_rows(shop.ask("Cash Paid Amount by region")) == [
        ("North", 60.0),
        ("South", 40.0),
    ]
    assert answered_rows(shop.ask("Credit Paid Amount")) == [(40.0,)]


@pytest.mark.parametrize(
    ("question", "rows"),
    [
        ("how many paid invoices", [(2,)]),
        ("total billed amount of paid invoices", [(140.0,)]),
        ("total cash paid amount", [(100.0,)]),
    ],
)
def test_a_plain_reading_is_still_answered(shop, question, rows) -> None:
    assert answered_rows(shop.ask(question)) == rows
