"""A Chinese word written onto a value that names the value's dimension joins the value.

A public parking-operations project buckets sessions by time of day; 下午时段的停车次数 ("the
afternoon time slot's sessions") was refused, "I don't know 时段", though 时段 ("time slot")
only says what kind of value 下午 is. Original model: a grocer's deliveries by time window.
"""

from __future__ import annotations

import datetime as dt

import pytest

TODAY = dt.date(2025, 6, 30)
GROCER = """
semantic_models:
  - name: orders
    model: ref('orders')
    defaults: {agg_time_dimension: ordered_on}
    entities:
      - {name: order, type: primary, expr: order_id}
    dimensions:
      - {name: ordered_on, type: time, type_params: {time_granularity: day}}
      - {name: delivery_time_window, type: categorical}
    measures:
      - {name: order_count, agg: count, expr: order_id}
metrics:
  - {name: orders, label: Orders, type: simple, type_params: {measure: order_count}}
"""
GROCER_DATA = """
create table orders (order_id int, ordered_on date, delivery_time_window varchar);
insert into orders values (1, '2025-03-01', 'morning'), (2, '2025-03-01', 'evening'),
  (3, '2025-03-02', 'morning'), (4, '2025-03-03', 'evening'), (5, '2025-03-04', 'evening');
"""


@pytest.fixture(scope="module")
def grocer(yaml_shop):
    return yaml_shop("zh_value_restated_grocer", GROCER, GROCER_DATA, TODAY)


def test_a_word_naming_the_values_dimension_joins_the_value(grocer) -> None:
    a = grocer.ask("上午时段的订单数")
    assert not a.refused, a.error
    assert int(a.df.iloc[0, -1]) == 2
    assert "delivery_time_window" in a.sql


def test_any_other_word_after_the_value_stays_unknown(grocer) -> None:
    assert grocer.ask("上午活动的订单数").refused
