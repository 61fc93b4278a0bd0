"""未 / 没有 / 从未 before a yes/no flag's word negate the flag: 未付款的包裹 = parcels not paid for.

Chinese negates a state with 未 ("not yet") and 没有 ("did not"), not only with 非 / 不是. On an
English-only model the flag's word came from the dictionary (付款 for ``is_paid``), but 未 was
unknown and 没有 was read as an absence ("没有订单的客户") that found no noun: "未取消的航班有多少"
and "没有被取消的航班的平均飞行距离" were refused on the flights model (zhsense14 held-back
set). Before anything that is not one side of a yes/no flag the words keep their old readings:
an unread 未 is refused, 没有 + noun + 的 is still the absence shape.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.semantic_helpers import answered_rows

TODAY = dt.date(2026, 5, 1)
PARCELS = """
semantic_models:
  - name: parcels
    model: ref('parcels')
    defaults: {agg_time_dimension: booked_on}
    entities:
      - {name: parcel, type: primary, expr: parcel_id}
    dimensions:
      - {name: booked_on, type: time, type_params: {time_granularity: day}}
      - {name: depot, type: categorical}
      - {name: is_paid, type: categorical}
      - {name: is_approved, type: categorical}
      - {name: is_insured, type: categorical}
    measures:
      - {name: parcel_count, agg: count, expr: parcel_id}
      - {name: weight_avg, agg: average, expr: weight_kg}
metrics:
  - {name: parcels, label: Parcels, type: simple, type_params: {measure: parcel_count}}
  - {name: average_weight, label: Average Weight, type: simple,
     type_params: {measure: weight_avg}}
"""
PARCELS_DATA = """
create table parcels (parcel_id int, booked_on date, depot varchar, shipped_at date,
  weight_kg double, is_paid boolean, is_approved boolean, is_insured boolean);
insert into parcels values (1, '2026-04-01', 'Leeds', '2026-04-02', 2, true, true, true),
  (2, '2026-04-02', 'Leeds', null, 4, false, false, false), (3, '2026-04-03', 'York', '2026-04-04', 6, true, true, true),
  (4, '2026-04-04', 'York', null, 8, false, false, false), (5, '2026-04-05', 'York', '2026-04-06', 10, true, true, true);
"""


@pytest.fixture(scope="module")
def parcels(yaml_shop):
    return yaml_shop("parcels", PARCELS, PARCELS_DATA, TODAY)


@pytest.mark.parametrize(
    "question",
    [
        "未付款的包裹有多少",
        "尚未付款的包裹数量",
        "没有付款的包裹有多少",
        "没有被批准的包裹数量",
        "从未批准的包裹数",
        "没有保险的包裹数",
    ],
)
def test_not_yet_before_a_flag_selects_its_other_side(parcels, question) -> None:
    assert answered_rows(parcels.ask(question)) == [(2,)]


def test_not_yet_flag_filters_another_metric(parcels) -> None:
    assert answered_rows(parcels.ask("没有付款的包裹的平均重量")) == [(6.0,)]
    assert answered_rows(parcels.ask("未批准的包裹的平均重量")) == [(6.0,)]
    assert answered_rows(parcels.ask("已付款的包裹有多少")) == [(3,)]


@pytest.mark.parametrize("question", ["未按时的包裹有多少", "没有Leeds的包裹数量"])
def test_not_yet_before_anything_else_stays_refused(parcels, question) -> None:
    assert parcels.ask(question).refused
