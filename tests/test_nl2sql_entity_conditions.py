"""A condition on a metric per entity: "customers who placed more than 1 order".

The number counts another noun (orders) than the things asked about (customers): a condition
on each customer's number of orders, MetricFlow's ``{{ Metric('orders', group_by=['customer'])
}} > 1``. Refused before ("a condition on orders is not supported here"). "Fewer than" is
refused: a customer with no order has no per-customer number (NULL, as in MetricFlow) and
would silently drop out. Two domains: a shop (customers with a table of their own, so a
customer without orders exists) and a rental market (listings and bookings).
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
      - {name: customer, type: foreign, expr: customer_id}
    dimensions:
      - {name: ordered_on, type: time, type_params: {time_granularity: day}}
      - {name: region, type: categorical}
    measures:
      - {name: revenue, agg: sum, expr: amount}
      - {name: order_count, agg: count, expr: order_id}
  - name: customers
    model: ref('customers')
    defaults: {agg_time_dimension: signed_up_on}
    entities:
      - {name: customer, type: primary, expr: customer_id}
    dimensions:
      - {name: signed_up_on, type: time, type_params: {time_granularity: day}}
      - {name: segment, type: categorical}
    measures:
      - {name: customer_count, agg: count, expr: customer_id}
metrics:
  - {name: revenue, label: Revenue, type: simple, type_params: {measure: revenue}}
  - {name: orders, label: Orders, type: simple, type_params: {measure: order_count}}
  - {name: customers, label: Customers, type: simple, type_params: {measure: customer_count}}
"""
SHOP_DATA = """
create table orders (order_id int, customer_id int, ordered_on date, region varchar, amount int);
insert into orders values (1, 7, '2026-06-01', 'east', 30), (2, 7, '2026-06-02', 'east', 10),
  (3, 8, '2026-06-03', 'west', 50), (4, 9, '2026-05-03', 'west', 5),
  (5, 9, '2026-06-04', 'west', 15), (6, 9, '2026-06-05', 'west', 20);
create table customers (customer_id int, signed_up_on date, segment varchar);
insert into customers values (7, '2025-01-01', 'retail'), (8, '2026-06-01', 'retail'),
  (9, '2025-03-01', 'trade'), (10, '2026-06-02', 'trade');
"""
RENTALS = """
semantic_models:
  - name: bookings
    model: ref('bookings')
    defaults: {agg_time_dimension: booked_on}
    entities:
      - {name: booking, type: primary, expr: booking_id}
      - {name: listing, type: foreign, expr: listing_id}
    dimensions:
      - {name: booked_on, type: time, type_params: {time_granularity: day}}
    measures:
      - {name: booking_count, agg: count, expr: booking_id}
      - {name: nights, agg: sum, expr: nights}
  - name: listings
    model: ref('listings')
    defaults: {agg_time_dimension: listed_on}
    entities:
      - {name: listing, type: primary, expr: listing_id}
    dimensions:
      - {name: listed_on, type: time, type_params: {time_granularity: day}}
      - {name: country, type: categorical}
    measures:
      - {name: listing_count, agg: count, expr: listing_id}
metrics:
  - {name: bookings, label: Bookings, type: simple, type_params: {measure: booking_count}}
  - {name: nights, label: Nights, type: simple, type_params: {measure: nights}}
  - {name: listings, label: Listings, type: simple, type_params: {measure: listing_count}}
"""
RENTALS_DATA = """
create table bookings (booking_id int, listing_id int, booked_on date, nights int);
insert into bookings values (1, 1, '2026-06-01', 2), (2, 1, '2026-06-02', 3),
  (3, 1, '2026-06-09', 1), (4, 2, '2026-06-03', 7), (5, 3, '2026-06-04', 1),
  (6, 3, '2026-06-05', 4), (7, NULL, '2026-06-06', 9), (8, NULL, '2026-06-07', 9);
create table listings (listing_id int, listed_on date, country varchar);
insert into listings values (1, '2025-01-01', 'FR'), (2, '2025-01-01', 'FR'),
  (3, '2025-01-01', 'IT'), (4, '2025-01-01', 'IT');
"""


@pytest.fixture(scope="module")
def shop(yaml_shop):
    return yaml_shop("entity_cond_shop", SHOP, SHOP_DATA, TODAY)


@pytest.fixture(scope="module")
def rentals(yaml_shop):
    return yaml_shop("entity_cond_rentals", RENTALS, RENTALS_DATA, TODAY)


