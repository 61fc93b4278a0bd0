"""就 and 才 (adverbs of timing and degree) never select rows: a question with one is answered
as without it.

"首次尝试就成功的访问有多少次" (visits that succeeded right at the first attempt) was refused for
the unknown '就', although "首次尝试成功的访问有多少次" was answered; 才 ("only then") is its pair
("多次尝试才成功"). Both are general Chinese stop words (``nl2sql.general.STOP_ZH``). Invented
model: a shop's orders by channel.
"""

from __future__ import annotations

import datetime as dt

import pytest

MODEL = """
semantic_models:
  - name: orders
    model: ref('orders')
    defaults: {agg_time_dimension: opened_on}
    entities:
      - {name: order, type: primary, expr: order_id}
    dimensions:
      - name: opened_on
        type: time
        type_params: {time_granularity: day}
      - {name: channel, type: categorical}
    measures:
      - {name: order_count, agg: count, expr: order_id}
metrics:
  - {name: orders, label: Orders, type: simple, type_params: {measure: order_count}}
"""

DATA = """
CREATE TABLE orders (order_id INTEGER, opened_on DATE, channel VARCHAR);
INSERT INTO orders VALUES (1, DATE '2024-01-01', 'email'), (2, DATE '2024-01-02', 'email'),
    (3, DATE '2024-01-03', 'phone');
"""


@pytest.fixture(scope="module")
def shop(yaml_shop):
    return yaml_shop("zh_timing_adverbs", MODEL, DATA, dt.date(2024, 6, 1))


@pytest.mark.parametrize(
    ("question", "expected"),
    [("email渠道就有多少个订单", 2), ("phone渠道才有多少个订单", 1), ("email渠道有多少个订单", 2)],
)
def test_the_adverb_changes_nothing(shop, question, expected) -> None:
    a = shop.ask(question)
    assert a.ok, a.error
    assert a.df.iloc[0, -1] == expected
