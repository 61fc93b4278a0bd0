"""Wording of dbt models written without synonyms: own small parcel-shop model.

Each test is one general rule met on public dbt projects: a row count written ``agg: sum,
expr: 1``; 数量 after a noun in a model that counts no quantities; a dimension named
"<thing> number" that a word-by-word Chinese rendering turned into a count (订单数量); a metric
named ``avg_<phrase with a preposition>`` asked with an article inside the phrase.
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
      - name: avg_time_to_ship_order
        agg: average
        expr: DATEDIFF('day', opened_on, shipped_on)
        create_metric: true
"""

DATA = """
CREATE TABLE shipment_order (order_id INTEGER, opened_on DATE, shipped_on DATE,
    order_number VARCHAR, channel VARCHAR);
INSERT INTO shipment_order VALUES
    (1, DATE '2024-05-01', DATE '2024-05-03', 'A-100', 'web'),
    (2, DATE '2024-05-02', DATE '2024-05-12', 'A-101', 'web'),
    (3, DATE '2024-05-07', DATE '2024-05-08', 'A-102', 'store');
"""


@pytest.fixture(scope="module")
def shop(yaml_shop):
    return yaml_shop("parcels", MODEL, DATA, dt.date(2024, 5, 31))


def test_a_sum_of_one_counts_the_models_rows(shop) -> None:
    catalog = build_catalog(load_model(shop.path, con=shop.con), con=shop.con)
    assert catalog.metric("number_of_orders").counts == "order"


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
