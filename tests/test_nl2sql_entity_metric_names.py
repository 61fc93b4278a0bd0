"""A metric named after its own entity first is named by the rest of its name.

Why: dbt projects prefix names with their entity (``audit_request_price_eur`` on an
``audit_request``, seen on a public project) and users never repeat it: "average fare by
route", "shipping cost by carrier", 票价, 成本. A one-word suffix of a metric's name is only
offered in a clarification (it is often a word many metrics share: "sales" of "line sales"),
so these were refused. When the words before it are the metric's own entity, the suffix names
the metric as surely as "sales" of "Total Sales" does. A closing currency code is no word users
say either: "price" of ``…_price_eur``. A suffix that only says how it aggregates ("count" of
``order_count``) stays a clarification (doctest of ``_suffix_score``). Two domains: coach bookings (fares in USD) and freight
shipments (costs).
"""

from __future__ import annotations

import datetime as dt

import pytest

TODAY = dt.date(2026, 3, 5)

COACH_MODEL = """
semantic_models:
  - name: bookings
    model: ref('bookings')
    defaults: {agg_time_dimension: booked_at}
    entities:
      - {name: booking, type: primary, expr: booking_id}
    dimensions:
      - {name: booked_at, type: time, type_params: {time_granularity: day}}
      - {name: route, type: categorical}
    measures:
      - {name: booking_fare_usd, agg: sum}
      - {name: booking_count, agg: count, expr: booking_id}
metrics:
  - {name: booking_fare_usd, type: simple, type_params: {measure: booking_fare_usd}}
  - {name: booking_count, type: simple, type_params: {measure: booking_count}}
"""
COACH_DATA = """
create table bookings (booking_id int, booked_at date, route varchar, booking_fare_usd double);
insert into bookings values (1, '2026-01-10', 'north', 30), (2, '2026-02-11', 'north', 45),
  (3, '2026-02-12', 'coast', 25);
"""

FREIGHT_MODEL = """
semantic_models:
  - name: shipments
    model: ref('shipments')
    defaults: {agg_time_dimension: shipped_at}
    entities:
      - {name: shipment, type: primary, expr: shipment_id}
    dimensions:
      - {name: shipped_at, type: time, type_params: {time_granularity: day}}
      - {name: carrier, type: categorical}
    measures:
      - {name: shipment_cost, agg: sum}
metrics:
  - {name: shipment_cost, type: simple, type_params: {measure: shipment_cost}}
"""
FREIGHT_DATA = """
create table shipments (shipment_id int, shipped_at date, carrier varchar, shipment_cost double);
insert into shipments values (1, '2026-01-03', 'dhl', 12), (2, '2026-02-04', 'ups', 7),
  (3, '2026-02-05', 'ups', 5);
"""

# "sales" of line_sales on an order ``line`` is shared: revenue~sales names net_revenue too
LINES_MODEL = """
semantic_models:
  - name: order_lines
    model: ref('order_lines')
    defaults: {agg_time_dimension: ordered_at}
    entities:
      - {name: line, type: primary, expr: line_id}
    dimensions:
      - {name: ordered_at, type: time, type_params: {time_granularity: day}}
      - {name: channel, type: categorical}
    measures:
      - {name: line_sales, agg: sum, expr: line_amount}
      - {name: net_amount, agg: sum}
metrics:
  - {name: line_sales, label: line sales, type: simple, type_params: {measure: line_sales}}
  - {name: net_revenue, label: net revenue, type: simple, type_params: {measure: net_amount}}
"""
LINES_DATA = """
create table order_lines (line_id int, ordered_at date, channel varchar, line_amount double,
                          net_amount double);
insert into order_lines values (1, '2026-02-03', 'web', 100, 80), (2, '2026-02-04', 'app', 50, 45),
  (3, '2026-02-05', 'web', 20, 15);
"""


@pytest.fixture(scope="module")
def coach(yaml_shop):
    return yaml_shop("entity_names_coach", COACH_MODEL, COACH_DATA, TODAY)


@pytest.fixture(scope="module")
def freight(yaml_shop):
    return yaml_shop("entity_names_freight", FREIGHT_MODEL, FREIGHT_DATA, TODAY)


def test_fare_by_route(coach) -> None:
    a = coach.ask("total fare by route")
    assert a.ok, a.error  # was: 'fare' only offered in a clarification
    assert a.query.metrics == ["booking_fare_usd"]
    got = {r[0]: float(r[-1]) for r in a.df.itertuples(index=False)}
    assert got == {"north": 75.0, "coast": 25.0}


def test_fare_in_chinese_last_month(coach) -> None:
    a = coach.ask("上个月的票价")
    assert a.ok, a.error
    assert float(a.df.iloc[0, -1]) == 70.0


def test_cost_by_carrier(freight) -> None:
    a = freight.ask("cost by carrier last month")
    assert a.ok, a.error
    assert a.query.metrics == ["shipment_cost"]
    got = {r[0]: float(r[-1]) for r in a.df.itertuples(index=False)}
    assert got == {"ups": 12.0}


def test_cost_in_chinese(freight) -> None:
    a = freight.ask("每个承运商的成本")
    assert a.ok, a.error
    got = {r[0]: float(r[-1]) for r in a.df.itertuples(index=False)}
    assert got == {"dhl": 12.0, "ups": 12.0}


@pytest.fixture(scope="module")
def lines(yaml_shop):
    return yaml_shop("entity_names_lines", LINES_MODEL, LINES_DATA, TODAY)


def test_a_suffix_another_metric_shares_stays_unsure(lines) -> None:
    a = lines.ask("revenue by channel")
    assert a.ok, a.error  # was: line sales ("sales" named it surely, and revenue~sales)
    assert a.query.metrics == ["net_revenue"]
    got = {r[0]: float(r[-1]) for r in a.df.itertuples(index=False)}
    assert got == {"web": 95.0, "app": 45.0}
