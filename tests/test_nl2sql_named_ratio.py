""" "Ratio of A to B" / "A与B之比" is the model's own ratio metric of A over B, or refused.

A dbt ratio metric is a numerator and a denominator metric; users ask for it by its parts.
"Ratio" was an unknown word, so the question was refused although the model answers it
(``nl2sql.rules.passes.named_ratio``). A ratio the model does not define — or the same two
metrics the other way round — is refused by name, never computed by the engine. Two domains:
a shop (revenue over orders) and a help desk whose second side is said by its event alone
("tickets resolved to opened").
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.semantic_helpers import answer_rows, rows_in_order

TODAY = dt.date(2026, 7, 2)
SHOP = """
semantic_models:
  - name: orders
    model: ref('orders')
    defaults: {agg_time_dimension: ordered_on}
    entities:
      - {name: order, type: primary, expr: order_id}
    dimensions:
      - {name: ordered_on, type: time, type_params: {time_granularity: day}}
      - {name: region, type: categorical}
    measures:
      - {name: revenue, agg: sum, expr: amount}
      - {name: order_count, agg: count, expr: order_id}
metrics:
  - {name: revenue, label: Revenue, type: simple, type_params: {measure: revenue}}
  - {name: orders, label: Orders, type: simple, type_params: {measure: order_count}}
  - name: revenue_per_order
    label: Basket size
    type: ratio
    type_params: {numerator: revenue, denominator: orders}
"""
SHOP_DATA = """
create table orders (order_id int, ordered_on date, region varchar, amount int);
insert into orders values (1, '2026-06-01', 'east', 30), (2, '2026-06-02', 'east', 10),
  (3, '2026-06-03', 'west', 50);
"""
DESK = """
semantic_models:
  - name: tickets
    model: ref('tickets')
    entities:
      - {name: ticket, type: primary, expr: ticket_id}
    dimensions:
      - {name: ticket_opened_date, type: time, type_params: {time_granularity: day}}
      - {name: ticket_resolved_date, type: time, type_params: {time_granularity: day}}
      - {name: queue, type: categorical}
    measures:
      - {name: opened, agg: count_distinct, expr: ticket_id, agg_time_dimension: ticket_opened_date}
      - {name: resolved, agg: count_distinct, expr: ticket_id,
         agg_time_dimension: ticket_resolved_date}
metrics:
  - {name: tickets_opened, label: Number of tickets opened, type: simple,
     type_params: {measure: opened}}
  - {name: tickets_resolved, label: Number of tickets resolved, type: simple,
     type_params: {measure: resolved}}
  - name: resolution_ratio
    label: Resolution ratio
    type: ratio
    type_params: {numerator: tickets_resolved, denominator: tickets_opened}
"""
DESK_DATA = """
create table tickets (ticket_id int, ticket_opened_date date, ticket_resolved_date date,
                      queue varchar);
insert into tickets values (1, '2026-05-28', '2026-06-02', 'billing'),
  (2, '2026-06-03', '2026-06-05', 'billing'), (3, '2026-06-10', null, 'tech'),
  (4, '2026-06-20', '2026-06-21', 'tech'), (5, '2026-06-29', null, 'tech');
"""


@pytest.fixture(scope="module")
def shop(yaml_shop):
    return yaml_shop("named_ratio_shop", SHOP, SHOP_DATA, TODAY)


@pytest.fixture(scope="module")
def desk(yaml_shop):
    return yaml_shop("named_ratio_desk", DESK, DESK_DATA, TODAY)


@pytest.mark.parametrize(
    "question", ["ratio of revenue to orders by region", "revenue to orders ratio by region"]
)
def test_the_ratio_of_two_metrics_is_the_models_ratio(shop, question) -> None:
    a = shop.ask(question)
    assert a.ok, a.error
    assert a.query.metrics == ["revenue_per_order"]
    assert answer_rows(a) == [("east", 20.0), ("west", 50.0)]


def test_chinese(shop) -> None:
    a = shop.ask("收入与订单数之比")
    assert a.ok, a.error
    assert a.query.metrics == ["revenue_per_order"]
    assert rows_in_order(a) == [(30.0,)]


def test_a_ratio_the_model_does_not_define_is_refused(shop) -> None:
    """Orders over revenue is no ratio of the model: refused, not computed or flipped."""
    a = shop.ask("ratio of orders to revenue")
    assert a.refused
    assert "no ratio" in a.error


def test_the_second_side_said_by_its_event(desk) -> None:
    """June: resolved 3 (tickets 1, 2, 4 by resolution date) over opened 4 (2, 3, 4, 5)."""
    a = desk.ask("ratio of tickets resolved to opened in June 2026")
    assert a.ok, a.error
    assert a.query.metrics == ["resolution_ratio"]
    assert rows_in_order(a) == [(0.75,)]
    assert desk.ask("ratio of tickets opened to resolved").refused
