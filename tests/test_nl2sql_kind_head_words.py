"""A dimension named "<thing> category" is asked as "<thing> type" or "<thing> kind", and the
other way round (``vocabulary.name_variants.kind_head_anchors``).

Why: which kind word an owner wrote is a habit; "bookings by room type" on a
`room_category` was refused for a word the model has. A model with both `product_type` and
`product_category` keeps each by its own name, and "product kind" is clarified, never
guessed. Two domains: a hotel and a clinic; the guard on a shop.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.semantic_helpers import ok_rows

TODAY = dt.date(2026, 7, 2)
HOTEL = """
semantic_models:
  - name: stays
    model: ref('stays')
    defaults: {agg_time_dimension: arrived_on}
    entities:
      - {name: stay, type: primary, expr: stay_id}
    dimensions:
      - {name: arrived_on, type: time, type_params: {time_granularity: day}}
      - {name: room_category, type: categorical}
    measures:
      - {name: stay_count, agg: count, expr: stay_id}
metrics:
  - {name: bookings, label: Bookings, type: simple, type_params: {measure: stay_count}}
"""
HOTEL_DATA = """
create table stays (stay_id int, arrived_on date, room_category varchar);
insert into stays values (1, '2026-06-01', 'suite'), (2, '2026-06-02', 'double'),
  (3, '2026-06-03', 'double');
"""
CLINIC = """
semantic_models:
  - name: visits
    model: ref('visits')
    defaults: {agg_time_dimension: seen_on}
    entities:
      - {name: visit, type: primary, expr: visit_id}
    dimensions:
      - {name: seen_on, type: time, type_params: {time_granularity: day}}
      - {name: visit_type, type: categorical}
    measures:
      - {name: visit_count, agg: count, expr: visit_id}
metrics:
  - {name: visits, label: Visits, type: simple, type_params: {measure: visit_count}}
"""
CLINIC_DATA = """
create table visits (visit_id int, seen_on date, visit_type varchar);
insert into visits values (1, '2026-06-01', 'routine'), (2, '2026-06-02', 'urgent'),
  (3, '2026-06-03', 'routine'), (4, '2026-06-04', 'routine');
"""
SHOP = """
semantic_models:
  - name: sales
    model: ref('sales')
    defaults: {agg_time_dimension: sold_on}
    entities:
      - {name: sale, type: primary, expr: sale_id}
    dimensions:
      - {name: sold_on, type: time, type_params: {time_granularity: day}}
      - {name: product_type, type: categorical}
      - {name: product_category, type: categorical}
    measures:
      - {name: sale_count, agg: count, expr: sale_id}
metrics:
  - {name: sales, label: Sales, type: simple, type_params: {measure: sale_count}}
"""
SHOP_DATA = """
create table sales (sale_id int, sold_on date, product_type varchar, product_category varchar);
insert into sales values (1, '2026-06-01', 'digital', 'books'), (2, '2026-06-02', 'physical', 'books'),
  (3, '2026-06-03', 'physical', 'games');
"""


@pytest.fixture(scope="module")
def hotel(yaml_shop):
    return yaml_shop("kind_heads_hotel", HOTEL, HOTEL_DATA, TODAY)


@pytest.fixture(scope="module")
def clinic(yaml_shop):
    return yaml_shop("kind_heads_clinic", CLINIC, CLINIC_DATA, TODAY)


@pytest.fixture(scope="module")
def shop(yaml_shop):
    return yaml_shop("kind_heads_shop", SHOP, SHOP_DATA, TODAY)


def test_another_kind_word_names_the_dimension(hotel, clinic) -> None:
    assert ok_rows(hotel.ask("bookings by room type")) == [("double", 2), ("suite", 1)]
    assert ok_rows(clinic.ask("visits by visit category")) == [("routine", 3), ("urgent", 1)]


def test_two_kind_dimensions_keep_their_own_names(shop) -> None:
    assert ok_rows(shop.ask("sales by product type")) == [("digital", 1), ("physical", 2)]
    assert ok_rows(shop.ask("sales by product category")) == [("books", 2), ("games", 1)]
    assert shop.ask("sales by product kind").refused
