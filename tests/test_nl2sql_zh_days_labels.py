"""A metric of days in Chinese: the event first, 天数 last (``vocabulary.days_labels_zh``).

English puts the unit first ("Avg Days to First Payment", "Avg Days Late", "Median Days Booking
to Checkout"), Chinese the event first (首次付款的平均天数, 平均延迟天数, 注册到付款天数的中位数),
so word-by-word compounds kept the English order and every such question was refused. On an
invented tool-rental model each answer is checked against the data; the one-word-difference
probes (another aggregation, a negation) must stay refused; another unit (hours) is the days
converted.
"""

from __future__ import annotations

import datetime as dt

from tests.semantic_helpers import answered_value

TODAY = dt.date(2026, 3, 1)

MODEL = """
semantic_models:
  - name: rentals
    model: ref('rentals')
    defaults: {agg_time_dimension: rented_on}
    entities:
      - {name: rental, type: primary, expr: rental_id}
    dimensions:
      - {name: rented_on, type: time, type_params: {time_granularity: day}}
      - {name: depot, type: categorical}
    measures:
      - {name: avg_days_to_first_payment, agg: average, expr: days_to_first_payment}
      - {name: avg_days_late, agg: average, expr: days_late}
      - {name: median_days_signup_to_payment, agg: median, expr: days_signup_to_payment}
metrics:
  - {name: avg_days_to_first_payment, label: Avg Days to First Payment, type: simple,
     type_params: {measure: avg_days_to_first_payment}}
  - {name: avg_days_late, label: Avg Days Late, type: simple,
     type_params: {measure: avg_days_late}}
  - {name: median_days_signup_to_payment, label: Median Days Signup to Payment,
     type: simple, type_params: {measure: median_days_signup_to_payment}}
"""
DATA = """
create table rentals (rental_id int, rented_on date, depot varchar, days_to_first_payment int,
  days_late int, days_signup_to_payment int);
insert into rentals values
  (1, '2026-01-03', 'east', 10, 1, 2), (2, '2026-01-09', 'east', 20, 3, 4),
  (3, '2026-02-02', 'west', 30, 8, 9);
"""


def test_days_metrics_in_chinese_order(yaml_shop) -> None:
    shop = yaml_shop("zh_days_labels", MODEL, DATA, TODAY)
    assert answered_value(shop.ask("首次付款的平均天数")) == 20
    assert answered_value(shop.ask("平均延迟天数")) == 4
    assert answered_value(shop.ask("注册到付款天数的中位数")) == 4
    # the English label answers the same
    assert answered_value(shop.ask("avg days late")) == 4


def test_days_probes(yaml_shop) -> None:
    shop = yaml_shop("zh_days_labels", MODEL, DATA, TODAY)
    assert shop.ask("首次付款的最长天数").refused  # another aggregation: no such metric
    # another unit: the label says days, so hours are the days converted, never the days
    assert answered_value(shop.ask("平均延迟小时数")) == 96
    assert shop.ask("非延迟天数").refused  # a negation names nothing to exclude
