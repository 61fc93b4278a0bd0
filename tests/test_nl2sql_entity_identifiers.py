"""An entity named alone, then a whole number: "campaign 7" is that entity's id (a filter).

Why: on a model whose rows carry an entity keyed by an identifier column (``campaign_id``,
``store_no``) and no name for it, users say "clicks for campaign 7" or 广告活动12的点击率; the
number was left over and the question refused ("I don't know what the number '7' refers to").
The identifier pass now reads ``<entity> <whole number>`` as ``entity = number`` when the
entity's key column ends in an identifier head. Probes, each one word from an answered
question: a number before the noun stays a top-N, a number followed by a unit ("campaign 7
days") is no id, an entity keyed by a non-identifier column is not read, and two ids of one
entity are summed together or, when compared, shown side by side.

The industry glossary (``glossary_zh_domains.yml``, marketing) gained the standard Chinese of
an ad campaign (广告活动), of impressions (展示量, 展示次数) and of viewability (可见率):
answered on the same small model, checked against the data.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.semantic_helpers import answered_pairs, answered_value

TODAY = dt.date(2026, 3, 1)

MODEL = """
semantic_models:
  - name: ad_delivery
    model: ref('ad_delivery')
    defaults: {agg_time_dimension: served_on}
    entities:
      - {name: delivery, type: primary, expr: delivery_id}
      - {name: campaign, type: foreign, expr: campaign_id}
      - {name: region, type: foreign, expr: region}
    dimensions:
      - {name: served_on, type: time, type_params: {time_granularity: day}}
    measures:
      - {name: clicks, agg: sum}
      - {name: impressions, agg: sum}
      - {name: viewable_impressions, agg: sum}
metrics:
  - {name: total_clicks, label: Total Clicks, type: simple, type_params: {measure: clicks}}
  - {name: total_impressions, label: Total Impressions, type: simple,
     type_params: {measure: impressions}}
  - {name: total_viewable_impressions, label: Total Viewable Impressions, type: simple,
     type_params: {measure: viewable_impressions}}
  - name: viewability_rate
    label: Viewability Rate
    type: ratio
    type_params: {numerator: total_viewable_impressions, denominator: total_impressions}
"""
DATA = """
create table ad_delivery (delivery_id int, campaign_id int, region varchar, served_on date, clicks int,
  impressions int, viewable_impressions int);
insert into ad_delivery values
  (1, 3, 'north', '2026-02-02', 10, 100, 90), (2, 3, 'south', '2026-02-03', 5, 50, 40),
  (3, 5, 'north', '2026-02-02', 7, 80, 60), (4, 7, 'south', '2026-02-04', 1, 40, 10),
  (5, 7, 'north', '2026-01-20', 2, 60, 30);
"""


@pytest.fixture(scope="module")
def ads(yaml_shop):
    return yaml_shop("ad_ids", MODEL, DATA, TODAY)


def test_entity_then_number_filters_that_entity(ads) -> None:
    assert answered_value(ads.ask("clicks for campaign 3")) == 15
    assert answered_value(ads.ask("What's the viewability rate for campaign 7?"), 4) == 0.4
    assert answered_value(ads.ask("campaign 7 clicks last month")) == 1


def test_two_ids_of_one_entity_sum_or_compare(ads) -> None:
    assert answered_value(ads.ask("clicks for campaign 3 and campaign 5")) == 22
    assert answered_pairs(ads.ask("compare clicks of campaign 3 and campaign 7"), 0) == {
        "3": 15,
        "7": 3,
    }


def test_chinese_entity_number_and_marketing_words(ads) -> None:
    assert answered_value(ads.ask("广告活动3的点击量")) == 15
    assert answered_value(ads.ask("广告活动5的展示量")) == 80
    assert answered_value(ads.ask("广告活动7的展示次数")) == 100
    assert answered_pairs(ads.ask("各广告活动的可见率"), 2) == {"3": 0.87, "5": 0.75, "7": 0.4}


def test_number_before_the_noun_stays_a_top_n(ads) -> None:
    a = ads.ask("top 2 campaigns by clicks")
    assert answered_pairs(a, 0) == {"3": 15, "5": 7}


def test_number_of_a_unit_is_no_id(ads) -> None:
    a = ads.ask("clicks for campaign 7 days")
    assert a.refused
    assert "7" in a.error


def test_entity_keyed_by_a_plain_column_is_not_read(ads) -> None:
    # `region` is keyed by its name, not an id: "region 3" names nothing
    assert ads.ask("clicks for region 3").refused


@pytest.mark.parametrize("question", ["clicks excluding campaign 7", "除了广告活动7以外的点击量"])
def test_an_excluded_id_is_never_read_as_that_id(ads, question) -> None:
    a = ads.ask(question)
    assert a.refused or answered_value(a) == 22  # every campaign but 7 (25 - 3)
