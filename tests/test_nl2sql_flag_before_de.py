"""A yes/no flag named as a noun, then 的 and the metric: a filter on the flag, not a breakdown.

"重复退款的交易笔数" on an external model (is_duplicate_refund 0/1) counted the transactions by
the flag — both sides, the asked count beside every other row's — where the words ask how many
transactions are duplicate refunds (issue #12, session 26). A flag named by an adjective (易碎的
包裹数) was a filter already; one named by a noun phrase before 的 was not. Here on a parcel
depot of our own with an ``is_test_order`` flag (values 0/1).
"""

from __future__ import annotations

import datetime as dt

import pytest

TODAY = dt.date(2026, 5, 1)
DEPOT = """
semantic_models:
  - name: parcels
    model: ref('parcels')
    defaults: {agg_time_dimension: sent_on}
    entities:
      - {name: parcel, type: primary, expr: parcel_id}
    dimensions:
      - {name: sent_on, type: time, type_params: {time_granularity: day}}
      - {name: depot, type: categorical}
      - {name: is_test_order, type: categorical}
    measures:
      - {name: parcel_count, agg: count, expr: parcel_id}
      - {name: postage_total, agg: sum, expr: postage}
metrics:
  - {name: parcels, label: Parcels, description: "Number of parcels.", type: simple,
     type_params: {measure: parcel_count}}
  - {name: postage, label: Postage, description: "Total postage charged.", type: simple,
     type_params: {measure: postage_total}}
"""
DEPOT_DATA = """
create table parcels (parcel_id int, sent_on date, depot varchar, is_test_order int,
  postage double);
insert into parcels values (1, '2026-04-01', 'North', 1, 10), (2, '2026-04-02', 'North', 0, 20),
  (3, '2026-04-03', 'South', 1, 30), (4, '2026-04-04', 'South', 0, 40),
  (5, '2026-04-05', 'East', 0, 50);
"""


@pytest.fixture(scope="module")
def depot(yaml_shop):
    return yaml_shop("depot", DEPOT, DEPOT_DATA, TODAY)


@pytest.mark.parametrize(
    ("question", "value"),
    [
        ("测试订单的包裹数", 2),
        ("测试订单的邮费", 40.0),
        ("非测试订单的包裹数", 3),
    ],
)
def test_a_flag_noun_before_de_filters(depot, question, value):
    a = depot.ask(question)
    assert not a.refused, a.error
    assert a.df.shape == (1, 1), a.interpretation
    assert a.df.iloc[0, 0] == value


def test_a_breakdown_word_still_groups_by_another_dimension(depot):
    a = depot.ask("各depot测试订单的包裹数")
    assert not a.refused, a.error
    assert dict(zip(a.df.iloc[:, 0], a.df.iloc[:, -1], strict=True)) == {"North": 1, "South": 1}