PER_CUSTOMER = "{{ Metric('orders', group_by=['customer']) }} > 1"


@pytest.mark.parametrize(
    "question",
    [
        "how many customers placed more than 1 order",
        "number of customers with more than 1 order",
        "订单超过1个的客户有多少",
        "有超过1个订单的客户数",
    ],
)
def test_counting_the_entities_that_meet_it(shop, question) -> None:
    a = shop.ask(question)
    assert a.ok, (question, a.error)
    assert a.query.metrics == ["customers"] and a.query.where == [PER_CUSTOMER]
    assert answer_rows(a) == [(2,)]  # customers 7 and 9; 8 has one order, 10 none


def test_another_metric_restricted_to_those_entities(shop) -> None:
    a = shop.ask("revenue by region of customers with more than 1 order")
    assert a.ok, a.error
    assert a.query.metrics == ["revenue"] and a.query.where == [PER_CUSTOMER]
    assert answer_rows(a) == [("east", 40), ("west", 40)]
    assert "Orders per customer > 1" in a.interpretation


def test_the_time_range_applies_to_the_condition_too(shop) -> None:
    # in June customer 9 has two orders (the May one is outside): revenue of 7 and 9
    a = shop.ask("revenue of customers with more than 1 order in June 2026")
    assert a.ok, a.error
    assert answer_rows(a) == [(75,)]
    a = shop.ask("revenue of customers with more than 2 orders in June 2026")
    assert a.ok, a.error
    assert answer_rows(a) in ([(None,)], [])


def test_a_date_on_another_time_axis_is_refused(shop) -> None:
    """Customers are counted by their sign-up date: "in June" would count customers who signed
    up in June (8 and 10), not orders placed in June."""
    a = shop.ask("how many customers placed more than 1 order in June 2026")
    assert a.refused, a.interpretation
    # refused for the date's axis (not some other failure), with the orders offered to ask
    assert "signed up on" in a.error and "Orders" in a.suggestions, (a.error, a.suggestions)


def test_a_metric_named_like_the_entities_counts_them(rentals) -> None:
    a = rentals.ask("listings with more than 1 booking")
    assert a.ok, a.error
    assert a.query.metrics == ["listings"]
    assert a.query.where == ["{{ Metric('bookings', group_by=['listing']) }} > 1"]
    assert answer_rows(a) == [(2,)]  # listings 1 (3 bookings) and 3 (2)


@pytest.mark.parametrize(
    "question",
    [
        "how many listings had more than 1 booking",
        "预订数超过1的listing有多少",
        "有超过1个预订的listing数",
    ],
)
def test_on_another_model(rentals, question) -> None:
    a = rentals.ask(question)
    assert a.ok, (question, a.error)
    assert a.query.metrics == ["listings"]
    assert answer_rows(a) == [(2,)]


def test_rows_without_the_entity_are_not_one_of_them(rentals) -> None:
    """Two bookings have no listing: as one NULL key group they "have more than 1 booking",
    but they are no listing (their 18 nights were counted in)."""
    a = rentals.ask("nights of listings with more than 1 booking")
    assert a.ok, a.error
    assert [(f.dimension, f.op) for f in a.query.filters] == [("listing", "is not null")]
    assert answer_rows(a) == [(11,)]  # listing 1 (6 nights) and 3 (5)


def test_an_amount_per_entity(rentals) -> None:
    a = rentals.ask("number of listings with more than 5 nights")
    assert a.ok, a.error
    assert a.query.where == ["{{ Metric('nights', group_by=['listing']) }} > 5"]
    assert answer_rows(a) == [(2,)]  # listing 1 (6 nights) and 2 (7)


@pytest.mark.parametrize(
    "question",
    [
        "how many customers placed fewer than 2 orders",
        "订单少于2个的客户数",
        "how many customers placed no more than 1 order",
    ],
)
def test_a_condition_an_entity_without_rows_meets_is_refused(shop, question) -> None:
    """Customer 10 has no order: read through the per-customer metric it would be left out."""
    a = shop.ask(question)
    assert a.refused, (question, a.interpretation)
    assert "would leave out every customer" in a.error, a.error


def test_a_grouped_having_is_unchanged(shop) -> None:
    """Control: "regions with more than 2 orders" is a condition on the regions' own orders."""
    a = shop.ask("regions with more than 2 orders")
    assert a.ok, a.error
    assert a.query.where == [] and [h.metric for h in a.query.having] == ["orders"]
    assert answer_rows(a) == [("west", 4)]


