"""A short past form in a flag's description describes it; it does not name it.

"How many visits ended with the stop reason PowerLoss?" on a fresh public dbt project read
"ended" as the success flag, because that flag's description says "True when the visit ended
in a successful charge": the answer counted only successful visits (0 instead of 144), a wrong
answer. Past forms of more than five letters ("departed") were already kept out of description
phrases; short ones ("ended", "voted") now are too when English morphology knows them as a
past form, so they reach the event's time axis or stay unknown, never a flag.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.semantic_helpers import answered_value

TODAY = dt.date(2026, 4, 15)

SUBSCRIPTIONS = """
semantic_models:
  - name: subscriptions
    model: ref('subscriptions')
    defaults: {agg_time_dimension: end_date}
    entities:
      - {name: subscription, type: primary, expr: subscription_id}
    dimensions:
      - {name: end_date, type: time, type_params: {time_granularity: day}}
      - name: is_churned
        type: categorical
        description: True when the subscription ended without a renewal.
      - {name: plan, type: categorical}
    measures:
      - {name: subscription_count, agg: count, expr: subscription_id}
metrics:
  - {name: subscriptions, label: Subscriptions, type: simple,
     type_params: {measure: subscription_count}}
"""
SUBSCRIPTIONS_DATA = """
create table subscriptions as select i as subscription_id, i % 3 = 0 as is_churned,
  case when i % 2 = 0 then 'basic' else 'pro' end as plan,
  date '2026-03-01' + (i % 20)::int as end_date from range(1, 13) t(i);
"""

BALLOTS = """
semantic_models:
  - name: ballots
    model: ref('ballots')
    defaults: {agg_time_dimension: vote_date}
    entities:
      - {name: ballot, type: primary, expr: ballot_id}
    dimensions:
      - {name: vote_date, type: time, type_params: {time_granularity: day}}
      - name: is_valid
        type: categorical
        description: True when the ballot was voted by a registered person.
      - {name: precinct, type: categorical}
    measures:
      - {name: ballot_count, agg: count, expr: ballot_id}
metrics:
  - {name: ballots, label: Ballots, type: simple, type_params: {measure: ballot_count}}
"""
BALLOTS_DATA = """
create table ballots as select i as ballot_id, i % 4 <> 0 as is_valid,
  case when i <= 6 then 'North' else 'South' end as precinct,
  date '2026-03-10' as vote_date from range(1, 11) t(i);
"""


@pytest.fixture(scope="module")
def subscriptions(yaml_shop):
    return yaml_shop("subs", SUBSCRIPTIONS, SUBSCRIPTIONS_DATA, TODAY)


@pytest.fixture(scope="module")
def ballots(yaml_shop):
    return yaml_shop("ballots", BALLOTS, BALLOTS_DATA, TODAY)


def test_ended_is_not_the_churn_flag(subscriptions) -> None:
    a = subscriptions.ask("how many subscriptions ended on the pro plan?")
    assert answered_value(a) == 6  # all pro subscriptions, churned or not (2 of the 6 churned)
    assert "churned" not in a.interpretation.lower()


def test_voted_is_not_the_validity_flag(ballots) -> None:
    a = ballots.ask("how many ballots were voted in the North precinct?")
    assert answered_value(a) == 6  # 5 of them valid
    assert "valid" not in a.interpretation.lower()
