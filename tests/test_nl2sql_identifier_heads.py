"""A count suffix is not the English identifier head "number" (issue 18: Chinese, no synonyms).

"order number" is an order's identifier (订单号 / 编号), while Chinese 数 after a noun counts it
(订单数 = how many orders). The glossary lists 数 for "number" (as in "number of ..."), so a
compound rendered word by word turned a dimension "buyer order number" into "订单数" and
"how many orders" into that dimension: the question was refused as "no metric". The head of
a compound keeps only its identifier renderings now.
"""

from __future__ import annotations

import datetime as dt

import pytest

from nl2sql.vocabulary.chinese import compounds

TODAY = dt.date(2025, 6, 30)
MODEL = """
semantic_models:
  - name: orders
    model: ref('orders')
    defaults: {agg_time_dimension: ordered_at}
    entities:
      - {name: order_id, type: primary}
      - {name: buyer, type: foreign, expr: buyer_id}
    dimensions:
      - {name: ordered_at, type: time, type_params: {time_granularity: day}}
      - {name: buyer_order_number, label: buyer order number, type: categorical}
    measures:
      - {name: order_count, expr: 1, agg: sum}
metrics:
  - {name: orders, label: Orders, type: simple, type_params: {measure: order_count}}
"""
DATA = """
create table orders (order_id int, buyer_id int, ordered_at date, buyer_order_number int);
insert into orders values (1, 7, '2025-05-02', 1), (2, 7, '2025-05-09', 2),
  (3, 8, '2025-06-01', 1), (4, 8, '2025-06-03', 1), (5, 7, '2025-06-20', 3);
"""


@pytest.fixture(scope="module")
def shop(yaml_shop):
    return yaml_shop("orders", MODEL, DATA, TODAY)


def test_number_as_a_compound_head_renders_as_an_identifier() -> None:
    assert {zh for zh, _ in compounds(["seat", "number"])} & {"座位号码", "座位编号"}
    assert not {zh for zh, _ in compounds(["seat", "number"])} & {"座位数", "座位数量"}
    # a counting head keeps its count suffix
    assert "订单数" in {zh for zh, _ in compounds(["order", "count"])}


def test_noun_with_count_suffix_counts_rows_not_the_number_dimension(shop) -> None:
    a = shop.ask("上个月的订单数")
    assert not a.refused, a.error
    assert a.query.metrics == ["orders"]
    assert a.df.iloc[0, -1] == 2  # May 2025 has orders 1 and 2
