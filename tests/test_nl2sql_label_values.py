"""A value named right before a metric whose label holds that value's words is the label's.

An invented bicycle courier keeps "Parcel Tracking Code Coverage" (the share of parcels matched
to a tracking code) and a match-method dimension whose values include ``tracking_code``.
"tracking code的覆盖率" read the value as a filter and the coverage of the parcels matched by
tracking code was 100 % — a wrong answer (issue #12, found as 订单参考的覆盖率 on a logistics
project). The value's words lie inside the metric's label, so they repeat it and the coverage
is asked as defined. One-word-difference probes: another value before the metric stays a
filter, and the value before a metric whose label does not hold it stays a filter.
"""

from __future__ import annotations

import datetime as dt

import pytest

from nl2sql.rules.passes.label_values import inside
from tests.semantic_helpers import answered_value

TODAY = dt.date(2026, 10, 1)

MODEL = """
semantic_models:
  - name: courier_parcels
    model: ref('courier_parcels')
    defaults: {agg_time_dimension: sent_on}
    entities:
      - {name: parcel, type: primary, expr: parcel_id}
    dimensions:
      - {name: sent_on, type: time, type_params: {time_granularity: day}}
      - {name: match_method, type: categorical}
    measures:
      - {name: parcels_matched, agg: count, expr: "case when has_tracking then parcel_id end"}
      - {name: parcels_all, agg: count, expr: parcel_id}
metrics:
  - {name: tracked_parcels, label: Tracked Parcels, type: simple,
     type_params: {measure: parcels_matched}}
  - {name: parcel_count, label: Parcel Count, type: simple, type_params: {measure: parcels_all}}
  - {name: tracking_code_coverage_rate, label: Parcel Tracking Code Coverage, type: ratio,
     type_params: {numerator: tracked_parcels, denominator: parcel_count}}
"""
DATA = """
create table courier_parcels (parcel_id int, sent_on date, match_method varchar,
  has_tracking boolean);
insert into courier_parcels values
  (1, '2026-09-01', 'tracking_code', true), (2, '2026-09-01', 'tracking_code', true),
  (3, '2026-09-02', 'tracking_code', true), (4, '2026-09-02', 'sender_name', false),
  (5, '2026-09-03', 'sender_name', true);
"""


@pytest.fixture(scope="module")
def courier(yaml_shop):
    return yaml_shop("label_values", MODEL, DATA, TODAY)


@pytest.mark.parametrize("question", ["tracking code的覆盖率", "tracking code覆盖率"])
def test_a_value_repeating_the_label_is_not_a_filter(courier, question: str) -> None:
    a = courier.ask(question)
    assert answered_value(a, 3) == 0.8, a.interpretation  # 4 of 5 parcels, not 100 %
    assert not a.query.filters


def test_another_value_before_the_metric_stays_a_filter(courier) -> None:
    a = courier.ask("sender name的覆盖率")
    assert answered_value(a, 3) == 0.5, a.interpretation
    assert [f.values for f in a.query.filters] == [["sender_name"]]


def test_the_value_before_a_metric_not_holding_it_stays_a_filter(courier) -> None:
    assert answered_value(courier.ask("tracking code的parcel count")) == 3


def test_inside_needs_a_shorter_run() -> None:
    assert inside(("tracking", "code"), ("parcel", "tracking", "code", "coverage"))
    assert not inside(("code", "tracking"), ("parcel", "tracking", "code", "coverage"))
