"""The dimension word before a negated value is part of the exclusion, never a breakdown.

New judge-style questions on the held-out models answered "flights whose airline is not
United", "customers whose state is not TX" and "account balance where the account type is not
savings" with one row per remaining value (grouped by the dimension) instead of the one total
asked for; the same words without "not" gave the total. Two domains: library loans and
clinic visits.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.semantic_helpers import single_cell_value

TODAY = dt.date(2026, 5, 1)
LOANS = """
semantic_models:
  - name: loans
    model: ref('loans')
    defaults: {agg_time_dimension: loaned_on}
    entities:
      - {name: loan, type: primary, expr: loan_id}
    dimensions:
      - {name: loaned_on, type: time, type_params: {time_granularity: day}}
      - {name: branch, type: categorical}
    measures:
      - {name: loans, agg: count, expr: loan_id}
metrics:
  - {name: loans, label: Loans, type: simple, type_params: {measure: loans}}
"""
LOANS_DATA = """
create table loans (loan_id int, loaned_on date, branch varchar);
insert into loans values (1, '2026-04-01', 'Central'), (2, '2026-04-02', 'Harbor'),
  (3, '2026-04-03', 'Hillside'), (4, '2026-04-04', 'Central'), (5, '2026-04-05', 'Hillside');
"""
VISITS = """
semantic_models:
  - name: visits
    model: ref('visits')
    defaults: {agg_time_dimension: visit_date}
    entities:
      - {name: visit, type: primary, expr: visit_id}
    dimensions:
      - {name: visit_date, type: time, type_params: {time_granularity: day}}
      - {name: department, type: categorical}
    measures:
      - {name: fees, agg: sum, expr: fee}
metrics:
  - {name: visit_fees, label: Visit Fees, type: simple, type_params: {measure: fees}}
"""
VISITS_DATA = """
create table visits (visit_id int, visit_date date, department varchar, fee double);
insert into visits values (1, '2026-04-01', 'Cardiology', 200), (2, '2026-04-02', 'Dermatology', 80),
  (3, '2026-04-03', 'Pediatrics', 60), (4, '2026-04-04', 'Cardiology', 150);
"""


@pytest.fixture(scope="module")
def loans(yaml_shop):
    return yaml_shop("loans", LOANS, LOANS_DATA, TODAY)


@pytest.fixture(scope="module")
def visits(yaml_shop):
    return yaml_shop("visits", VISITS, VISITS_DATA, TODAY)


def test_dimension_word_then_not_value_is_one_total(loans, visits) -> None:
    assert single_cell_value(loans.ask("loans whose branch is not Central")) == 3.0
    assert single_cell_value(loans.ask("how many loans where the branch is not Hillside")) == 3.0
    assert (
        single_cell_value(visits.ask("visit fees where the department is not Cardiology")) == 140.0
    )


def test_the_same_without_not_is_unchanged(loans, visits) -> None:
    assert single_cell_value(loans.ask("loans whose branch is Central")) == 2.0
    assert single_cell_value(visits.ask("visit fees where the department is Cardiology")) == 350.0


def test_an_asked_breakdown_stays(loans) -> None:
    a = loans.ask("loans by branch where the branch is not Central")
    assert not a.refused, a.error
    assert sorted(map(tuple, a.df.itertuples(index=False))) == [("Harbor", 1), ("Hillside", 2)]
