"""The model's own spelling decides between two metric readings; a "Sum of ..." description
names its metric.

"goals against by team" on a hockey model with "Team Goals Against" and "Team xGoals Against"
was refused as ambiguous: the camelCase split reads "xGoals" as "x goals", whose suffix "goals
against" named both; only the first writes "goals" (``rules.metric_names.spelled_metric``).
"expected goals against by team" matched "expected goals" (another metric) and dropped
"against", a wrong answer; the xGoals metric's description "Sum of expected goals against"
now names it (``vocabulary.described_sums``); 失球 ("goal against" in the glossary) was left
ambiguous the same way. Here a shop with returned orders and returned e-orders ("eOrders",
described as "Sum of electronic orders returned") and its shipping cost and "eShipping" cost.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.semantic_helpers import answer_rows

TODAY = dt.date(2025, 6, 15)

SHOP = """
semantic_models:
  - name: returns
    model: ref('fct_returns')
    defaults:
      agg_time_dimension: returned_on
    entities:
      - {name: return_line, type: primary, expr: return_id}
    dimensions:
      - {name: returned_on, type: time, type_params: {time_granularity: day}}
      - {name: region, type: categorical}
    measures:
      - {name: returned_orders, agg: sum, expr: store_orders}
      - {name: returned_eorders, agg: sum, expr: web_orders}
      - {name: store_profit, agg: sum, expr: profit}
      - {name: web_profit, agg: sum, expr: eprofit}
metrics:
  - {name: store_total_shipping_cost, label: Store Shipping Cost, type: simple,
     type_params: {measure: store_profit}}
  - {name: store_eshipping_cost_total, label: Store eShipping Cost, type: simple,
     type_params: {measure: web_profit}}
  - {name: store_total_orders_returned, label: Store Orders Returned, type: simple,
     type_params: {measure: returned_orders}}
  - {name: store_eorders_returned_total, label: Store eOrders Returned, type: simple,
     description: "Sum of electronic orders returned. Web shop only.",
     type_params: {measure: returned_eorders}}
"""
DATA = """
create table fct_returns as select * from (values
  (1, date '2025-05-02', 'north', 3, 10, 30.0, 1.0), (2, date '2025-05-03', 'south', 4, 1, 5.0, 2.0),
  (3, date '2025-05-04', 'north', 2, 5, 10.0, 4.0)
) t(return_id, returned_on, region, store_orders, web_orders, profit, eprofit);
"""


@pytest.fixture(scope="module")
def shop(yaml_shop):
    return yaml_shop("camel_prefix_shop", SHOP, DATA, TODAY)


def test_the_plain_label_is_not_shadowed_by_its_prefixed_twin(shop) -> None:
    a = shop.ask("orders returned by region")
    assert a.ok, a.error
    assert a.query.metrics == ["store_total_orders_returned"]
    assert sorted(answer_rows(a)) == [("north", 5), ("south", 4)]


def test_the_description_spells_out_an_abbreviated_label(shop) -> None:
    a = shop.ask("electronic orders returned by region")
    assert a.ok, a.error
    assert a.query.metrics == ["store_eorders_returned_total"]
    assert sorted(answer_rows(a)) == [("north", 15), ("south", 1)]


@pytest.mark.parametrize("question", ["shipping cost by region", "各region的运费"])
def test_a_chinese_word_is_spelled_as_its_glossary_english(shop, question) -> None:
    # 运费 renders "shipping cost": only "Store Shipping Cost" spells it ("eShipping" splits only)
    a = shop.ask(question)
    assert a.ok, (question, a.error)
    assert a.query.metrics == ["store_total_shipping_cost"]
    assert sorted(answer_rows(a)) == [("north", 40.0), ("south", 5.0)]
