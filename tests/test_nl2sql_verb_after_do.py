"""The plain form of a verb after "did"/"do" is that verb, as its past form already is.

New judge-style questions on the held-out models refused "how many flights did JetBlue fly",
"how much revenue did we make" and "how many units did we sell" ("I don't know 'fly'"): the
vocabulary leaves out verb forms that are also nouns (fly, make, sell, ship), while "flew",
"made", "sold" were understood. After "do" the word can only be the verb. Two domains: a
courier's parcels (a model verb) and a café (a support verb).
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.semantic_helpers import single_cell_value

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
      - {name: depot, type: categorical}
    measures:
      - {name: parcels_shipped, agg: count, expr: parcel_id}
metrics:
  - {name: parcels_shipped, label: Parcels Shipped, type: simple,
     type_params: {measure: parcels_shipped}}
"""
COURIER_DATA = """
create table parcels (parcel_id int, shipped_on date, depot varchar);
insert into parcels values (1, '2026-04-01', 'North'), (2, '2026-04-02', 'South'),
  (3, '2026-03-03', 'North');
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
    measures:
      - {name: revenue, agg: sum, expr: amount}
metrics:
  - {name: revenue, label: Revenue, type: simple, type_params: {measure: revenue}}
"""
CAFE_DATA = """
create table orders (order_id int, ordered_on date, amount double);
insert into orders values (1, '2026-04-01', 9), (2, '2026-04-02', 5), (3, '2026-03-03', 4.5);
"""


@pytest.fixture(scope="module")
def courier(yaml_shop):
    return yaml_shop("courier", COURIER, COURIER_DATA, TODAY)


@pytest.fixture(scope="module")
def cafe(yaml_shop):
    return yaml_shop("cafe", CAFE, CAFE_DATA, TODAY)


def test_model_verb_after_did(courier) -> None:
    assert single_cell_value(courier.ask("How many parcels did we ship in April 2026?")) == 2.0
    assert single_cell_value(courier.ask("how many parcels did the North depot ship")) == 2.0


def test_support_verb_after_did(cafe) -> None:
    assert single_cell_value(cafe.ask("How much revenue did we make in April 2026?")) == 14.0


def test_a_verb_of_nothing_in_the_model_stays_refused(courier, cafe) -> None:
    assert courier.ask("How many parcels did we paint in April 2026?").refused
    assert cafe.ask("How much revenue did we lose in April 2026?").refused
