"""A ratio's display format comes from its parts' units: money over a number of things is an
amount per thing, never a percent.

A spend summed from a weekly table over new members summed from the same table (the members are
a pre-summed column, not counted rows) is a cost per new member: 150.0 showed as "15,000.0%".
Money over money (fees over their budget) and things over things (renewals over members) stay
percents; so does a share of rows.
"""

from __future__ import annotations

import datetime as dt

import pytest

from semantic_layer import build_catalog, load_model
from tests.semantic_helpers import answered_value

TODAY = dt.date(2026, 3, 1)

MODEL = """
semantic_models:
  - name: club_weeks
    model: ref('club_weeks')
    defaults: {agg_time_dimension: week_start}
    entities:
      - {name: club_week, type: primary, expr: club_week_key}
    dimensions:
      - {name: week_start, type: time, type_params: {time_granularity: week}}
      - {name: club, type: categorical}
    measures:
      - {name: outreach_spend_usd, agg: sum}
      - {name: new_members, agg: sum}
      - {name: renewals, agg: sum}
      - {name: fee_budget, agg: sum}
      - {name: fees_collected, agg: sum, expr: fee_amount}
metrics:
  - {name: outreach_spend_usd, type: simple, type_params: {measure: outreach_spend_usd}}
  - {name: new_members, type: simple, type_params: {measure: new_members}}
  - {name: renewals, type: simple, type_params: {measure: renewals}}
  - {name: fee_budget, type: simple, type_params: {measure: fee_budget}}
  - {name: fees_collected, type: simple, type_params: {measure: fees_collected}}
  - {name: cost_per_new_member, label: Cost per New Member, type: ratio,
     type_params: {numerator: outreach_spend_usd, denominator: new_members}}
  - {name: budget_attainment, label: Budget Attainment, type: ratio,
     type_params: {numerator: fees_collected, denominator: fee_budget}}
  - {name: renewal_share, label: Renewal Share, type: ratio,
     type_params: {numerator: renewals, denominator: new_members}}
"""
DATA = """
create table club_weeks (club_week_key varchar, week_start date, club varchar,
  outreach_spend_usd double, new_members int, renewals int, fee_budget double, fee_amount double);
insert into club_weeks values
  ('a-1', '2026-02-02', 'north', 300, 2, 1, 100, 80), ('b-1', '2026-02-02', 'south', 150, 1, 1, 50, 60);
"""


@pytest.fixture(scope="module")
def club(yaml_shop):
    return yaml_shop("money_ratio_formats", MODEL, DATA, TODAY)


def test_money_over_a_summed_count_is_an_amount_per_thing(club) -> None:
    formats = {m.name: m.value_format for m in build_catalog(load_model(club.path)).metrics}
    assert formats["cost_per_new_member"] == "number"
    answer = club.ask("cost per new member")
    assert answered_value(answer) == 150
    assert answer.column_formats["cost_per_new_member"] == "number"


def test_money_over_money_and_things_over_things_stay_percents(club) -> None:
    formats = {m.name: m.value_format for m in build_catalog(load_model(club.path)).metrics}
    assert formats["budget_attainment"] == "percent"
    assert formats["renewal_share"] == "percent"
