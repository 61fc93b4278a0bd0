"""A value spelled like a grammar word ("lower") right before its own dimension's noun is that
value (``nl2sql.lexicon``): "lower shelf loans" is the lower shelf's loans.

Before, "lower" stayed a comparison word (values spelled like grammar words are kept out of
the lexicon so "GMV in Q3" is no filter), the noun "shelf" became a breakdown, and the answer
listed every shelf where one shelf's figure was asked. Original model: a library's shelves.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.semantic_helpers import ok_rows

TODAY = dt.date(2026, 7, 2)
LIBRARY = """
semantic_models:
  - name: loans
    model: ref('loans')
    defaults: {agg_time_dimension: lent_on}
    entities:
      - {name: loan, type: primary, expr: loan_id}
    dimensions:
      - {name: lent_on, type: time, type_params: {time_granularity: day}}
      - {name: shelf, type: categorical}
    measures:
      - {name: loan_rows, agg: count, expr: loan_id}
      - {name: late_rows, agg: sum, expr: late}
metrics:
  - {name: loans, label: Loans, type: simple, type_params: {measure: loan_rows}}
  - {name: late_loans, label: Late loans, type: simple, type_params: {measure: late_rows}}
  - name: late_rate
    label: Late rate
    type: ratio
    type_params: {numerator: late_loans, denominator: loans}
"""
DATA = """
create table loans (loan_id int, lent_on date, shelf varchar, late int);
insert into loans values (1, '2026-06-01', 'lower', 1), (2, '2026-06-01', 'lower', 0),
  (3, '2026-06-02', 'upper', 1), (4, '2026-06-02', 'upper', 1), (5, '2026-06-02', 'upper', 0),
  (6, '2026-06-03', 'middle', 0);
"""


@pytest.fixture(scope="module")
def library(yaml_shop):
    return yaml_shop("grammar_word_library", LIBRARY, DATA, TODAY)


@pytest.mark.parametrize(
    ("question", "rows"),
    [
        ("lower shelf loans", [(2,)]),
        ("lower shelf late rate", [(pytest.approx(0.5),)]),
        ("upper shelf late rate", [(pytest.approx(2 / 3),)]),  # not a grammar word: as before
        ("loans of the lower shelf", [(2,)]),
        ("loans", [(6,)]),
    ],
)
def test_a_grammar_word_value_before_its_noun_filters(library, question, rows) -> None:
    a = library.ask(question)
    assert ok_rows(a) == rows, a.error or a.interpretation


def test_the_noun_alone_still_breaks_down(library) -> None:
    a = library.ask("loans by shelf")
    assert sorted(ok_rows(a)) == [("lower", 2), ("middle", 1), ("upper", 3)]
