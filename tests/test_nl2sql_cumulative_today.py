"""A running total over all time asked for "today" (or "as of" / 截至 a day) is its value up to
that day (session 8 hunt).

"What is our ARR today?" on a model whose ARR is the cumulative sum of monthly movements kept
only the rows dated today and answered NULL (no movement is dated on the last day of a month);
a running total of sign-ups answered the day's sign-ups. Both are a different number from the
one asked for. A named period ("ARR in September") stays the period's rows, as the model's own
compiler reads a cumulative metric under a time constraint, and a plain metric "today" stays
today's rows.
"""

from __future__ import annotations

import datetime as dt

import pytest

TODAY = dt.date(2026, 10, 31)

SAAS = """
semantic_models:
  - name: movements
    model: ref('movements')
    defaults: {agg_time_dimension: month_date}
    entities:
      - {name: movement, type: primary, expr: movement_id}
    dimensions:
      - {name: month_date, type: time, type_params: {time_granularity: day}}
    measures:
      - {name: arr_delta, agg: sum}
metrics:
  - {name: arr, label: ARR, type: cumulative, type_params: {measure: arr_delta}}
  - {name: net_new_arr, label: Net New ARR, type: simple, type_params: {measure: arr_delta}}
  - name: mrr
    label: MRR
    type: derived
    type_params: {expr: arr / 12, metrics: [{name: arr}]}
"""
SAAS_DATA = """
create table movements (movement_id int, month_date date, arr_delta int);
insert into movements values (1, '2026-08-01', 100), (2, '2026-09-01', 40), (3, '2026-10-01', -10);
"""

CLUB = """
semantic_models:
  - name: signups
    model: ref('signups')
    defaults: {agg_time_dimension: joined_on}
    entities:
      - {name: signup, type: primary, expr: signup_id}
    dimensions:
      - {name: joined_on, type: time, type_params: {time_granularity: day}}
    measures:
      - {name: signup_count, agg: count, expr: signup_id}
metrics:
  - {name: members, label: Members, type: cumulative, type_params: {measure: signup_count}}
  - {name: signups, label: Signups, type: simple, type_params: {measure: signup_count}}
"""
CLUB_DATA = """
create table signups (signup_id int, joined_on date);
insert into signups values (1, '2026-10-01'), (2, '2026-10-30'), (3, '2026-10-31'),
  (4, '2026-11-02');
"""


@pytest.fixture(scope="module")
def saas(yaml_shop):
    return yaml_shop("cum_today_saas", SAAS, SAAS_DATA, TODAY)


@pytest.fixture(scope="module")
def club(yaml_shop):
    return yaml_shop("cum_today_club", CLUB, CLUB_DATA, TODAY)


@pytest.mark.parametrize("question", ["What is our ARR today?", "ARR today", "今天的ARR是多少"])
def test_a_running_total_today_is_its_value_up_to_today(saas, question: str) -> None:
    a = saas.ask(question)
    assert not a.refused, a.error
    assert a.df.iloc[0, -1] == 130
    assert "up to today" in a.interpretation or "截至今天" in a.interpretation


def test_a_named_period_stays_the_periods_rows(saas) -> None:
    a = saas.ask("ARR in September")
    assert not a.refused, a.error
    assert a.df.iloc[0, -1] == 40


@pytest.mark.parametrize("question", ["members today", "今天的members"])
def test_members_today_counts_everyone_up_to_today_not_later(club, question: str) -> None:
    a = club.ask(question)
    assert not a.refused, a.error
    assert a.df.iloc[0, -1] == 3  # the sign-up on 2026-11-02 is after today


def test_a_plain_metric_today_is_todays_rows(club) -> None:
    a = club.ask("signups today")
    assert not a.refused, a.error
    assert a.df.iloc[0, -1] == 1


@pytest.mark.parametrize(
    ("question", "value"),
    [("MRR today", 130 / 12), ("ARR as of September 30", 140), ("截至9月30日的ARR", 140)],
)
def test_a_derived_running_total_or_an_as_of_day_is_up_to_that_day(
    saas, question: str, value: float
) -> None:
    a = saas.ask(question)
    assert not a.refused, a.error
    assert a.df.iloc[0, -1] == pytest.approx(value)


@pytest.mark.parametrize("question", ["members as of October 30", "截至10月30日的members"])
def test_members_as_of_a_day_count_everyone_up_to_it(club, question: str) -> None:
    a = club.ask(question)
    assert not a.refused, a.error
    assert a.df.iloc[0, -1] == 2
