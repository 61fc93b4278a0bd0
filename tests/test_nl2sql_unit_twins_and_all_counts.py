"""Readings a dbt project tells apart by its own labels (session 19, a fresh remittance project).

- A unit the named metric lacks, said of its twin counted in that unit: "fuel cost in EUR" is
  "Fuel Cost (EUR)" beside "Fuel Cost" (``nl2sql.rules.unit_siblings``); a unit no twin has
  stays refused, and without a unit the plain metric is answered.
- "All …" as the plain reading: "loans by branch" counts "All Loans" beside "Overdue Loans"
  (``nl2sql.rules.counting`` and ``nl2sql.rules.said_qualifier``); "overdue loans" is the other.
- A dimension told apart by a word the question says: "members by status" is the member's
  status, not the loan's (``said_qualifier.dimension_by_said_word``).
- A measure the owner published no metric for, named ``<thing>_measure``: its label is the
  thing ("renewals"), and a distinct count of the entity's key counts it ("how many members").

Two original domains: a courier's fuel log and a lending library.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.semantic_helpers import ok_rows, ok_value

TODAY = dt.date(2026, 6, 15)
COURIER = """
semantic_models:
  - name: refuels
    model: ref('refuels')
    defaults: {agg_time_dimension: refuelled_on}
    entities:
      - {name: refuel, type: primary, expr: refuel_id}
    dimensions:
      - {name: refuelled_on, type: time, type_params: {time_granularity: day}}
      - {name: depot, type: categorical}
      - {name: paid_currency, type: categorical}
    measures:
      - {name: fuel_cost_local, agg: sum, expr: cost}
      - {name: fuel_cost_eur, agg: sum, expr: cost_eur}
metrics:
  - {name: fuel_cost, label: Fuel Cost, type: simple, type_params: {measure: fuel_cost_local}}
  - name: fuel_cost_in_eur
    label: Fuel Cost (EUR)
    type: simple
    type_params: {measure: fuel_cost_eur}
"""
COURIER_DATA = """
create table refuels (refuel_id int, refuelled_on date, depot varchar, paid_currency varchar,
  cost decimal(10,2), cost_eur decimal(10,2));
insert into refuels values
  (1, '2026-05-03', 'North', 'EUR', 100, 100),
  (2, '2026-05-20', 'South', 'GBP', 50, 58),
  (3, '2026-06-02', 'North', 'GBP', 40, 46.4),
  (4, '2026-04-11', 'South', 'EUR', 70, 70);
"""
LIBRARY = """
semantic_models:
  - name: loans
    model: ref('loans')
    defaults: {agg_time_dimension: loaned_on}
    entities:
      - {name: loan, type: primary, expr: loan_id}
      - {name: member, type: foreign, expr: member_id}
    dimensions:
      - {name: loaned_on, type: time, type_params: {time_granularity: day}}
      - {name: branch, type: categorical}
      - {name: loan_status, type: categorical}
    measures:
      - {name: loan_rows, agg: sum, expr: loan_count}
      - {name: overdue_rows, agg: sum, expr: overdue_count}
      - {name: renewals_measure, agg: sum, expr: renewal_count}
  - name: members
    model: ref('members')
    defaults: {agg_time_dimension: joined_on}
    entities:
      - {name: member, type: primary, expr: member_id}
    dimensions:
      - {name: joined_on, type: time, type_params: {time_granularity: day}}
      - {name: member_status, type: categorical}
    measures:
      - {name: members_measure, agg: count_distinct, expr: member_id}
metrics:
  - {name: all_loans, label: All Loans, type: simple, type_params: {measure: loan_rows}}
  - {name: overdue_loans, label: Overdue Loans, type: simple, type_params: {measure: overdue_rows}}
"""
LIBRARY_DATA = """
create table loans (loan_id int, member_id int, loaned_on date, branch varchar,
  loan_status varchar, loan_count int, overdue_count int, renewal_count int);
insert into loans values
  (1, 1, '2026-05-01', 'Central', 'RETURNED', 1, 0, 2),
  (2, 1, '2026-05-09', 'Central', 'OUT', 1, 1, 0),
  (3, 2, '2026-05-12', 'Harbour', 'OUT', 1, 0, 1),
  (4, 3, '2026-06-01', 'Harbour', 'RETURNED', 1, 1, 3),
  (5, 3, '2026-06-03', 'Central', 'LOST', 1, 1, 0);
create table members (member_id int, joined_on date, member_status varchar);
insert into members values (1, '2025-01-05', 'ACTIVE'), (2, '2025-03-09', 'ACTIVE'),
  (3, '2026-02-01', 'LAPSED'), (4, '2026-04-01', 'LAPSED');
"""


@pytest.fixture(scope="module")
def courier(yaml_shop):
    return yaml_shop("unit_twins_courier", COURIER, COURIER_DATA, TODAY)


@pytest.fixture(scope="module")
def library(yaml_shop):
    return yaml_shop("all_counts_library", LIBRARY, LIBRARY_DATA, TODAY)


def test_a_unit_said_of_the_plain_label_is_its_twin(courier) -> None:
    a = courier.ask("fuel cost in EUR last month")
    assert ok_value(a) == pytest.approx(158.0)
    assert "Fuel Cost (EUR)" in a.interpretation
    assert ok_rows(courier.ask("fuel cost in EUR by depot")) == [("North", 146.4), ("South", 128.0)]


def test_without_a_unit_the_plain_metric(courier) -> None:
    assert ok_value(courier.ask("fuel cost last month")) == pytest.approx(150.0)


def test_a_unit_no_twin_has_stays_refused(courier) -> None:
    a = courier.ask("fuel cost in GBP last month")
    assert a.error and "GBP" in a.error


def test_all_is_the_plain_count(library) -> None:
    assert ok_rows(library.ask("loans by branch")) == [("Central", 3.0), ("Harbour", 2.0)]
    assert ok_value(library.ask("how many loans in May 2026")) == 3
    # the other label's word said: that count
    assert ok_rows(library.ask("overdue loans by branch")) == [("Central", 2.0), ("Harbour", 1.0)]
    # a value said as a kind of the rows: the plain count, filtered
    assert ok_value(library.ask("lost loans")) == 1


def test_a_dimension_told_apart_by_a_said_word(library) -> None:
    a = library.ask("How many members do we have by status?")
    assert ok_rows(a) == [("ACTIVE", 2), ("LAPSED", 2)]
    assert "member status" in a.interpretation


def test_a_measure_named_measure_reads_as_its_thing(library) -> None:
    assert ok_value(library.ask("renewals at Central")) == 2
    assert ok_value(library.ask("how many members")) == 4
