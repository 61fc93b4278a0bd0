"""A letter-digit code in a model's names ("O2O", "B2B") is one word, in the question and in
the names, and 总 / 平均 said after it ("O2O总收入") reads as said before it ("总O2O收入").

Why: "B2C收入" was split into "b", the number 2 and "c", and the model's "Total B2C Revenue"
into "b" and "c" too; every Chinese question naming the channel by its code was refused for
the unknown 'b', 'c' (and English "B2C revenue" as well). Chinese puts the code first and the
aggregate word next to its noun ("B2C总收入"), the label the other way round. Original fixture:
a food-delivery business with an O2O and a B2B channel, each with its own orders.
"""

from __future__ import annotations

import pytest

from nl2sql.normalize import units
from nl2sql.vocabulary.english import name_words
from tests.semantic_helpers import answer_rows

TODAY = "2026-06-30"

MODEL = """
semantic_models:
  - name: o2o_orders
    model: ref('o2o_orders')
    defaults: {agg_time_dimension: placed_on}
    entities:
      - {name: o2o_order, type: primary, expr: id}
    dimensions:
      - {name: placed_on, type: time, type_params: {time_granularity: day}}
      - {name: kitchen, type: categorical}
    measures:
      - {name: o2o_amount, agg: sum, expr: amount}
      - {name: o2o_count, agg: count, expr: id}
  - name: b2b_orders
    model: ref('b2b_orders')
    defaults: {agg_time_dimension: placed_on}
    entities:
      - {name: b2b_order, type: primary, expr: id}
    dimensions:
      - {name: placed_on, type: time, type_params: {time_granularity: day}}
    measures:
      - {name: b2b_amount, agg: sum, expr: amount}
      - {name: b2b_count, agg: count, expr: id}
metrics:
  - {name: total_o2o_revenue, label: Total O2O Revenue, type: simple,
     type_params: {measure: o2o_amount}}
  - {name: total_o2o_orders, label: Total O2O Orders, type: simple,
     type_params: {measure: o2o_count}}
  - {name: total_b2b_revenue, label: Total B2B Revenue, type: simple,
     type_params: {measure: b2b_amount}}
  - {name: total_b2b_orders, label: Total B2B Orders, type: simple,
     type_params: {measure: b2b_count}}
  - name: avg_o2o_order_value
    label: Avg O2O Order Value
    type: ratio
    type_params: {numerator: total_o2o_revenue, denominator: total_o2o_orders}
"""
DATA = """
create table o2o_orders (id int, placed_on date, kitchen varchar, amount int);
insert into o2o_orders values (1, '2026-05-02', 'north', 40), (2, '2026-05-09', 'north', 20),
  (3, '2025-11-20', 'south', 60), (4, '2026-06-01', 'south', 30);
create table b2b_orders (id int, placed_on date, amount int);
insert into b2b_orders values (1, '2026-04-01', 500), (2, '2025-08-01', 700);
"""


@pytest.fixture(scope="module")
def shop(yaml_shop):
    import datetime as dt

    return yaml_shop("code_qualifiers", MODEL, DATA, dt.date.fromisoformat(TODAY))


def test_a_code_is_one_unit_and_numbers_around_it_stay_numbers() -> None:
    assert [u.text for u in units("O2O收入")] == ["o2o", "收", "入"]
    assert [(u.text, u.kind) for u in units("b2b revenue")] == [
        ("b2b", "word"),
        ("revenue", "word"),
    ]
    # a quarter, a quantity, a clock time and a serial keep their number
    texts = [u.text for u in units("Q3 5kg 3pm a12")]
    assert texts == ["q", "3", "5", "kg", "3", "pm", "a", "12"]


def test_a_code_is_one_word_of_a_name() -> None:
    assert name_words("Total O2O Revenue") == ["total", "o2o", "revenue"]
    assert name_words("avg_b2b_order_value") == ["avg", "b2b", "order", "value"]
    assert name_words("order2Date") == ["order", "date"]  # a digit before a word still splits


@pytest.mark.parametrize(
    ("question", "metric", "rows"),
    [
        ("O2O收入", "total_o2o_revenue", [(150,)]),
        ("O2O总收入", "total_o2o_revenue", [(150,)]),
        ("总O2O收入", "total_o2o_revenue", [(150,)]),
        ("2026年O2O总收入", "total_o2o_revenue", [(90,)]),
        ("B2B总收入", "total_b2b_revenue", [(1200,)]),
        ("B2B订单数", "total_b2b_orders", [(2,)]),
        ("O2O revenue", "total_o2o_revenue", [(150,)]),
        ("O2O平均订单金额", "avg_o2o_order_value", [(37.5,)]),
    ],
)
def test_the_code_names_its_metric(shop, question: str, metric: str, rows) -> None:
    a = shop.ask(question)
    assert a.ok, (question, a.error)
    assert a.query.metrics == [metric]
    assert answer_rows(a) == rows


@pytest.mark.parametrize(
    "question",
    [
        "总收入",  # both channels have one: which?
        "C2C总收入",  # a code the model does not have is no channel of it
    ],
)
def test_probes_are_refused(shop, question: str) -> None:
    a = shop.ask(question)
    assert a.refused, (question, a.interpretation)


@pytest.mark.parametrize(
    ("question", "rows"),
    [
        ("O2O总额", [(150,)]),  # 总额 stays after the code: the O2O total (its only amount)
        ("除了O2O以外的总收入", [(1200,)]),  # a negation: the other channel's, or a refusal
        ("不是O2O的订单数", [(2,)]),
    ],
)
def test_probes_are_right_or_refused(shop, question: str, rows) -> None:
    a = shop.ask(question)
    assert a.refused or answer_rows(a) == rows, (question, a.interpretation)
