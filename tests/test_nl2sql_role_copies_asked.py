"""A dimension reached through two roles of one table, neither named: asked, never the first.

"shipping cost by state" on the TPC-DS-shaped held-out model (a sale's bill-to and ship-to
customer both reach the customers' state) was answered by the bill-to state, the role listed
first, although nothing in the words chose it (issue #12, session 26). Here on a tool-library
model of our own: a loan has a borrower and a guarantor, both members with a town. The town
alone is asked, each role offered as a runnable question; a named role answers.
"""

from __future__ import annotations

import datetime as dt

import pytest

TODAY = dt.date(2026, 5, 1)
LIBRARY = """
semantic_models:
  - name: loans
    model: ref('loans')
    defaults: {agg_time_dimension: lent_on}
    entities:
      - {name: loan, type: primary, expr: loan_id}
      - {name: borrower_member, type: foreign, expr: borrower_id}
      - {name: guarantor_member, type: foreign, expr: guarantor_id}
    dimensions:
      - {name: lent_on, type: time, type_params: {time_granularity: day}}
    measures:
      - {name: late_fee_total, agg: sum, expr: late_fee}
  - name: members
    model: ref('members')
    entities:
      - {name: borrower_member, type: primary, expr: member_id}
      - {name: guarantor_member, type: unique, expr: member_id}
    dimensions:
      - {name: town, type: categorical}
metrics:
  - {name: late_fees, label: Late Fees, type: simple, type_params: {measure: late_fee_total}}
"""
LIBRARY_DATA = """
create table members (member_id int, town varchar);
insert into members values (1, 'Ashby'), (2, 'Brill'), (3, 'Colne');
create table loans (loan_id int, lent_on date, borrower_id int, guarantor_id int, late_fee double);
insert into loans values (1, '2026-04-01', 1, 2, 5), (2, '2026-04-02', 1, 3, 7),
  (3, '2026-04-03', 2, 1, 11), (4, '2026-04-04', 3, 1, 13);
"""


@pytest.fixture(scope="module")
def library(yaml_shop):
    return yaml_shop("library", LIBRARY, LIBRARY_DATA, TODAY)


@pytest.mark.parametrize("question", ["late fees by town", "各town的late fees"])
def test_a_dimension_of_two_roles_is_asked_with_each_role(library, question):
    a = library.ask(question)
    assert a.refused and a.df is None, a.interpretation
    assert "borrower member" in a.error and "guarantor member" in a.error
    assert len(a.suggestions) == 2
    got = {}
    for s in a.suggestions:
        b = library.ask(s)
        assert not b.refused, (s, b.error)
        got[s] = dict(zip(b.df.iloc[:, 0], b.df.iloc[:, -1], strict=True))
    by_borrower = {"Ashby": 12.0, "Brill": 11.0, "Colne": 13.0}
    by_guarantor = {"Ashby": 24.0, "Brill": 5.0, "Colne": 7.0}
    assert {frozenset(v.items()) for v in got.values()} == {
        frozenset(by_borrower.items()),
        frozenset(by_guarantor.items()),
    }


def test_a_value_of_two_roles_is_asked(library):
    a = library.ask("late fees in Ashby")
    assert a.refused and len(a.suggestions) == 2


def test_a_named_role_answers(library):
    a = library.ask("late fees by guarantor member town")
    assert not a.refused, a.error
    assert dict(zip(a.df.iloc[:, 0], a.df.iloc[:, -1], strict=True)) == {
        "Ashby": 24.0,
        "Brill": 5.0,
        "Colne": 7.0,
    }
