"""A statistic word beside a word two metrics share picks the one it names: 配送时间的中位数.

"起飞延误的中位数" on the flights model (Average and Median Departure Delay both aggregate the
delay column) was refused as "two metrics written as one phrase" (zhsense14 held-back set): the
column word was read as the average, the statistic as the median. The statistic right after
(or before) the shared word, with only 的 between, names the metric; alone, the shared word is
still asked about, and a statistic the model has no metric for is not invented.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.semantic_helpers import answered_rows

TODAY = dt.date(2026, 5, 1)
COURIER = """
semantic_models:
  - name: deliveries
    model: ref('deliveries')
    defaults: {agg_time_dimension: delivered_on}
    entities:
      - {name: delivery, type: primary, expr: delivery_id}
    dimensions:
      - {name: delivered_on, type: time, type_params: {time_granularity: day}}
      - {name: courier, type: categorical}
    measures:
      - {name: delivery_minutes_avg, agg: average, expr: delivery_minutes}
      - {name: delivery_minutes_median, agg: median, expr: delivery_minutes}
      - {name: delivery_count, agg: count, expr: delivery_id}
metrics:
  - {name: average_delivery_time, label: Average Delivery Time, type: simple,
     type_params: {measure: delivery_minutes_avg}}
  - {name: median_delivery_time, label: Median Delivery Time, type: simple,
     type_params: {measure: delivery_minutes_median}}
  - {name: deliveries, label: Deliveries, type: simple, type_params: {measure: delivery_count}}
"""
COURIER_DATA = """
create table deliveries (delivery_id int, delivered_on date, courier varchar,
  delivery_minutes double);
insert into deliveries values (1, '2026-04-01', 'Ana', 10), (2, '2026-04-01', 'Ana', 20),
  (3, '2026-04-02', 'Ben', 30), (4, '2026-04-02', 'Ben', 100);
"""


@pytest.fixture(scope="module")
def courier(yaml_shop):
    return yaml_shop("courier", COURIER, COURIER_DATA, TODAY)


@pytest.mark.parametrize("question", ["delivery time median", "配送时间的中位数", "配送时间中位数"])
def test_statistic_after_the_shared_word_names_the_metric(courier, question) -> None:
    assert answered_rows(courier.ask(question)) == [(25.0,)]


@pytest.mark.parametrize(
    "question", ["delivery time", "配送时间", "配送时间的最大值", "配送时间和中位数"]
)
def test_shared_word_without_its_statistic_is_still_asked(courier, question) -> None:
    assert courier.ask(question).refused
