"""Chinese questions on an English-only model: brand names, class words and values named half
in English (session 16, zhsense16 held-back set).

Found on three public dbt projects with no synonyms (proxy cost savings, mobile attribution,
SaaS account analytics); tested here on a camera-gear rental model of another domain:

- a CC-CEDICT brand written in capitals ("DJI, Chinese technology company") reaches the value:
  大疆 → brand DJI (it was an unknown word);
- a class word right after a value (学生类型) says what kind the value is: never a breakdown by
  another dimension the class word names (类型 → gear category grouped a filtered answer);
- the Chinese after a value's opening English words spells the rest of it: Instagram广告 →
  "Instagram Ads" (广告 was an unknown word); Chinese that spells something else stays unknown.
"""

from __future__ import annotations

import datetime as dt

import pytest

from nl2sql.vocabulary.cedict import gloss_forms
from tests.semantic_helpers import answered_rows

TODAY = dt.date(2026, 5, 1)
GEAR = """
semantic_models:
  - name: rentals
    description: Camera and drone gear sent out for repair (one row per repair job).
    model: ref('rentals')
    defaults: {agg_time_dimension: rented_on}
    entities:
      - {name: customer, type: primary, expr: customer_id}
    dimensions:
      - {name: rented_on, type: time, type_params: {time_granularity: day}}
      - {name: brand, type: categorical}
      - {name: customer_type, type: categorical}
      - {name: gear_category, type: categorical}
      - {name: referral_source, type: categorical}
    measures:
      - {name: rental_rows, agg: count, expr: rental_id}
      - {name: fee_usd, agg: sum}
      - {name: fee_savings_usd, agg: sum}
metrics:
  - name: weekly_repair_count
    label: Weekly Repair Count
    type: simple
    type_params: {measure: rental_rows}
  - name: total_fees
    label: Total Fees
    type: simple
    type_params: {measure: fee_usd}
  - name: total_fee_savings
    label: Total Fee Savings
    type: simple
    type_params: {measure: fee_savings_usd}
"""
GEAR_DATA = """
create table rentals (rental_id int, customer_id int, rented_on date, brand varchar,
  customer_type varchar, gear_category varchar, referral_source varchar, fee_usd double,
  fee_savings_usd double);
insert into rentals values
  (1, 10, '2026-04-01', 'DJI', 'Student', 'Drone', 'Instagram Ads', 40, 4),
  (2, 10, '2026-04-02', 'Canon', 'Student', 'Camera', 'Word of Mouth', 25, 0),
  (3, 11, '2026-04-02', 'DJI', 'Business', 'Drone', 'Instagram Ads', 60, 6),
  (4, 12, '2026-04-03', 'Sony', 'Business', 'Camera', 'Word of Mouth', 30, 3),
  (5, 13, '2026-04-03', 'DJI', 'Student', 'Camera', 'Walk In', 20, 2);
"""


@pytest.fixture(scope="module")
def gear(yaml_shop):
    return yaml_shop("gear", GEAR, GEAR_DATA, TODAY)


def test_brand_in_capitals_reaches_its_value(gear) -> None:
    answer = gear.ask("大疆的总费用")
    assert answered_rows(answer) == [(120.0,)]
    assert "DJI" in answer.interpretation


def test_two_letter_capitals_are_no_name() -> None:
    # "OK, yeah" (嗯) is no name: a status value "OK" must not be reached by it
    assert "ok" not in gloss_forms("OK, yeah")
    assert "dji" in gloss_forms("DJI, Chinese technology company")


@pytest.mark.parametrize("question", ["学生类型客户的费用", "学生类型的费用"])
def test_class_word_after_a_value_is_no_breakdown(gear, question) -> None:
    assert answered_rows(gear.ask(question)) == [(85.0,)]


@pytest.mark.parametrize(
    "question, rows",
    [("Instagram广告的费用", [(100.0,)]), ("来自Instagram广告的总费用", [(100.0,)])],
)
def test_chinese_rest_of_a_partial_value(gear, question, rows) -> None:
    assert answered_rows(gear.ask(question)) == rows


@pytest.mark.parametrize("question", ["Instagram新闻的费用", "Instagram搜索广告的费用"])
def test_chinese_that_spells_no_rest_stays_unknown(gear, question) -> None:
    assert gear.ask(question).refused
