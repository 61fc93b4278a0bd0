"""A percent word and the model's own percentages: "bounce percentage", "conversion percentage".

Two shapes found on a public hockey project (zhsense15 held-back set), tested here on web traffic:

* a percent word right after a metric kept in percent ("Average Bounce %") is that metric's own
  unit: "bounce percentage" was read as a share of total of the average and refused;
* "conversion percentage by channel" was answered as each channel's share of Total Conversions
  while the model has "CVR %", described as "Conversion percentage: ..." — the owner's number,
  a different one. Its label's words are not said, so it is not read either: the question is
  refused with it offered. A share of a metric no percentage describes is still derived.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.semantic_helpers import answered_rows

TODAY = dt.date(2026, 5, 1)
TRAFFIC = """
semantic_models:
  - name: visits
    model: ref('visits')
    defaults: {agg_time_dimension: visited_on}
    entities:
      - {name: visit, type: primary, expr: visit_id}
    dimensions:
      - {name: visited_on, type: time, type_params: {time_granularity: day}}
      - {name: channel, type: categorical}
    measures:
      - {name: visit_count, agg: count, expr: visit_id}
      - {name: conversions, agg: sum, expr: conversions}
      - {name: bounce_pct, agg: average, expr: bounce_pct}
metrics:
  - {name: total_visits, label: Total Visits, type: simple, type_params: {measure: visit_count}}
  - {name: total_conversions, label: Total Conversions, type: simple,
     type_params: {measure: conversions}}
  - {name: avg_bounce_pct, label: Average Bounce %, type: simple, type_params: {measure: bounce_pct}}
  - name: cvr_pct
    label: CVR %
    description: "Conversion percentage: conversions / visits x 100."
    type: derived
    type_params:
      expr: total_conversions * 100.0 / total_visits
      metrics: [{name: total_conversions}, {name: total_visits}]
"""
TRAFFIC_DATA = """
create table visits (visit_id int, visited_on date, channel varchar, conversions int,
  bounce_pct double);
insert into visits values (1, '2026-04-01', 'search', 1, 40.0), (2, '2026-04-01', 'search', 0, 60.0),
  (3, '2026-04-02', 'email', 1, 20.0), (4, '2026-04-02', 'search', 2, 30.0);
"""


@pytest.fixture(scope="module")
def traffic(yaml_shop):
    return yaml_shop("traffic", TRAFFIC, TRAFFIC_DATA, TODAY)


@pytest.mark.parametrize(
    "question", ["bounce percentage", "average bounce percentage", "bounce百分比"]
)
def test_percent_word_after_a_percent_metric_is_its_unit(traffic, question) -> None:
    assert answered_rows(traffic.ask(question)) == [(37.5,)]


def test_percent_metric_by_a_dimension(traffic) -> None:
    rows = sorted(answered_rows(traffic.ask("bounce percentage by channel")))
    assert rows == [("email", 20.0), ("search", pytest.approx(43.333, abs=1e-3))]


@pytest.mark.parametrize(
    "question",
    ["conversion percentage by channel", "各渠道的conversion百分比", "conversion percentage"],
)
def test_share_described_by_a_model_percentage_is_refused(traffic, question) -> None:
    answer = traffic.ask(question)
    assert answer.refused
    assert "CVR %" in answer.error


def test_share_of_another_metric_is_still_derived(traffic) -> None:
    rows = sorted(answered_rows(traffic.ask("visits percentage by channel")))
    assert rows == [("email", 1, 0.25), ("search", 3, 0.75)]
