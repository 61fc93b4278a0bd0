"""Conditions on a thing's own amount said with "worth", and "an hour" as a number.

"orders worth over $20" was refused ("worth" unknown) although "orders over $20" is a row
filter on the orders' amount column (``rules.money``): "worth" only introduces the value, as
"with a value of" does. "average duration over an hour" was refused ("'over' needs a number"):
after a comparison the article is one of the unit ("an hour" = 1 hour, then converted to the
metric's unit). Domains: a shop's orders, a hotel's bookings, a car park's sessions.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.semantic_helpers import answer_rows

TODAY = dt.date(2026, 7, 2)
SHOP = """
semantic_models:
  - name: orders
    model: ref('orders')
    defaults: {agg_time_dimension: ordered_on}
    entities:
      - {name: order, type: primary, expr: order_id}
    dimensions:
      - {name: ordered_on, type: time, type_params: {time_granularity: day}}
      - {name: order_amount, type: categorical, expr: amount}
    measures:
      - {name: order_count, agg: count, expr: order_id}
      - {name: amount, agg: sum, expr: amount}
metrics:
  - {name: orders, label: Orders, type: simple, type_params: {measure: order_count}}
  - {name: revenue, label: Revenue, type: simple, type_params: {measure: amount}}
"""
SHOP_DATA = """
create table orders (order_id int, ordered_on date, amount int);
insert into orders values (1, '2026-06-01', 30), (2, '2026-06-02', 10), (3, '2026-06-03', 50),
  (4, '2026-06-04', 5);
"""
HOTEL = """
semantic_models:
  - name: bookings
    model: ref('bookings')
    defaults: {agg_time_dimension: booked_on}
    entities:
      - {name: booking, type: primary, expr: booking_id}
    dimensions:
      - {name: booked_on, type: time, type_params: {time_granularity: day}}
      - {name: booking_value, type: categorical, expr: price}
    measures:
      - {name: booking_count, agg: count, expr: booking_id}
      - {name: price, agg: sum, expr: price}
metrics:
  - {name: bookings, label: Bookings, type: simple, type_params: {measure: booking_count}}
  - {name: sales, label: Sales, type: simple, type_params: {measure: price}}
"""
HOTEL_DATA = """
create table bookings (booking_id int, booked_on date, price int);
insert into bookings values (1, '2026-06-01', 300), (2, '2026-06-02', 90), (3, '2026-06-03', 120);
"""
PARKING = """
semantic_models:
  - name: sessions
    model: ref('sessions')
    defaults: {agg_time_dimension: started_on}
    entities:
      - {name: session, type: primary, expr: session_id}
      - {name: lot, type: foreign, expr: lot}
    dimensions:
      - {name: started_on, type: time, type_params: {time_granularity: day}}
    measures:
      - {name: minutes, agg: average, expr: minutes}
metrics:
  - name: average_duration
    label: Average Duration
    type: simple
    type_params: {measure: minutes}
    config: {meta: {unit: minutes}}
"""
PARKING_DATA = """
create table sessions (session_id int, started_on date, lot varchar, minutes int);
insert into sessions values (1, '2026-06-01', 'A', 30), (2, '2026-06-02', 'A', 50),
  (3, '2026-06-03', 'B', 90), (4, '2026-06-04', 'B', 100), (5, '2026-06-05', 'C', 70);
"""


@pytest.fixture(scope="module")
def shop(yaml_shop):
    return yaml_shop("worth_shop", SHOP, SHOP_DATA, TODAY)


@pytest.fixture(scope="module")
def hotel(yaml_shop):
    return yaml_shop("worth_hotel", HOTEL, HOTEL_DATA, TODAY)


@pytest.fixture(scope="module")
def parking(yaml_shop):
    return yaml_shop("worth_parking", PARKING, PARKING_DATA, TODAY)


@pytest.mark.parametrize(
    "question", ["how many orders worth over $20", "orders worth more than 20 dollars"]
)
def test_orders_worth(shop, question) -> None:
    a = shop.ask(question)
    assert a.ok, (question, a.error)
    assert [(f.dimension, f.op) for f in a.query.filters] == [("order__order_amount", ">")]
    assert answer_rows(a) == [(2,)]


def test_bookings_worth(hotel) -> None:
    a = hotel.ask("how many bookings worth over $100")
    assert a.ok, a.error
    assert answer_rows(a) == [(2,)]


@pytest.mark.parametrize(
    ("question", "rows"),
    [
        ("lots with average duration over an hour", [("B", 95), ("C", 70)]),
        ("lots with average duration under a day", [("A", 40), ("B", 95), ("C", 70)]),
    ],
)
def test_an_hour_is_one_hour(parking, question, rows) -> None:
    a = parking.ask(question)
    assert a.ok, (question, a.error)
    assert answer_rows(a) == rows
