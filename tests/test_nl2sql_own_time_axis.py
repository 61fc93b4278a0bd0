"""A count of things placed in periods by their own date says which date (nl2sql.time_axis_note).

"customers by month" on an external café model grouped the customers by their first order's
month and said only "(by month)": read as the customers active each month, a wrong answer
(issue #12, session 26). The model holds no count of active customers, so the answer stays the
one it supports, and the line names the date that places each thing. Here on a climbing gym of
our own: members (first visit) and their visits; 3 members, active 1/3/2 in Jan/Feb/Mar.
"""

from __future__ import annotations

import datetime as dt

import pytest

TODAY = dt.date(2026, 5, 1)
GYM = """
semantic_models:
  - name: members
    model: ref('members')
    defaults: {agg_time_dimension: first_visit_at}
    entities:
      - {name: member, type: primary, expr: member_id}
    dimensions:
      - {name: first_visit_at, type: time, type_params: {time_granularity: day}}
      - {name: tier, type: categorical}
    measures:
      - {name: member_count, agg: count_distinct, expr: member_id}
  - name: visits
    model: ref('visits')
    defaults: {agg_time_dimension: visited_at}
    entities:
      - {name: visit, type: primary, expr: visit_id}
      - {name: member, type: foreign, expr: member_id}
    dimensions:
      - {name: visited_at, type: time, type_params: {time_granularity: day}}
    measures:
      - {name: visit_count, agg: count, expr: visit_id}
metrics:
  - {name: members, label: Members, type: simple, type_params: {measure: member_count}}
  - {name: visits, label: Visits, type: simple, type_params: {measure: visit_count}}
"""
GYM_DATA = """
create table members (member_id int, first_visit_at date, tier varchar);
insert into members values (1, '2026-01-05', 'gold'), (2, '2026-02-10', 'silver'),
  (3, '2026-02-11', 'gold');
create table visits (visit_id int, member_id int, visited_at date);
insert into visits values (1, 1, '2026-01-05'), (2, 1, '2026-02-07'), (3, 2, '2026-02-10'),
  (4, 3, '2026-02-11'), (5, 1, '2026-03-01'), (6, 3, '2026-03-02');
"""


@pytest.fixture(scope="module")
def gym(yaml_shop):
    return yaml_shop("gym", GYM, GYM_DATA, TODAY)


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("members by month", "time axis: first visit at"),
        ("members in February 2026", "time axis: first visit at"),
        ("每月的会员数", "时间轴：first visit at"),
    ],
)
def test_a_count_by_its_own_date_names_that_date(gym, question, said):
    a = gym.ask(question)
    assert not a.refused, a.error
    assert said in a.interpretation
    assert a.df.iloc[:, -1].tolist() in ([1, 2], [2])  # placed by first visit, not activity


@pytest.mark.parametrize("question", ["visits by month", "members by tier"])
def test_an_event_count_or_no_period_says_nothing_more(gym, question):
    a = gym.ask(question)
    assert not a.refused, a.error
    assert "time axis" not in a.interpretation


@pytest.fixture(scope="module")
def gym_zh(yaml_shop):
    """The same gym with the owner's Chinese words for the date and the member."""
    model = GYM.replace(
        "- {name: first_visit_at, type: time, type_params: {time_granularity: day}}",
        "- {name: first_visit_at, type: time, type_params: {time_granularity: day},\n"
        "         config: {meta: {synonyms: [首次到访日期]}}}",
    ).replace(
        "- {name: member, type: primary, expr: member_id}",
        "- {name: member, type: primary, expr: member_id, config: {meta: {synonyms: [会员]}}}",
    )
    return yaml_shop("gym_zh", model, GYM_DATA, TODAY)


def test_a_chinese_line_names_the_date_and_thing_in_chinese(gym_zh):
    # zhrefuse29: the line read "时间轴：first visit at（每个member…）" to a Chinese reader
    a = gym_zh.ask("每月的会员数")
    assert not a.refused, a.error
    assert "时间轴：首次到访日期（每个会员只按其首次到访日期计入一次" in a.interpretation
    assert "time axis: first visit at" in gym_zh.ask("members by month").interpretation
