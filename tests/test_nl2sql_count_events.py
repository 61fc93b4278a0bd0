"""Counts of one thing on different events: "orders *delivered*" vs "orders *placed*".

dbt models count one entity on several dates, each metric labelled by its event ("The number
of orders placed." on the order date, "... delivered." on the delivery date). Both count the
entity's key, so "how many orders" alone was refused as ambiguous even when the question said
the event, and a status value spelled like the event ("delivered", "returned") could become a
filter instead (``nl2sql.rules.count_events``). A label's counting phrase is dropped to name
the metric ("orders delivered per month", ``nl2sql.vocabulary.label_cores``), and a filtered
copy of a metric ("express orders delivered") is not what its plain words ask
(``nl2sql.rules.metric_kinds``). Two domains: parcels and library loans.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.semantic_helpers import answer_rows, rows_in_order

TODAY = dt.date(2026, 7, 2)
SHIP = """
semantic_models:
  - name: orders
    model: ref('orders')
    entities:
      - {name: order, type: primary, expr: order_id}
    dimensions:
      - {name: order_placed_on, type: time, type_params: {time_granularity: day}}
      - {name: order_delivered_on, type: time, type_params: {time_granularity: day}}
      - {name: status, type: categorical}
      - {name: service, type: categorical}
    measures:
      - {name: orders_placed, agg: count_distinct, expr: order_id, agg_time_dimension: order_placed_on}
      - {name: orders_delivered, agg: count_distinct, expr: order_id, agg_time_dimension: order_delivered_on}
metrics:
  - {name: placed_volume, label: "The number of orders placed.", type: simple, type_params: {measure: orders_placed}}
  - {name: delivered_volume, label: "The number of orders delivered.", type: simple, type_params: {measure: orders_delivered}}
  - name: express_delivered_volume
    label: "The number of express orders delivered"
    type: simple
    type_params:
      measure:
        name: orders_delivered
        filter: "{{ Dimension('order__service') }} = 'express'"
"""
SHIP_DATA = """
create table orders (order_id int, order_placed_on date, order_delivered_on date, status varchar, service varchar);
insert into orders values
 (1, '2026-05-28', '2026-06-02', 'delivered', 'express'),
 (2, '2026-06-03', '2026-06-05', 'delivered', 'standard'),
 (3, '2026-06-20', '2026-07-01', 'delivered', 'standard'),
 (4, '2026-06-25', null, 'placed', 'express'),
 (5, '2026-06-29', null, 'placed', 'standard');
"""
LIBRARY = """
semantic_models:
  - name: loans
    model: ref('loans')
    entities:
      - {name: loan, type: primary, expr: loan_id}
    dimensions:
      - {name: loan_issued_on, type: time, type_params: {time_granularity: day}}
      - {name: loan_returned_on, type: time, type_params: {time_granularity: day}}
      - {name: status, type: categorical}
      - {name: branch, type: categorical}
    measures:
      - {name: loans_issued, agg: count, expr: loan_id, agg_time_dimension: loan_issued_on}
      - {name: loans_returned, agg: count, expr: loan_id, agg_time_dimension: loan_returned_on}
metrics:
  - {name: issued, label: Number of loans issued, type: simple, type_params: {measure: loans_issued}}
  - name: returned
    label: Number of loans returned
    type: simple
    type_params: {measure: loans_returned}
"""
LIBRARY_DATA = """
create table loans (loan_id int, loan_issued_on date, loan_returned_on date, status varchar,
                    branch varchar);
insert into loans values
 (1, '2026-04-10', '2026-05-02', 'returned', 'north'),
 (2, '2026-04-20', '2026-05-15', 'returned', 'south'),
 (3, '2026-05-03', null, 'on loan', 'north'),
 (4, '2026-05-09', null, 'overdue', 'north'),
 (5, '2026-05-30', '2026-06-04', 'returned', 'south');
"""


@pytest.fixture(scope="module")
def ship(yaml_shop):
    return yaml_shop("count_events_ship", SHIP, SHIP_DATA, TODAY)


@pytest.fixture(scope="module")
def library(yaml_shop):
    return yaml_shop("count_events_library", LIBRARY, LIBRARY_DATA, TODAY)


@pytest.mark.parametrize(
    ("question", "metric", "rows"),
    [
        # the event after the noun picks the count on its date; "delivered" is no status filter
        ("How many orders were delivered in June 2026?", "delivered_volume", [(2,)]),
        ("上个月送达了多少订单", "delivered_volume", [(2,)]),
        # "placed" is also a status value: read as a filter it gave 2, not every order placed
        ("How many orders were placed?", "placed_volume", [(5,)]),
        # the plain count, not its express kind, unless "express" is said
        ("上个月的送达量", "delivered_volume", [(2,)]),
        ("express orders delivered last month", "express_delivered_volume", [(1,)]),
    ],
)
def test_the_event_said_picks_the_count(ship, question, metric, rows) -> None:
    a = ship.ask(question)
    assert a.ok, (question, a.error)
    assert a.query.metrics == [metric] and a.query.filters == []
    assert rows_in_order(a) == rows


def test_counts_on_other_dates_are_equal_without_time(ship, library) -> None:
    """No event and no time: every order is counted once whichever date it is counted on."""
    a = ship.ask("orders by status")
    assert a.ok, a.error
    assert answer_rows(a) == [("delivered", 3), ("placed", 2)]
    a = library.ask("loans by branch")
    assert a.ok, a.error
    assert answer_rows(a) == [("north", 3), ("south", 2)]


def test_time_without_an_event_stays_a_clarification(ship, library) -> None:
    """With a range the date decides which rows count: which one is asked, not guessed."""
    for shop, q in (
        (ship, "orders by status last month"),
        (library, "loans by branch in May 2026"),
    ):
        a = shop.ask(q)
        assert a.refused, q
        assert "ambiguous" in a.error


def test_library_loans_returned(library) -> None:
    # returned in May: loans 1 and 2 (issued in April); read as issued in May with status
    # "returned" it would have been 0
    a = library.ask("How many loans were returned in May 2026?")
    assert a.ok, a.error
    assert a.query.metrics == ["returned"] and a.query.filters == []
    assert rows_in_order(a) == [(2,)]
    a = library.ask("loans issued per month")
    assert a.ok, a.error
    assert a.query.metrics == ["issued"]
    assert answer_rows(a) == [(dt.date(2026, 4, 1), 2), (dt.date(2026, 5, 1), 3)]


HOTEL = """
semantic_models:
  - name: stays
    model: ref('stays')
    entities:
      - {name: hotel_stay, type: primary, expr: stay_id}
    dimensions:
      - {name: hotel_stay_booked_date, type: time, type_params: {time_granularity: day}}
      - {name: tier, type: categorical}
    measures:
      - {name: stays_booked, agg: count_distinct, expr: stay_id,
         agg_time_dimension: hotel_stay_booked_date}
