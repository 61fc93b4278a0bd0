"""Wording of dbt models written without synonyms: own small parcel-shop model.

Each test is one general rule met on public dbt projects: a row count written ``agg: sum,
expr: 1``; 数量 after a noun in a model that counts no quantities; a dimension named
"<thing> number" that a word-by-word Chinese rendering turned into a count (订单数量); a metric
named ``avg_<phrase with a preposition>`` asked with an article inside the phrase; an
identifier's number ("order number 101", 订单号101); a key entity named like the amount a
metric totals (``order_charge`` beside ``total_order_charge``).
"""

from __future__ import annotations

import datetime as dt

import pytest

from semantic_layer import load_model
from semantic_layer.catalog_builder import build_catalog

MODEL = """
semantic_models:
  - name: shipment_order
    model: ref('shipment_order')
    defaults: {agg_time_dimension: opened_on}
    entities:
      - {name: order, type: primary, expr: order_id}
    dimensions:
      - {name: opened_on, type: time, type_params: {time_granularity: day}}
      - {name: order_number, type: categorical}
      - {name: channel, type: categorical}
    measures:
      - {name: number_of_orders, agg: sum, expr: 1, create_metric: true}
      - {name: new_orders, agg: sum, expr: 1, create_metric: true}
      - name: avg_time_to_ship_order
        agg: average
        expr: DATEDIFF('day', opened_on, shipped_on)
        create_metric: true
  - name: order_charge
    model: ref('order_charge')
    defaults: {agg_time_dimension: charged_on}
    entities:
      - {name: order_charge, type: primary, expr: charge_id}
      - {name: order, type: foreign, expr: order_id}
    dimensions:
      - {name: charged_on, type: time, type_params: {time_granularity: day}}
    measures:
      - {name: total_order_charge, agg: sum, expr: charge, create_metric: true}
"""

DATA = """
CREATE TABLE shipment_order (order_id INTEGER, opened_on DATE, shipped_on DATE,
    order_number VARCHAR, channel VARCHAR);
INSERT INTO shipment_order VALUES
    (1, DATE '2024-05-01', DATE '2024-05-03', '100', 'web'),
    (2, DATE '2024-05-02', DATE '2024-05-12', '101', 'web'),
    (3, DATE '2024-05-07', DATE '2024-05-08', '102', 'store');
CREATE TABLE order_charge (charge_id INTEGER, order_id INTEGER, charged_on DATE, charge DOUBLE);
INSERT INTO order_charge VALUES (1, 1, DATE '2024-05-01', 12.5), (2, 2, DATE '2024-05-02', 4),
    (3, 2, DATE '2024-05-03', 6), (4, 3, DATE '2024-05-07', 30);
"""


@pytest.fixture(scope="module")
def shop(yaml_shop):
    return yaml_shop("parcels", MODEL, DATA, dt.date(2024, 5, 31))


def test_a_sum_of_one_counts_the_models_rows(shop) -> None:
    catalog = build_catalog(load_model(shop.path, con=shop.con), con=shop.con)
    assert catalog.metric("number_of_orders").counts == "order"
    # a qualified name counts a kind of order, not "the" orders (whatever its expression)
    assert catalog.metric("new_orders").counts == ""


@pytest.mark.parametrize("question", ["订单数量", "各渠道的订单数量"])
def test_shuliang_after_a_noun_counts_it_and_never_names_its_number(shop, question) -> None:
    a = shop.ask(question)
    assert a.ok, a.error
    assert a.query.metrics == ["number_of_orders"]
    assert "order__order_number" not in a.query.group_by
    assert int(a.df.iloc[:, -1].sum()) == 3


def test_an_article_inside_a_metric_phrase_is_skipped(shop) -> None:
    a = shop.ask("what is the average time to ship an order?")
    assert a.ok, a.error
    assert a.query.metrics == ["avg_time_to_ship_order"]
    assert float(a.df.iloc[0, 0]) == pytest.approx((2 + 10 + 1) / 3)


def test_the_phrase_after_the_aggregation_word_names_the_metric(shop) -> None:
    a = shop.ask("time to ship orders by channel")
    assert a.ok, a.error
    assert a.query.metrics == ["avg_time_to_ship_order"]
    assert sorted(a.df.values.tolist()) == [["store", 1.0], ["web", 6.0]]


@pytest.mark.parametrize(
    ("question", "value"),
    [
        ("order charge for order number 101", 10.0),
        ("订单号101的订单数量", 1),
        ("订单编号102的订单数量", 1),
    ],
)
def test_a_number_after_an_identifier_is_its_value(shop, question, value) -> None:
    a = shop.ask(question)
    assert a.ok, a.error
    number = "".join(ch for ch in question if ch.isdigit())
    assert [(f.dimension, f.op, f.values) for f in a.query.filters] == [
        ("order__order_number", "=", [number])
    ]
    assert float(a.df.iloc[0, 0]) == value


def test_a_number_after_a_plain_dimension_is_not_taken_for_a_value(shop) -> None:
    a = shop.ask("order charge for channel 101")
    assert not a.ok and "101" in a.error


def test_a_key_entity_named_like_a_total_names_that_metric(shop) -> None:
    a = shop.ask("order charge by channel")
    assert a.ok, a.error
    assert a.query.metrics == ["total_order_charge"]
    assert sorted(a.df.values.tolist()) == [["store", 30.0], ["web", 22.5]]
