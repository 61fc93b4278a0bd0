"""Negative contractions ("weren't", "didn’t") are "not"; a possessive ("airline's") is its noun.

New judge-style questions on the held-out models refused "flights that weren't cancelled",
"bookings that aren't instant", "JetBlue's average arrival delay" and "each country's
listings" on all three models ("I don't know 'weren't'"), while the same words written apart
were answered. A data value spelled with an apostrophe still meets the question that types
it. Two domains: library loans (a yes/no flag) and a shopping mall (names with apostrophes).
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.semantic_helpers import answered_rows

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
      - {name: is_overdue, type: categorical}
    measures:
      - {name: loans, agg: count, expr: loan_id}
metrics:
  - {name: loans, label: Loans, type: simple, type_params: {measure: loans}}
"""
LOANS_DATA = """
create table loans (loan_id int, loaned_on date, branch varchar, is_overdue boolean);
insert into loans values (1, '2026-04-01', 'Central', true), (2, '2026-04-02', 'Harbor', false),
  (3, '2026-04-03', 'Central', false), (4, '2026-04-04', 'Central', false);
"""
MALL = """
semantic_models:
  - name: visits
    model: ref('visits')
    defaults: {agg_time_dimension: visit_date}
    entities:
      - {name: visit, type: primary, expr: visit_id}
    dimensions:
      - {name: visit_date, type: time, type_params: {time_granularity: day}}
      - {name: tenant, type: categorical}
    measures:
      - {name: footfall, agg: count, expr: visit_id}
metrics:
  - {name: footfall, label: Footfall, type: simple, type_params: {measure: footfall}}
"""
MALL_DATA = """
create table visits (visit_id int, visit_date date, tenant varchar);
insert into visits values (1, '2026-04-01', 'Macy''s'), (2, '2026-04-02', 'Macy''s'),
  (3, '2026-04-03', 'Zara');
"""


@pytest.fixture(scope="module")
def loans(yaml_shop):
    return yaml_shop("loans", LOANS, LOANS_DATA, TODAY)


@pytest.fixture(scope="module")
def mall(yaml_shop):
    return yaml_shop("mall", MALL, MALL_DATA, TODAY)


def test_negative_contractions_are_not(loans) -> None:
    assert answered_rows(loans.ask("loans that weren't overdue")) == [(3,)]
    assert answered_rows(loans.ask("how many loans aren’t overdue")) == [(3,)]
    assert answered_rows(loans.ask("loans that weren't from Central")) == [(1,)]


def test_a_possessive_is_its_noun(loans, mall) -> None:
    assert answered_rows(loans.ask("each branch's loans")) == [("Central", 3), ("Harbor", 1)]
    assert answered_rows(mall.ask("Zara's footfall")) == [(1,)]


def test_a_value_with_an_apostrophe_still_matches(mall) -> None:
    assert answered_rows(mall.ask("footfall at Macy's")) == [(2,)]
    assert answered_rows(mall.ask("Macy's footfall")) == [(2,)]
