"""Dates named after their own entity: ``loan_return_date`` on a ``loan``, and "by" before the
metric's own date.

Why: dbt projects often prefix every column with its entity (``credit_package_end_date``,
``audit_request_signature_date`` on a public project) and users never repeat it: "loans by
return month", "claims settled in 2025", "ending in 2024". Only the full name reached the date,
so these were refused as unknown words. The name without the entity's words is now a phrase of
the date, its event's past and -ing forms a verb near a time ("returned", "settled"), and the
bare event noun a date right before a grain word ("return month"). And "by <the metric's own
date>" ("loans by checkout date") left its "by" unread and was refused; it now groups by that
time. Two domains: library loans, insurance claims.
"""

from __future__ import annotations

import datetime as dt

import pytest

TODAY = dt.date(2026, 3, 5)

LIBRARY_MODEL = """
semantic_models:
  - name: loans
    model: ref('loans')
    defaults: {agg_time_dimension: loan_checkout_date}
    entities:
      - {name: loan, type: primary, expr: loan_id}
    dimensions:
      - {name: loan_checkout_date, type: time, type_params: {time_granularity: day}}
      - {name: loan_return_date, type: time, type_params: {time_granularity: day}}
    measures:
      - {name: loan_count, agg: count, expr: loan_id}
metrics:
  - {name: loans, label: Loans, type: simple, type_params: {measure: loan_count}}
"""
LIBRARY_DATA = """
create table loans (loan_id int, loan_checkout_date date, loan_return_date date);
insert into loans values
  (1, '2026-01-05', '2026-01-20'), (2, '2026-01-28', '2026-02-10'),
  (3, '2026-02-03', '2026-02-25'), (4, '2026-02-15', null);
"""

CLAIMS_MODEL = """
semantic_models:
  - name: claims
    model: ref('claims')
    defaults: {agg_time_dimension: claim_submission_date}
    entities:
      - {name: claim, type: primary, expr: claim_id}
    dimensions:
      - {name: claim_submission_date, type: time, type_params: {time_granularity: day}}
      - {name: claim_settlement_date, type: time, type_params: {time_granularity: day}}
      - {name: claim_month, type: time, type_params: {time_granularity: month}}
    measures:
      - {name: claim_count, agg: count, expr: claim_id}
metrics:
  - {name: claims, label: Claims, type: simple, type_params: {measure: claim_count}}
"""
CLAIMS_DATA = """
create table claims (claim_id int, claim_submission_date date, claim_settlement_date date,
                     claim_month date);
insert into claims values
  (1, '2024-11-05', '2025-01-20', '2025-01-01'), (2, '2025-03-28', '2025-05-10', '2025-05-01'),
  (3, '2025-06-03', '2026-01-25', '2026-01-01'), (4, '2025-12-15', null, null);
"""


@pytest.fixture(scope="module")
def library(yaml_shop):
    return yaml_shop("entity_dates_library", LIBRARY_MODEL, LIBRARY_DATA, TODAY)


@pytest.fixture(scope="module")
def claims(yaml_shop):
    return yaml_shop("entity_dates_claims", CLAIMS_MODEL, CLAIMS_DATA, TODAY)


def _rows(a) -> dict[str, float]:
    return {str(r[0])[:10]: float(r[-1]) for r in a.df.itertuples(index=False)}


def test_loans_by_return_month(library) -> None:
    a = library.ask("loans by return month")
    assert a.ok, a.error  # was: 'return' unknown
    assert _rows(a) == {"2026-01-01": 1.0, "2026-02-01": 2.0, "None": 1.0}  # one not returned


def test_loans_returned_last_month(library) -> None:
    a = library.ask("how many loans were returned last month")
    assert a.ok, a.error
    assert float(a.df.iloc[0, -1]) == 2.0  # by return date, not checkout date (1)


def test_loans_by_their_own_checkout_date(library) -> None:
    a = library.ask("loans by checkout month")
    assert a.ok, a.error  # was: "by" left unread, refused
    assert _rows(a) == {"2026-01-01": 2.0, "2026-02-01": 2.0}


def test_claims_settled_in_2025(claims) -> None:
    a = claims.ask("claims settled in 2025")
    assert a.ok, a.error
    assert float(a.df.iloc[0, -1]) == 2.0  # by settlement date (submitted in 2025: 3)


def test_claims_by_settlement_date_quarter(claims) -> None:
    a = claims.ask("claims by settlement quarter in 2025")
    assert a.ok, a.error
    assert _rows(a) == {"2025-01-01": 1.0, "2025-04-01": 1.0}


def test_claims_by_their_own_submission_date(claims) -> None:
    a = claims.ask("claims by submission date")
    assert a.ok, a.error
    assert len(a.df) == 4 and sum(_rows(a).values()) == 4.0


def test_a_grain_after_the_entity_names_no_date(claims) -> None:
    a = claims.ask("claims by month in 2025")
    assert a.ok, a.error  # "month" of claim_month is a grain word, not that date's name
    assert a.query.group_by == ["metric_time__month"]
    assert _rows(a) == {"2025-03-01": 1.0, "2025-06-01": 1.0, "2025-12-01": 1.0}
