"""The owner's noun beside its own column names whose column it is (``rules.owner_nouns``).

"which product category had the highest backorder rate" and "the substitution rate on private
label products" were asked back ("'product' could be brand or category"): "product" reached
two columns only through their descriptions, while the model names its rows "products".
Invented model: a hardware wholesaler's products (category, brand, a house-label flag), sales
lines and weekly demand rows carrying a copy of the category. "product category" is the
products' category, "house label products" the flag; "revenue by product" alone stays asked.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.semantic_helpers import answer_rows

MODEL = """
semantic_models:
  - name: products
    model: ref('products')
    entities:
      - {name: sku, type: primary, expr: sku}
    dimensions:
      - {name: category, type: categorical, description: Product family for reporting.}
      - {name: brand, type: categorical, description: Product label shown to buyers.}
      - {name: is_house_label, type: categorical}
  - name: sales_lines
    model: ref('sales_lines')
    defaults: {agg_time_dimension: sold_on}
    entities:
      - {name: sales_line, type: primary, expr: line_id}
      - {name: sku, type: foreign, expr: sku}
    dimensions:
      - name: sold_on
        type: time
        type_params: {time_granularity: day}
    measures:
      - {name: revenue, agg: sum}
  - name: weekly_demand
    model: ref('weekly_demand')
    defaults: {agg_time_dimension: demand_week}
    entities:
      - {name: demand_row, type: primary, expr: row_id}
    dimensions:
      - name: demand_week
        type: time
        type_params: {time_granularity: day}
      - {name: category, type: categorical, description: Product family copied for slicing.}
    measures:
      - {name: demand_units, agg: sum}
metrics:
  - {name: revenue, label: Revenue, type: simple, type_params: {measure: revenue}}
  - {name: demand_units, label: Demand Units, type: simple, type_params: {measure: demand_units}}
"""

DATA = """
CREATE TABLE products (sku VARCHAR, category VARCHAR, brand VARCHAR, is_house_label BOOLEAN);
INSERT INTO products VALUES ('A', 'tools', 'Ox', true), ('B', 'tools', 'Elk', false),
    ('C', 'fasteners', 'Ox', true);
CREATE TABLE sales_lines (line_id INTEGER, sku VARCHAR, sold_on DATE, revenue DOUBLE);
INSERT INTO sales_lines VALUES (1, 'A', DATE '2024-01-05', 10.0), (2, 'B', DATE '2024-01-06', 20.0),
    (3, 'C', DATE '2024-01-07', 5.0);
CREATE TABLE weekly_demand (row_id INTEGER, demand_week DATE, category VARCHAR, demand_units INTEGER);
INSERT INTO weekly_demand VALUES (1, DATE '2024-01-01', 'tools', 7);
"""


@pytest.fixture(scope="module")
def shop(yaml_shop):
    return yaml_shop("owner_nouns", MODEL, DATA, dt.date(2024, 6, 1))


def test_the_owner_noun_before_its_column(shop) -> None:
    a = shop.ask("revenue by product category")
    assert a.ok, a.error
    assert sorted(answer_rows(a)) == [("fasteners", 5.0), ("tools", 30.0)]


def test_the_owner_noun_after_its_flag(shop) -> None:
    a = shop.ask("revenue of house label products")
    assert a.ok, a.error
    assert answer_rows(a) == [(15.0,)]


def test_the_owner_noun_alone_is_left_as_it_was(shop) -> None:
    assert not shop.ask("revenue by product").ok
