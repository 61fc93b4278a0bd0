""" "both A and B": two values of different dimensions are both filters; two values of one
dimension are refused, since nothing has both (``nl2sql.rules.passes.joined_conditions``).

Before, "both" was an unknown word and "members who are both Fixed Desk and Prepaid" was refused;
without it, two values of one dimension are read as either (an IN filter), which "both" denies.
Original model: a coworking space's members, each with one desk plan and one billing kind.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.semantic_helpers import ok_rows

TODAY = dt.date(2026, 7, 2)
COWORK = """
semantic_models:
  - name: members
    model: ref('members')
    defaults: {agg_time_dimension: joined_on}
    entities:
      - {name: member, type: primary, expr: member_id}
    dimensions:
      - {name: joined_on, type: time, type_params: {time_granularity: day}}
      - {name: desk_plan, type: categorical}
      - {name: billing_cycle, type: categorical}
    measures:
      - {name: member_count, agg: count_distinct, expr: member_id}
metrics:
  - {name: members, label: Members, type: simple, type_params: {measure: member_count}}
"""
DATA = """
create table members (member_id int, joined_on date, desk_plan varchar, billing_cycle varchar);
insert into members values (1, '2026-01-03', 'Fixed Desk', 'Prepaid'),
  (2, '2026-02-03', 'Fixed Desk', 'Invoiced'), (3, '2026-03-03', 'Hot Desk', 'Prepaid'),
  (4, '2026-03-09', 'Hot Desk', 'Invoiced'), (5, '2026-04-01', 'Fixed Desk', 'Prepaid');
"""


@pytest.fixture(scope="module")
def cowork(yaml_shop):
    return yaml_shop("both_values_cowork", COWORK, DATA, TODAY)


@pytest.mark.parametrize(
    ("question", "rows"),
    [
        ("members who are both Fixed Desk and Prepaid", [(2,)]),
        ("how many members are both Hot Desk and Invoiced", [(1,)]),
        ("members who are Hot Desk and Fixed Desk", [(5,)]),  # no "both": either, as before
    ],
)
def test_both_values_of_two_dimensions_are_both_filters(cowork, question, rows) -> None:
    a = cowork.ask(question)
    assert ok_rows(a) == rows, a.interpretation


@pytest.mark.parametrize(
    "question",
    ["members who are both Hot Desk and Fixed Desk", "同时是Hot Desk和Fixed Desk的members有多少"],
)
def test_both_values_of_one_dimension_are_refused_with_each_asked(cowork, question) -> None:
    a = cowork.ask(question)
    assert a.refused, a.interpretation
    assert sorted(ok_rows(cowork.ask(s))[0][0] for s in a.suggestions) == [2, 3], a.suggestions