def test_a_listing_with_fewer_than_keeps_its_having() -> None:
    """A listing shows the things that have rows, as before: the grouped metric's HAVING."""
    from nl2sql.rules.engine import understand
    from tests.fixtures import nl_catalogs

    u = understand("customers with fewer than 3 orders", nl_catalogs.orders_catalog(), TODAY)
    assert not u.refused, u.reason
    assert u.query.group_by == ["customer"] and u.query.where == []
    assert [(h.metric, h.op, h.value) for h in u.query.having] == [("order_count", "<", 3.0)]


def test_a_follow_up_keeps_the_condition(shop) -> None:
    """'and by region?' after the condition keeps it (it was dropped: all customers' revenue)."""
    from nl2sql import ask

    first = shop.ask("revenue of customers with more than 1 order")
    assert first.ok, first.error
    a = ask(
        "and by region?",
        model=shop.path,
        con=shop.con,
        engine="rules",
        today=shop.today,
        chart=False,
        context=first,
    )
    assert a.ok, a.error
    assert a.query.where == [PER_CUSTOMER]
    assert answer_rows(a) == [("east", 40), ("west", 40)]


# rows named only by ``primary_entity`` (no key column): no per-row metric can be grouped by it
DELIVERIES = """
semantic_models:
  - name: deliveries
    model: ref('deliveries')
    primary_entity: delivery
    defaults: {agg_time_dimension: delivered_on}
    entities:
      - {name: courier, type: foreign, expr: courier_id}
    dimensions:
      - {name: delivered_on, type: time, type_params: {time_granularity: day}}
      - {name: zone, type: categorical}
    measures:
      - {name: delivery_count, agg: sum, expr: '1'}
      - {name: parcels, agg: sum, expr: parcels}
metrics:
  - {name: deliveries, label: Deliveries, type: simple, type_params: {measure: delivery_count}}
  - {name: parcels, label: Parcels, type: simple, type_params: {measure: parcels}}
"""
DELIVERIES_DATA = """
create table deliveries (courier_id int, delivered_on date, zone varchar, parcels int);
insert into deliveries values (1, '2026-06-01', 'north', 2), (1, '2026-06-02', 'south', 6),
  (2, '2026-06-03', 'north', 9);
"""
GYM = """
semantic_models:
  - name: check_ins
    model: ref('check_ins')
    primary_entity: visit
    defaults: {agg_time_dimension: visited_on}
    entities:
      - {name: member, type: foreign, expr: member_id}
    dimensions:
      - {name: visited_on, type: time, type_params: {time_granularity: day}}
      - {name: club, type: categorical}
    measures:
      - {name: visit_count, agg: sum, expr: '1'}
      - {name: minutes, agg: sum, expr: minutes}
metrics:
  - name: visits
    label: Visits
    type: simple
    type_params: {measure: visit_count}
    config: {meta: {synonyms: [到访次数]}}
  - name: minutes
    label: Minutes trained
    type: simple
    type_params: {measure: minutes}
    config: {meta: {synonyms: [训练分钟]}}
"""
GYM_DATA = """
create table check_ins (member_id int, visited_on date, club varchar, minutes int);
insert into check_ins values (1, '2026-06-01', 'city', 30), (2, '2026-06-02', 'park', 90);
"""


@pytest.mark.parametrize(
    ("kind", "question", "want"),
    [
        ("deliveries", "how many deliveries had more than 5 parcels", ["Deliveries", "Parcels"]),
        (
            "gym",
            "number of visits with more than 60 minutes trained",
            ["Visits", "Minutes trained"],
        ),
        ("gym", "训练分钟超过60的到访次数", ["到访次数", "训练分钟"]),
    ],
)
def test_a_condition_per_row_the_model_gives_no_key_is_refused_with_its_metrics(
    yaml_shop, kind, question, want
) -> None:
    """``primary_entity`` names the rows without a key column: no ``group_by=['delivery']``
    exists, and the build error "unknown dimension `delivery`" reached the user."""
    shop = (
        yaml_shop("keyless_deliveries", DELIVERIES, DELIVERIES_DATA, TODAY)
        if kind == "deliveries"
        else yaml_shop("keyless_gym", GYM, GYM_DATA, TODAY)
    )
    a = shop.ask(question)
    assert a.refused, a.interpretation
    assert "unknown dimension" not in (a.error or "") and "cannot build" not in (a.error or "")
    assert ("没有标识每个" if "训练" in question else "has no key for each") in a.reason
    assert a.suggestions[: len(want)] == want