metrics:
  - name: stays_booked_volume
    label: "The number of hotel stays booked."
    type: simple
    type_params: {measure: stays_booked}
  - name: vip_stays_booked_volume
    label: "The number of VIP hotel stays booked"
    type: simple
    type_params:
      measure:
        name: stays_booked
        filter: "{{ Dimension('hotel_stay__tier') }} = 'VIP'"
"""
HOTEL_DATA = """
create table stays (stay_id int, hotel_stay_booked_date date, tier varchar);
insert into stays values (1, '2026-05-20', 'VIP'), (2, '2026-06-03', 'standard'),
  (3, '2026-06-12', 'standard'), (4, '2026-06-25', 'VIP');
"""
RENTALS = HOTEL.replace("hotel_stay", "car_rental").replace("hotel stays", "car rentals")
RENTALS = RENTALS.replace("VIP", "airport").replace("tier", "pickup")
RENTALS_DATA = HOTEL_DATA.replace("hotel_stay", "car_rental").replace("tier", "pickup")
RENTALS_DATA = RENTALS_DATA.replace("VIP", "airport")


@pytest.mark.parametrize("domain", ["hotel", "rentals"])
def test_a_word_of_a_metric_and_its_filtered_kind_is_the_plain_metric(yaml_shop, domain) -> None:
    """预订量 reaches "stays booked" and its VIP copy (a filter on the tier): the plain count
    was refused as ambiguous. Only when the question says the kind is the copy a reading."""
    model, data = (HOTEL, HOTEL_DATA) if domain == "hotel" else (RENTALS, RENTALS_DATA)
    kind = "VIP" if domain == "hotel" else "airport"
    shop = yaml_shop(f"metric_kinds_{domain}", model, data, TODAY)
    a = shop.ask("上个月的预订量")
    assert a.ok, a.error
    assert a.query.metrics == ["stays_booked_volume"] and rows_in_order(a) == [(3,)]
    a = shop.ask("各等级的预订量" if domain == "hotel" else "预订量按pickup")
    assert a.ok, a.error
    assert a.query.metrics == ["stays_booked_volume"]
    assert answer_rows(a) == sorted([("standard", 2), (kind, 2)])
    a = shop.ask(f"上个月{kind}的预订量")
    assert a.ok, a.error
    assert rows_in_order(a) == [(1,)]  # the kind (or the plain count filtered on it): stay 4 only


TWO_TABLES = """
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
      - {name: orders_placed, agg: count_distinct, expr: order_id}
  - name: shipments
    model: ref('shipments')
    defaults: {agg_time_dimension: shipped_on}
    entities:
      - {name: shipment, type: primary, expr: shipment_id}
      - {name: order, type: foreign, expr: order_id}
    dimensions:
      - {name: shipped_on, type: time, type_params: {time_granularity: day}}
    measures:
      - {name: orders_shipped, agg: count_distinct, expr: order_id}
metrics:
  - {name: placed, label: The number of orders placed., type: simple,
     type_params: {measure: orders_placed}}
  - {name: shipped, label: The number of orders shipped., type: simple,
     type_params: {measure: orders_shipped}}
"""
TWO_TABLES_DATA = """
create table orders (order_id int, ordered_on date, region varchar);
insert into orders values (1, '2026-06-01', 'east'), (2, '2026-06-02', 'east'),
  (3, '2026-06-03', 'west');
create table shipments (shipment_id int, order_id int, shipped_on date);
insert into shipments values (10, 1, '2026-06-04');
"""


def test_counts_of_one_key_in_two_tables_are_not_equal(yaml_shop) -> None:
    """Orders placed (3, the orders table) and orders shipped (1, the shipments table) both
    count the order key, but not the same rows: without an event word it stays a question."""
    shop = yaml_shop("count_events_two_tables", TWO_TABLES, TWO_TABLES_DATA, TODAY)
    a = shop.ask("how many orders")
    assert a.refused and "ambiguous" in a.error
    a = shop.ask("how many orders were shipped")
    assert a.ok, a.error
    assert a.query.metrics == ["shipped"] and [tuple(r) for r in a.df.itertuples(index=False)] == [
        (1,)
    ]
