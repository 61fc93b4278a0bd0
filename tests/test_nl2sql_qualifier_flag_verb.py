"""Three readings a business user's wording needed on a model written in English only.

- A qualifier the metric's own description puts before its noun ("Total ad requests" for a
  metric labelled "Total Requests"): "ad requests", 广告请求数 (广告 from the marketing glossary,
  which applies because the model names impressions and clicks) restate the metric
  (``rules.description_qualifiers``); a qualifier the description does not give stays unknown.
- A yes/no flag named by a several-word phrase ("Is Business Hour") asked in Chinese by the
  phrase's sure rendering (营业时间, 工作时间 from the general glossary) selects its rows,
  非营业时间 the others, as "during / outside business hours" does (``rules.flags``).
- A lone verb whose lemma is a word of the metric's own label ("spent" for "Total Spend") names
  that metric in a question naming none (``passes.verb_metric``).

Each answer is checked against the data; each rule has a probe one word away that must stay
refused or right.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.semantic_helpers import answered_pairs, answered_value

TODAY = dt.date(2026, 3, 1)

MODEL = """
semantic_models:
  - name: ad_hours
    model: ref('ad_hours')
    defaults: {agg_time_dimension: hour_ts}
    entities:
      - {name: slot, type: primary, expr: slot_id}
      - {name: line, type: foreign, expr: line_id}
    dimensions:
      - {name: hour_ts, type: time, type_params: {time_granularity: hour}}
      - {name: is_business_hour, type: categorical}
    measures:
      - {name: requests, agg: sum}
      - {name: spend, agg: sum}
      - {name: distance, agg: sum}
      - {name: impressions, agg: sum}
      - {name: clicks, agg: sum}
metrics:
  - {name: total_requests, label: Total Requests, description: Total ad requests across all lines,
     type: simple, type_params: {measure: requests}}
  - {name: total_spend, label: Total Spend, description: Total spend across all lines,
     type: simple, type_params: {measure: spend}}
  - {name: total_distance, label: Total Distance, type: simple, type_params: {measure: distance}}
  - {name: total_impressions, label: Total Impressions, type: simple,
     type_params: {measure: impressions}}
  - {name: total_clicks, label: Total Clicks, type: simple, type_params: {measure: clicks}}
"""
DATA = """
create table ad_hours (slot_id int, line_id int, hour_ts timestamp, is_business_hour int,
  requests int, spend int, distance int, impressions int, clicks int);
insert into ad_hours values
  (1, 1, '2026-02-02 10:00', 1, 100, 30, 5, 90, 3), (2, 1, '2026-02-02 22:00', 0, 40, 10, 1, 35, 1),
  (3, 2, '2026-02-03 11:00', 1, 70, 50, 2, 60, 2), (4, 2, '2026-01-15 03:00', 0, 20, 5, 9, 15, 0);
"""


@pytest.fixture(scope="module")
def shop(yaml_shop):
    return yaml_shop("qualifier_flag_verb", MODEL, DATA, TODAY)


def test_description_qualifier_restates_the_metric(shop) -> None:
    assert answered_value(shop.ask("total ad requests last month")) == 210
    assert answered_value(shop.ask("上个月的广告请求数")) == 210


def test_qualifier_the_description_does_not_give_is_refused(shop) -> None:
    assert shop.ask("video requests last month").refused
    assert shop.ask("total ad spend").refused  # spend's description says no "ad"


def test_chinese_phrase_of_a_flag_selects_its_rows(shop) -> None:
    assert answered_value(shop.ask("营业时间内的请求数")) == 170
    assert answered_value(shop.ask("非营业时间的请求数")) == 60
    assert answered_value(shop.ask("工作时间的花费")) == 80


def test_grouping_by_the_flag_in_chinese_stays_a_grouping(shop) -> None:
    assert answered_pairs(shop.ask("按营业时间统计请求数"), 0) == {"0": 60, "1": 170}


def test_verb_that_is_the_metric_word_names_it(shop) -> None:
    assert answered_value(shop.ask("How much was spent last month?")) == 90
    top = shop.ask("Which line spent the most?")
    assert answered_pairs(top, 0) == {"2": 55}


def test_verb_naming_another_metric_is_no_metric(shop) -> None:
    # "travelled" is no word of "Total Distance": the question stays without a metric
    assert shop.ask("Which line travelled the most?").refused


@pytest.mark.parametrize("question", ["营业时间外的请求数", "营业时间之外的请求数"])
def test_outside_or_negated_is_never_the_yes_side(shop, question) -> None:
    a = shop.ask(question)
    assert a.refused or answered_value(a) == 60


def test_a_negated_description_qualifier_is_refused(shop) -> None:
    # every request is an ad request: "non-ad requests" names nothing the model holds
    assert shop.ask("非广告请求数").refused
    assert shop.ask("non ad requests").refused
