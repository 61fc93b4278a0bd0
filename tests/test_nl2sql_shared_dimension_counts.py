"""A dimension two semantic models both carry, grouped for the counts of two nouns.

dbt models often copy a column onto each fact (a claim's and its policy's `state`). "number of
claims and policies by state" was refused as "'state' is ambiguous: state or state": the
grouping was read before the counts were known. The counts of the nouns after "how many" now
take part, and the one copy both counts reach is used.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.semantic_helpers import answer_rows

TODAY = dt.date(2026, 7, 2)
RETAIL = """
semantic_models:
  - name: orders
    model: ref('orders')
    defaults: {agg_time_dimension: ordered_on}
    entities:
      - {name: order, type: primary, expr: order_id}
    dimensions:
      - {name: ordered_on, type: time, type_params: {time_granularity: day}}
      - {name: region, type: categorical}
    measures:
      - {name: order_count, agg: count, expr: order_id}
  - name: returns
    model: ref('returns')
    defaults: {agg_time_dimension: returned_on}
    entities:
      - {name: return, type: primary, expr: return_id}
      - {name: order, type: foreign, expr: order_id}
    dimensions:
      - {name: returned_on, type: time, type_params: {time_granularity: day}}
      - {name: region, type: categorical}
    measures:
      - {name: return_count, agg: count, expr: return_id}
metrics:
  - {name: order_count, label: Order Count, type: simple, type_params: {measure: order_count}}
  - {name: return_count, label: Return Count, type: simple, type_params: {measure: return_count}}
"""
RETAIL_DATA = """
create table orders (order_id int, ordered_on date, region varchar);
insert into orders values (1, '2026-06-01', 'east'), (2, '2026-06-02', 'east'), (3, '2026-06-03', 'west');
create table returns (return_id int, order_id int, returned_on date, region varchar);
insert into returns values (10, 1, '2026-06-05', 'east'), (11, 3, '2026-06-06', 'west'),
  (12, 2, '2026-06-07', 'east');
"""
SUPPORT = """
semantic_models:
  - name: tickets
    model: ref('tickets')
    defaults: {agg_time_dimension: opened_on}
    entities:
      - {name: ticket, type: primary, expr: ticket_id}
    dimensions:
      - {name: opened_on, type: time, type_params: {time_granularity: day}}
      - {name: team, type: categorical}
    measures:
      - {name: ticket_count, agg: count, expr: ticket_id}
  - name: calls
    model: ref('calls')
    defaults: {agg_time_dimension: called_on}
    entities:
      - {name: call, type: primary, expr: call_id}
      - {name: ticket, type: foreign, expr: ticket_id}
    dimensions:
      - {name: called_on, type: time, type_params: {time_granularity: day}}
      - {name: team, type: categorical}
    measures:
      - {name: call_count, agg: count, expr: call_id}
metrics:
  - {name: ticket_count, label: Ticket Count, type: simple, type_params: {measure: ticket_count}}
  - {name: call_count, label: Call Count, type: simple, type_params: {measure: call_count}}
"""
SUPPORT_DATA = """
create table tickets (ticket_id int, opened_on date, team varchar);
insert into tickets values (1, '2026-06-01', 'billing'), (2, '2026-06-02', 'tech');
create table calls (call_id int, ticket_id int, called_on date, team varchar);
insert into calls values (1, 1, '2026-06-01', 'billing'), (2, 1, '2026-06-02', 'billing'),
  (3, 2, '2026-06-03', 'tech');
"""


@pytest.fixture(scope="module")
def retail(yaml_shop):
    return yaml_shop("shared_retail", RETAIL, RETAIL_DATA, TODAY)


@pytest.fixture(scope="module")
def support(yaml_shop):
    return yaml_shop("shared_support", SUPPORT, SUPPORT_DATA, TODAY)


def test_two_counts_by_a_shared_dimension(retail) -> None:
    a = retail.ask("number of orders and returns by region")
    assert a.ok, a.error
    assert a.query.metrics == ["order_count", "return_count"]
    assert a.query.group_by == ["order__region"]
    assert answer_rows(a) == [("east", 2, 2), ("west", 1, 1)]


def test_on_another_model(support) -> None:
    a = support.ask("how many tickets and calls by team")
    assert a.ok, a.error
    assert a.query.metrics == ["ticket_count", "call_count"]
    assert answer_rows(a) == [("billing", 1, 2), ("tech", 1, 1)]
