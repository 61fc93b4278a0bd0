"""A column name the metric aggregates, repeated on another table (issue 12: wrong answers).

An item's price paid (``lines.unit_price``, what "Median Price" aggregates) and its product's
list price (``products.unit_price``, a dimension) share a name but are different columns.
"median unit price by category" may mean the metric's own column or a breakdown by the
product's list price; grouping by the list price as well (what the engine did) answered a
different, much longer table. It is a clarification now; a word on the metric's own rows is
absorbed (tests/test_nl2sql_metric_words.py), and "by list price" still groups.
"""

from __future__ import annotations

import datetime as dt

import pytest

TODAY = dt.date(2026, 3, 1)
MODEL = """
semantic_models:
  - name: lines
    model: ref('lines')
    defaults: {agg_time_dimension: sold_at}
    entities:
      - {name: line, type: primary, expr: line_id}
      - {name: product, type: foreign, expr: product_id}
    dimensions:
      - {name: sold_at, type: time, type_params: {time_granularity: day}}
    measures:
      - {name: median_price_paid, agg: median, expr: unit_price}
  - name: products
    model: ref('products')
    entities:
      - {name: product, type: primary, expr: product_id}
    dimensions:
      - {name: category, type: categorical}
      - {name: unit_price, type: categorical}
metrics:
  - {name: median_price, label: Median Price, type: simple,
     type_params: {measure: median_price_paid}}
"""
DATA = """
create table products (product_id int, category varchar, unit_price decimal(8,2));
insert into products values (1, 'tea', 4.00), (2, 'tea', 6.00), (3, 'cake', 9.00);
create table lines (line_id int, product_id int, sold_at date, unit_price decimal(8,2));
insert into lines values (1, 1, '2026-02-01', 3.50), (2, 2, '2026-02-01', 6.00),
  (3, 3, '2026-02-02', 9.00), (4, 1, '2026-02-03', 4.00);
"""


@pytest.fixture(scope="module")
def shop(yaml_shop):
    return yaml_shop("teashop", MODEL, DATA, TODAY)


def test_the_same_column_name_on_another_table_is_asked_about_not_grouped(shop) -> None:
    a = shop.ask("median unit price by category")
    assert a.refused and "could be what Median Price measures" in a.error
    assert a.to_json()["suggestions"]  # runnable questions, not a dead end


def test_naming_the_breakdown_or_leaving_the_word_out_answers(shop) -> None:
    a = shop.ask("median price by category")
    assert a.ok, a.error
    assert a.query.group_by == ["product__category"]
    a = shop.ask("median price by unit price")
    assert a.ok, a.error
    assert a.query.group_by == ["product__unit_price"]
