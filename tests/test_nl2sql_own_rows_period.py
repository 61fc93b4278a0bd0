"""A period on a count of things dated by their own first date is asked back when the model
also counts them over another thing's rows (``nl2sql.rules.passes.own_rows_period``).

Before, "how many members in June 2026" answered the members *first* dated in June (a "new
members" reading) although two of them were active in June. Original model: a climbing gym's
members and their check-ins.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.semantic_helpers import ok_rows

TODAY = dt.date(2026, 7, 2)
GYM = """
semantic_models:
  - name: members
    model: ref('members')
    defaults: {agg_time_dimension: first_climb_date}
    entities:
      - {name: member, type: primary, expr: member_id}
    dimensions:
      - {name: first_climb_date, type: time, type_params: {time_granularity: day}}
    measures:
      - {name: member_rows, agg: count, expr: member_id}
  - name: checkins
    model: ref('checkins')
    defaults: {agg_time_dimension: checked_in}
    entities:
      - {name: checkin, type: primary, expr: checkin_id}
      - {name: member, type: foreign, expr: member_id}
    dimensions:
      - {name: checked_in, type: time, type_params: {time_granularity: day}}
    measures:
      - {name: climbing_members, agg: count_distinct, expr: member_id}
metrics:
  - {name: total_members, label: Total Members, type: simple, type_params: {measure: member_rows}}
  - {name: members_with_checkins, label: Members With Checkins, type: simple,
     type_params: {measure: climbing_members}}
"""
DATA = """
create table members (member_id int, first_climb_date date);
insert into members values (1, '2026-05-01'), (2, '2026-06-01'), (3, '2026-06-20'),
  (4, '2026-06-25');
create table checkins (checkin_id int, member_id int, checked_in date);
insert into checkins values (10, 1, '2026-06-02'), (11, 2, '2026-06-03'), (12, 1, '2026-07-01');
"""


@pytest.fixture(scope="module")
def gym(yaml_shop):
    return yaml_shop("own_rows_gym", GYM, DATA, TODAY)


@pytest.mark.parametrize(
    "question",
    ["how many members in June 2026", "2026年6月的members数", "members in June 2026"],
)
def test_a_period_on_a_first_dated_count_is_asked_back(gym, question) -> None:
    a = gym.ask(question)
    assert a.refused, a.interpretation
    # both readings, the period kept: active in June (1, 2) and first dated in June (2, 3, 4)
    got = sorted(ok_rows(gym.ask(s)) for s in a.suggestions)
    assert got == [[(2,)], [(3,)]], a.suggestions
    assert any("Members With Checkins" in s for s in a.suggestions)
    assert any("first climb date" in s for s in a.suggestions)


@pytest.mark.parametrize(
    ("question", "rows"),
    [
        ("how many members", [(4,)]),  # no period: the members' own rows
        ("how many new members in June 2026", [(3,)]),  # "new" says the first date
        ("2026年6月的新members数", [(3,)]),
        ("Total Members with first climb date in June 2026", [(3,)]),  # the date named
        ("Members With Checkins in June 2026", [(2,)]),
    ],
)
def test_one_word_away_stays_answered(gym, question, rows) -> None:
    a = gym.ask(question)
    assert ok_rows(a) == rows, a.error or a.interpretation


@pytest.mark.parametrize("question", ["members by month", "monthly members", "每月的members数"])
def test_a_grain_on_a_first_dated_count_is_asked_back_too(gym, question) -> None:
    # by first climb date: May 1, June 3; active (checked in): June 2, July 1 — two numbers
    a = gym.ask(question)
    assert a.refused
    assert "Members With Checkins" in a.error
    offered = gym.ask(a.suggestions[0])
    assert offered.df.iloc[:, -1].tolist() == [2, 1]


def test_a_grain_with_the_date_named_stays_answered(gym) -> None:
    a = gym.ask("Total Members by month of first climb date")
    assert not a.refused, a.error
    assert a.df.iloc[:, -1].tolist() == [1, 3]
