"""A value denied of the things named right before the negation keeps out the rows with no
such thing (``nl2sql.rules.passes.values._names_owner``).

"bookings of listings not in the US" on MetricFlow's lodging example kept the bookings of no
listing ("rows with no country kept"), which are no bookings *of listings* (issue #12). Without
the thing's word ("bookings not in the US") the exclusion keeps them, as before. Original
model: a tool library's loans, some of them of kits with no catalogued tool.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.semantic_helpers import ok_rows

TODAY = dt.date(2026, 7, 2)
LIBRARY = """
semantic_models:
  - name: tools
    model: ref('tools')
    entities:
      - {name: tool, type: primary, expr: tool_id}
    dimensions:
      - {name: maker_country, type: categorical}
  - name: loans
    model: ref('loans')
    defaults: {agg_time_dimension: lent_on}
    entities:
      - {name: loan, type: primary, expr: loan_id}
      - {name: tool, type: foreign, expr: tool_id}
    dimensions:
      - {name: lent_on, type: time, type_params: {time_granularity: day}}
    measures:
      - {name: loan_count, agg: count, expr: loan_id}
metrics:
  - {name: loans, label: Loans, type: simple, type_params: {measure: loan_count}}
"""
DATA = """
create table tools (tool_id int, maker_country varchar);
insert into tools values (1, 'Japan'), (2, 'Sweden'), (3, 'Japan');
create table loans (loan_id int, tool_id int, lent_on date);
insert into loans values (10, 1, '2026-06-01'), (11, 2, '2026-06-02'), (12, 3, '2026-06-03'),
  (13, null, '2026-06-04'), (14, null, '2026-06-05');
"""


@pytest.fixture(scope="module")
def library(yaml_shop):
    return yaml_shop("negated_owner_library", LIBRARY, DATA, TODAY)


@pytest.mark.parametrize(
    ("question", "rows"),
    [
        ("loans of tools not from Japan", [(1,)]),  # the loan of no tool is no loan of a tool
        ("loans not from Japan", [(3,)]),  # an exclusion out of every loan keeps them
        ("loans of tools from Japan", [(2,)]),
    ],
)
def test_the_things_named_before_the_negation_are_the_ones_counted(library, question, rows):
    a = library.ask(question)
    assert ok_rows(a) == rows, a.interpretation
