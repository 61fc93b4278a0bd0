"""A preposition left after a metric phrase that another metric's name continues with is asked
back, never dropped.

"goals for by team" answered Total Goals (skater goals by team: "for" dropped as a stop word)
on a hockey model with "Team Goals For" (``rules.dangling_prepositions``). Here a council vote
count with "Total Votes" and the district's "Ward Votes For" / "Ward Votes Against".
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.semantic_helpers import answer_rows

TODAY = dt.date(2025, 6, 15)

DESK = """
semantic_models:
  - name: ballots
    model: ref('fct_ballots')
    defaults:
      agg_time_dimension: voted_on
    entities:
      - {name: ballot, type: primary, expr: ballot_id}
    dimensions:
      - {name: voted_on, type: time, type_params: {time_granularity: day}}
      - {name: district, type: categorical}
    measures:
      - {name: votes, agg: sum, expr: votes_cast}
      - {name: yes_votes, agg: sum, expr: votes_yes}
      - {name: no_votes, agg: sum, expr: votes_no}
metrics:
  - {name: total_votes, label: Total Votes, type: simple, type_params: {measure: votes}}
  - {name: ward_votes_for, label: Ward Votes For, type: simple,
     type_params: {measure: yes_votes}}
  - {name: ward_votes_against, label: Ward Votes Against, type: simple,
     type_params: {measure: no_votes}}
"""
DATA = """
create table fct_ballots as select * from (values
  (1, date '2025-05-02', 'north', 10, 6, 4), (2, date '2025-05-03', 'south', 8, 5, 3),
  (3, date '2025-05-04', 'north', 4, 1, 3)
) t(ballot_id, voted_on, district, votes_cast, votes_yes, votes_no);
"""


@pytest.fixture(scope="module")
def votes(yaml_shop):
    return yaml_shop("dangling_votes", DESK, DATA, TODAY)


def test_a_dangling_preposition_is_asked_back(votes) -> None:
    a = votes.ask("votes for by district")
    assert not a.ok
    assert "Ward Votes For" in a.error


def test_with_an_object_or_the_full_name_it_is_answered(votes) -> None:
    a = votes.ask("total votes by district")
    assert a.ok, a.error
    assert sorted(answer_rows(a)) == [("north", 14), ("south", 8)]
    b = votes.ask("ward votes for by district")
    assert b.ok, b.error
    assert b.query.metrics == ["ward_votes_for"]
    assert sorted(answer_rows(b)) == [("north", 7), ("south", 5)]
