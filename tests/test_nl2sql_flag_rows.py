"""A flag stored as 0/1 and a flag shared by a row and its parent (issue 18: dbt projects as
their owners wrote them).

dbt projects often keep yes/no flags as integers (``is_gift_item`` = 0/1) and repeat a flag
at two grains: the item (``is_gift_item``) and its order (``is_gift_order`` = "the order has a
gift item"). "sales from gifts" sums the gift items; summing whole orders that contain a gift
would answer another question. Each test failed before its rule: the 0/1 column had no values
(numbers are quantities), so the bare adjective reached only the order's flag.
"""

from __future__ import annotations

import datetime as dt

import pytest

from semantic_layer import load_model
from semantic_layer.catalog_builder import build_catalog

TODAY = dt.date(2026, 3, 1)
MODEL = """
semantic_models:
  - name: sales_lines
    model: ref('sales_lines')
    defaults: {agg_time_dimension: sold_at}
    entities:
      - {name: sales_line, type: primary, expr: line_id}
      - {name: basket, type: foreign, expr: basket_id}
    dimensions:
      - {name: sold_at, type: time, type_params: {time_granularity: day}}
      - {name: is_gift_item, type: categorical}
    measures:
      - {name: line_amount, agg: sum, expr: amount}
  - name: baskets
    model: ref('baskets')
    defaults: {agg_time_dimension: opened_at}
    entities:
      - {name: basket, type: primary, expr: basket_id}
    dimensions:
      - {name: opened_at, type: time, type_params: {time_granularity: day}}
      - {name: is_gift_order, type: categorical}
    measures:
      - {name: basket_rows, agg: count, expr: basket_id}
metrics:
  - {name: sales, label: Sales, type: simple, type_params: {measure: line_amount}}
  - {name: baskets, label: Baskets, type: simple, type_params: {measure: basket_rows}}
"""
DATA = """
create table baskets (basket_id int, opened_at date, is_gift_order boolean);
insert into baskets values (1, '2026-02-01', true), (2, '2026-02-02', false);
create table sales_lines (line_id int, basket_id int, sold_at date, is_gift_item int,
  amount decimal(8,2));
insert into sales_lines values (1, 1, '2026-02-01', 1, 5.00), (2, 1, '2026-02-01', 0, 20.00),
  (3, 2, '2026-02-02', 0, 7.00);
"""


@pytest.fixture(scope="module")
def shop(yaml_shop):
    return yaml_shop("giftshop", MODEL, DATA, TODAY)


def test_a_zero_one_flag_keeps_its_two_values_in_the_catalog(shop) -> None:
    catalog = build_catalog(load_model(shop.path, con=shop.con), con=shop.con)
    assert catalog.dimension("sales_line__is_gift_item").values == ("0", "1")


def test_the_bare_adjective_filters_the_rows_the_metric_sums(shop) -> None:
    a = shop.ask("sales from gifts")
    assert a.ok, a.error
    assert [(f.dimension, f.values) for f in a.query.filters] == [
        ("sales_line__is_gift_item", ["1"])
    ]
    assert float(a.df.iloc[0, 0]) == 5.0  # the gift line alone, not its whole basket (25.00)


def test_naming_the_parent_keeps_the_parent_flag(shop) -> None:
    a = shop.ask("sales from gift orders")
    assert a.ok, a.error
    assert [f.dimension for f in a.query.filters] == ["basket__is_gift_order"]
    assert float(a.df.iloc[0, 0]) == 25.0


def test_the_chinese_adjective_takes_the_same_rows(shop) -> None:
    # 礼品 is CC-CEDICT's "gift": the same flag, on the rows the metric sums (before: the
    # Chinese word never matched the flag's words and fell to the order's boolean)
    a = shop.ask("礼品的销售额")
    assert a.ok, a.error
    assert [(f.dimension, f.values) for f in a.query.filters] == [
        ("sales_line__is_gift_item", ["1"])
    ]
