"""Two conditions on different dimensions joined by "and" are asked back
(``nl2sql.rules.passes.joined_conditions``); two values of one dimension stay the union.

Before, "harvests by certified growers and hilltop growers" answered a breakdown by one flag
filtered to the other value, and "hilltop growers and certified growers" both filters (only
the growers that are both) — neither says which the question meant. Original model: a tea
cooperative's growers and their harvests.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.semantic_helpers import ok_rows

TODAY = dt.date(2026, 7, 2)
TEA = """
semantic_models:
  - name: growers
    model: ref('growers')
    entities:
      - {name: grower, type: primary, expr: grower_id}
    dimensions:
      - {name: slope, type: categorical}
      - {name: is_certified, type: categorical, label: certified grower}
  - name: harvests
    model: ref('harvests')
    defaults: {agg_time_dimension: picked_on}
    entities:
      - {name: harvest, type: primary, expr: harvest_id}
      - {name: grower, type: foreign, expr: grower_id}
    dimensions:
      - {name: picked_on, type: time, type_params: {time_granularity: day}}
    measures:
      - {name: kilos_total, agg: sum, expr: kilos}
metrics:
  - {name: kilos, label: Kilos, type: simple, type_params: {measure: kilos_total}}
"""
DATA = """
create table growers (grower_id int, slope varchar, is_certified boolean);
insert into growers values (1, 'hilltop', true), (2, 'hilltop', false), (3, 'valley', true),
  (4, 'terrace', false);
create table harvests (harvest_id int, grower_id int, picked_on date, kilos int);
insert into harvests values (10, 1, '2026-06-01', 1), (11, 2, '2026-06-01', 10),
  (12, 3, '2026-06-02', 100), (13, 4, '2026-06-03', 1000);
"""


@pytest.fixture(scope="module")
def tea(yaml_shop):
    return yaml_shop("joined_tea", TEA, DATA, TODAY)


@pytest.mark.parametrize(
    "question",
    [
        "kilos by certified growers and hilltop growers",
        "kilos of hilltop growers and certified growers",
        "kilos from hilltop growers and certified growers",
        "hilltop growers和certified growers的kilos",
    ],
)
def test_a_value_and_a_flag_joined_by_and_are_asked_back(tea, question) -> None:
    a = tea.ask(question)
    assert a.refused, a.interpretation
    assert "both" in a.error, a.error
    # each condition alone, never the intersection (1 kilo)
    assert len(a.suggestions) == 2, a.suggestions
    got = [ok_rows(tea.ask(s)) for s in a.suggestions]
    assert all((1,) not in rows for rows in got), got
    if " by " not in question:  # "by certified growers" alone is a breakdown by the flag
        assert sorted(got) == [[(11,)], [(101,)]], a.suggestions


@pytest.mark.parametrize(
    ("question", "rows"),
    [
        ("kilos of hilltop and valley growers", [(111,)]),  # one dimension: the union
        ("kilos of hilltop growers", [(11,)]),
        ("kilos of certified growers", [(101,)]),
        ("同时是hilltop和certified growers的kilos", [(1,)]),  # said both: the intersection
        ("hilltop且certified的growers的kilos", [(1,)]),  # 且: two properties of one grower
    ],
)
def test_one_word_away_stays_answered(tea, question, rows) -> None:
    a = tea.ask(question)
    assert ok_rows(a) == rows, a.error or a.interpretation
