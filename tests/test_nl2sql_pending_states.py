"""A state not reached yet ("invoices to be paid", "loans yet to be returned") and the
adverbs of "so far" ("still", "yet").

Why: "to be <state>" says the thing has not reached the state, while the state's word alone
filters on it; read word by word, the answer was the opposite set (the paid invoices) — a
wrong answer. It is refused with "not <state>" offered as a runnable suggestion. "still" and
"yet" beside a state change nothing ("still open" is open, "not yet paid" is not paid) and
were refused as unknown words. Two tiny models of different domains (billing, a library);
every count is checked against SQL on the same rows.
"""

from __future__ import annotations

import datetime as dt

import pytest

pytestmark = pytest.mark.usefixtures("own_cache")

BILLING = """
semantic_models:
  - name: invoices
    model: ref('invoices')
    defaults: {agg_time_dimension: issued_on}
    entities:
      - {name: invoice, type: primary, expr: invoice_id}
    dimensions:
      - {name: issued_on, type: time, type_params: {time_granularity: day}}
      - {name: invoice_status, type: categorical}
    measures:
      - {name: invoice_rows, agg: count, expr: invoice_id}
metrics:
  - {name: invoices, label: Invoices, type: simple, type_params: {measure: invoice_rows}}
"""
BILLING_DATA = """
create table invoices as select i as invoice_id, date '2026-01-01' + (i % 60)::int as issued_on,
  ['paid', 'open', 'paid', 'void'][1 + i % 4] as invoice_status
from range(70) t(i)
"""
LIBRARY = """
semantic_models:
  - name: loans
    model: ref('loans')
    defaults: {agg_time_dimension: lent_on}
    entities:
      - {name: loan, type: primary, expr: loan_id}
    dimensions:
      - {name: lent_on, type: time, type_params: {time_granularity: day}}
      - {name: loan_state, type: categorical}
    measures:
      - {name: loan_rows, agg: count, expr: loan_id}
metrics:
  - {name: loans, label: Loans, type: simple, type_params: {measure: loan_rows}}
"""
LIBRARY_DATA = """
create table loans as select i as loan_id, date '2026-02-01' + (i % 30)::int as lent_on,
  ['returned', 'overdue', 'returned', 'renewed', 'returned'][1 + i % 5] as loan_state
from range(47) t(i)
"""


@pytest.fixture(scope="module")
def billing(yaml_shop):
    return yaml_shop("billing", BILLING, BILLING_DATA, dt.date(2026, 4, 1))


@pytest.fixture(scope="module")
def library(yaml_shop):
    return yaml_shop("library", LIBRARY, LIBRARY_DATA, dt.date(2026, 4, 1))


def _count(shop, table: str, where: str) -> int:
    return shop.con.execute(f"select count(*) from {table} where {where}").fetchone()[0]


@pytest.mark.parametrize(
    ("question", "fix"),
    [("invoices to be paid", "invoices not paid"), ("invoices yet to be paid", None)],
)
def test_a_state_to_be_reached_is_refused_never_read_as_reached(billing, question, fix) -> None:
    a = billing.ask(question)
    assert a.refused and a.query is None  # never the paid invoices
    assert "not happened yet" in a.error
    if fix:
        assert fix in a.suggestions
        b = billing.ask(fix)
        assert b.ok and b.df.iloc[0, 0] == _count(billing, "invoices", "invoice_status <> 'paid'")


def test_still_and_yet_beside_a_state_change_nothing(billing, library) -> None:
    a = billing.ask("how many invoices are still open")
    assert a.ok, a.error
    assert a.df.iloc[0, 0] == _count(billing, "invoices", "invoice_status = 'open'")
    b = billing.ask("invoices not yet paid")
    assert b.ok, b.error
    assert b.df.iloc[0, 0] == _count(billing, "invoices", "invoice_status <> 'paid'")
    c = library.ask("loans still overdue")
    assert c.ok, c.error
    assert c.df.iloc[0, 0] == _count(library, "loans", "loan_state = 'overdue'")


def test_a_loan_yet_to_be_returned_is_not_a_returned_loan(library) -> None:
    a = library.ask("loans yet to be returned")
    assert a.refused and a.query is None
    a = library.ask("loans to be returned")
    assert a.refused and "loans not returned" in a.suggestions
    b = library.ask("loans not returned")
    assert b.ok and b.df.iloc[0, 0] == _count(library, "loans", "loan_state <> 'returned'")
