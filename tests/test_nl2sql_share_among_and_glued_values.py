"""Two readings the industry glossary exposed, once more Chinese words reached the models.

- "A中B的占比": the value before 中 is the population the share of B is taken in. Read as the
  share's subject, "JFK出发航班中取消航班的占比" answered JFK's share of all cancelled flights
  where the cancelled share of JFK's flights was asked.
- An English grammar word written onto Chinese with no space ("us房源的预订数") is a value,
  never the pronoun: dropped, the bookings of every country were answered.

Tests on a flights model, a support desk, an orders model and a customers model.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.semantic_helpers import answered_value

TODAY = dt.date(2026, 5, 1)

FLIGHTS = """
semantic_models:
  - name: flights
    model: ref('flights')
    defaults: {agg_time_dimension: flown_on}
    entities:
      - {name: flight, type: primary, expr: flight_id}
    dimensions:
      - {name: flown_on, type: time, type_params: {time_granularity: day}}
      - {name: origin_airport, type: categorical}
    measures:
      - {name: flight_count, agg: count, expr: flight_id}
      - {name: cancelled_count, agg: sum, expr: "case when cancelled then 1 else 0 end"}
metrics:
  - {name: flights, label: Flights, type: simple, type_params: {measure: flight_count}}
  - {name: cancelled_flights, label: Cancelled Flights, type: simple,
     type_params: {measure: cancelled_count}}
"""
FLIGHTS_DATA = """
create table flights (flight_id int, flown_on date, origin_airport varchar, cancelled boolean);
insert into flights values (1, '2026-04-01', 'JFK', true), (2, '2026-04-01', 'JFK', false),
  (3, '2026-04-01', 'JFK', false), (4, '2026-04-01', 'JFK', false),
  (5, '2026-04-02', 'LGA', true), (6, '2026-04-02', 'LGA', true);
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
      - {name: channel, type: categorical}
      - {name: severity, type: categorical}
      - {name: assignee, type: categorical}
    measures:
      - {name: ticket_count, agg: count, expr: ticket_id}
      - {name: resolved_count, agg: sum, expr: "case when resolved then 1 else 0 end"}
metrics:
  - {name: tickets, label: Tickets, type: simple, type_params: {measure: ticket_count}}
  - {name: resolved_tickets, label: Resolved tickets, type: simple,
     type_params: {measure: resolved_count}}
"""
SUPPORT_DATA = """
create table tickets (ticket_id int, opened_on date, channel varchar, severity varchar,
  assignee varchar, resolved boolean);
insert into tickets values (1, '2026-04-01', 'email', 'high', 'ann', true),
  (2, '2026-04-01', 'email', 'low', 'ann', false), (3, '2026-04-02', 'chat', 'low', 'bo', true),
  (4, '2026-04-02', 'chat', 'low', 'bo', true);
"""

ORDERS = """
semantic_models:
  - name: orders
    model: ref('orders')
    defaults: {agg_time_dimension: ordered_on}
    entities:
      - {name: order, type: primary, expr: order_id}
      - {name: customer, type: foreign, expr: customer_id}
    dimensions:
      - {name: ordered_on, type: time, type_params: {time_granularity: day}}
      - {name: country, type: categorical}
      - {name: state, type: categorical}
    measures:
      - {name: order_count, agg: count, expr: order_id}
      - {name: customer_count, agg: count_distinct, expr: customer_id}
metrics:
  - {name: orders, label: Orders, type: simple, type_params: {measure: order_count}}
  - {name: customers, label: Customers, type: simple, type_params: {measure: customer_count}}
"""
ORDERS_DATA = """
create table orders (order_id int, customer_id int, ordered_on date, country varchar,
  state varchar);
insert into orders values (1, 1, '2026-04-01', 'us', 'or'), (2, 2, '2026-04-01', 'us', 'wa'),
  (3, 3, '2026-04-01', 'ca', 'bc'), (4, 1, '2026-04-02', 'us', 'or');
"""


@pytest.fixture(scope="module")
def flights(yaml_shop):
    return yaml_shop("among_flights", FLIGHTS, FLIGHTS_DATA, TODAY)


@pytest.fixture(scope="module")
def support(yaml_shop):
    return yaml_shop("among_support", SUPPORT, SUPPORT_DATA, TODAY)


@pytest.fixture(scope="module")
def orders(yaml_shop):
    return yaml_shop("glued_orders", ORDERS, ORDERS_DATA, TODAY)


def test_a_share_among_a_value_is_taken_in_that_value(flights) -> None:
    """1 of JFK's 4 flights was cancelled: 25 %, not JFK's 1 of 3 cancelled flights."""
    assert answered_value(flights.ask("JFK出发航班中取消航班的占比"), 4) == 0.25


def test_a_share_among_a_value_on_a_support_desk(support) -> None:
    """1 of the 2 email tickets is resolved: 50 %, not email's 1 of 3 resolved tickets."""
    assert answered_value(support.ask("email渠道中已解决工单的占比"), 4) == 0.5


def test_a_grammar_word_glued_to_chinese_is_a_value(orders) -> None:
    a = orders.ask("us的订单数")
    assert not a.refused, a.error
    assert int(a.df.iloc[0, -1]) == 3
    b = orders.ask("or的客户数")
    assert not b.refused, b.error
    assert int(b.df.iloc[0, -1]) == 1


def test_a_grammar_word_in_english_stays_grammar(orders) -> None:
    a = orders.ask("show us orders")
    assert not a.refused, a.error
    assert int(a.df.iloc[0, -1]) == 4
