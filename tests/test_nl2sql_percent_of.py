""" "what percent of X …" asks for a share, as "what percentage of X …" already did.

New judge-style questions on the held-out models refused "what percent of bookings were
instant", "what percent of flights were cancelled" and "what percent of sales came from the
web" ("I don't know 'percent'"): only "percentage", "percent of total" were share words.
Two domains: a courier's parcels (a yes/no flag) and a café (a categorical value).
"""

from __future__ import annotations

import datetime as dt

import pytest

TODAY = dt.date(2026, 5, 1)
COURIER = """
semantic_models:
  - name: parcels
    model: ref('parcels')
    defaults: {agg_time_dimension: shipped_on}
    entities:
      - {name: parcel, type: primary, expr: parcel_id}
    dimensions:
      - {name: shipped_on, type: time, type_params: {time_granularity: day}}
      - {name: is_express, type: categorical}
    measures:
      - {name: parcels, agg: count, expr: parcel_id}
metrics:
  - {name: parcels, label: Parcels, type: simple, type_params: {measure: parcels}}
"""
COURIER_DATA = """
create table parcels (parcel_id int, shipped_on date, is_express boolean);
insert into parcels values (1, '2026-04-01', true), (2, '2026-04-02', false),
  (3, '2026-03-03', true), (4, '2026-03-04', false);
"""
CAFE = """
semantic_models:
  - name: orders
    model: ref('orders')
    defaults: {agg_time_dimension: ordered_on}
    entities:
      - {name: order, type: primary, expr: order_id}
    dimensions:
      - {name: ordered_on, type: time, type_params: {time_granularity: day}}
      - {name: drink, type: categorical}
    measures:
      - {name: revenue, agg: sum, expr: amount}
metrics:
  - {name: revenue, label: Revenue, type: simple, type_params: {measure: revenue}}
"""
CAFE_DATA = """
create table orders (order_id int, ordered_on date, drink varchar, amount double);
insert into orders values (1, '2026-04-01', 'latte', 6), (2, '2026-04-02', 'mocha', 2),
  (3, '2026-03-03', 'latte', 2);
"""


@pytest.fixture(scope="module")
def courier(yaml_shop):
    return yaml_shop("courier", COURIER, COURIER_DATA, TODAY)


@pytest.fixture(scope="module")
def cafe(yaml_shop):
    return yaml_shop("cafe", CAFE, CAFE_DATA, TODAY)


def _share(answer) -> float:
    assert not answer.refused, answer.error
    assert len(answer.df) == 1, answer.interpretation
    return float(answer.df.iloc[0, -1])


def test_percent_of_a_flag(courier) -> None:
    assert _share(courier.ask("what percent of parcels were express")) == 0.5


def test_percent_of_a_value(cafe) -> None:
    assert _share(cafe.ask("what percent of revenue came from latte")) == 0.8
