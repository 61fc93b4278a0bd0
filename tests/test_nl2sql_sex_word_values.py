"""女 / 女性 / 男 for a gender value written as the English word (``Female`` / ``Male``).

A one-letter sex code already got the general words (``nl2sql.vocabulary.sex_codes``); a value
spelled ``Female`` reached only "female" as typed, so 女会员订了多少场 was refused ('女'
unknown) and 女性会员数 only offered as a clarification (fresha16, a court-booking model's
members). Other values of the dimension ("Unknown") get no word.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.semantic_helpers import answered_rows

TODAY = dt.date(2026, 5, 1)
SHOP = """
semantic_models:
  - name: orders
    model: ref('orders')
    defaults: {agg_time_dimension: ordered_on}
    entities:
      - {name: order, type: primary, expr: order_id}
    dimensions:
      - {name: ordered_on, type: time, type_params: {time_granularity: day}}
      - {name: gender, type: categorical}
      - {name: region, type: categorical}
    measures:
      - {name: order_count, agg: count, expr: order_id}
metrics:
  - {name: orders, label: Orders, type: simple, type_params: {measure: order_count}}
"""
DATA = """
create table orders (order_id int, ordered_on date, gender varchar, region varchar);
insert into orders values (1, '2026-01-01', 'Female', 'North'), (2, '2026-01-02', 'Female', 'South'),
  (3, '2026-01-03', 'Male', 'North'), (4, '2026-01-04', 'Unknown', 'North'),
  (5, '2026-01-05', 'Female', 'North');
"""


@pytest.fixture(scope="module")
def shop(yaml_shop):
    return yaml_shop("sex_word_values", SHOP, DATA, TODAY)


@pytest.mark.parametrize("question", ["女性的订单数", "女士的订单数", "女的下了多少订单"])
def test_chinese_female_words_reach_the_female_value(shop, question) -> None:
    assert answered_rows(shop.ask(question)) == [(3,)]


def test_chinese_male_word_reaches_the_male_value(shop) -> None:
    assert answered_rows(shop.ask("男性的订单数")) == [(1,)]


def test_english_word_is_still_the_value(shop) -> None:
    assert answered_rows(shop.ask("orders by females")) == [(3,)]
