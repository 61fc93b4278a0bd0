"""Chinese words a telecom analyst types on an English-only model (session 30, fresh30).

Found on the public telecom_roaming set, tested on a small mobile-operator model of its own:

* 合作网络 for a ``partner_network`` dimension: 合作 is how Chinese business names a partner
  before a noun (合作银行, 合作商户); CC-CEDICT gives "partner" only as 伙伴, 合作方 … and the
  question was refused for the unknown 合作 (general glossary: ``partner``).
* 流量 for "data usage": the telecom glossary had 流量使用 and 数据用量 but not the word itself.
* "通话事件数超过2次": a count suffix read into the counted noun left the comparison without a
  subject (``passes.thresholds``), while "通话事件超过2次" was answered.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.semantic_helpers import answered_rows

TODAY = dt.date(2026, 12, 7)
MOBILE = """
semantic_models:
  - name: usage
    description: "One row per call or data session on a partner network."
    model: ref('fct_usage')
    defaults: {agg_time_dimension: used_on}
    entities:
      - {name: call_event, type: primary, expr: event_id}
    dimensions:
      - {name: used_on, type: time, type_params: {time_granularity: day}}
      - {name: partner_network, type: categorical}
      - {name: region, type: categorical}
    measures:
      - {name: mb, agg: sum, expr: mb}
      - {name: events, agg: count_distinct, expr: event_id}
metrics:
  - name: total_data_usage
    label: Total Data Usage
    description: "Total data usage, in megabytes."
    type: simple
    type_params: {measure: {name: mb}}
  - name: total_call_events
    label: Total Call Events
    description: "Count of calls and sessions."
    type: simple
    type_params: {measure: {name: events}}
"""
MOBILE_DATA = """
create table fct_usage (event_id int, used_on date, partner_network varchar, region varchar,
  mb double);
insert into fct_usage values
  (1, '2026-11-02', 'Alpha Mobile', 'north', 100.0), (2, '2026-11-03', 'Alpha Mobile', 'south', 50.0),
  (3, '2026-11-04', 'Alpha Mobile', 'north', 25.0), (4, '2026-11-05', 'Beta Tel', 'north', 400.0),
  (5, '2026-11-06', 'Beta Tel', 'south', 0.0);
"""


@pytest.fixture(scope="module")
def mobile(yaml_shop):
    return yaml_shop("mobile_zh", MOBILE, MOBILE_DATA, TODAY)


def test_partner_network_in_chinese(mobile) -> None:
    rows = answered_rows(mobile.ask("各合作网络的事件数"))
    assert sorted(rows) == [("Alpha Mobile", 3), ("Beta Tel", 2)]


def test_liuliang_is_the_data_usage(mobile) -> None:
    assert answered_rows(mobile.ask("上个月的流量")) == [(575.0,)]
    rows = answered_rows(mobile.ask("各合作网络的流量"))
    assert sorted(rows) == [("Alpha Mobile", 175.0), ("Beta Tel", 400.0)]


def test_count_with_its_suffix_before_a_threshold(mobile) -> None:
    assert answered_rows(mobile.ask("通话事件数超过2的地区")) == [("north", 3)]
    assert answered_rows(mobile.ask("通话事件数超过2次的合作网络")) == [("Alpha Mobile", 3)]
