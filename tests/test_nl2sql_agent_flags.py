""" "by" after a past participle names who did it: "complaints filed by servicemembers".

A yes/no flag named there (``is_servicemember``) is a condition on its yes side. Read as a
grouping, the answer split the rows into both sides of the flag, the "no" side never asked for.
"file" joins the support verbs ("*file* a claim" is making one, as "place an order" is), so
"claims filed in May" counts claims on the model's own date instead of refusing "filed".
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.semantic_helpers import answer_rows

TODAY = dt.date(2026, 7, 2)
CLAIMS = """
semantic_models:
  - name: claims
    model: ref('claims')
    defaults: {agg_time_dimension: opened_on}
    entities:
      - {name: claim, type: primary, expr: claim_id}
    dimensions:
      - {name: opened_on, type: time, type_params: {time_granularity: day}}
      - {name: is_senior, type: categorical}
    measures:
      - {name: claim_count, agg: count, expr: claim_id}
metrics:
  - {name: claims, label: Claims, type: simple, type_params: {measure: claim_count}}
"""
CLAIMS_DATA = """
create table claims (claim_id int, opened_on date, is_senior boolean);
insert into claims values (1, '2026-05-01', true), (2, '2026-05-02', false),
  (3, '2026-05-03', false), (4, '2026-06-04', true), (5, '2026-06-05', false);
"""
SHOP = """
semantic_models:
  - name: orders
    model: ref('orders')
    defaults: {agg_time_dimension: ordered_on}
    entities:
      - {name: order, type: primary, expr: order_id}
    dimensions:
      - {name: ordered_on, type: time, type_params: {time_granularity: day}}
      - {name: is_member, type: categorical}
    measures:
      - {name: amount, agg: sum, expr: amount}
metrics:
  - {name: sales, label: Sales, type: simple, type_params: {measure: amount}}
"""
SHOP_DATA = """
create table orders (order_id int, ordered_on date, is_member varchar, amount int);
insert into orders values (1, '2026-06-01', 'Y', 30), (2, '2026-06-02', 'N', 10),
  (3, '2026-06-03', 'Y', 5);
"""


@pytest.fixture(scope="module")
def claims(yaml_shop):
    return yaml_shop("agent_claims", CLAIMS, CLAIMS_DATA, TODAY)


@pytest.fixture(scope="module")
def shop(yaml_shop):
    return yaml_shop("agent_shop", SHOP, SHOP_DATA, TODAY)


@pytest.mark.parametrize(
    ("question", "rows"),
    [("how many claims were filed by seniors", [(2,)]), ("claims filed in May 2026", [(3,)])],
)
def test_insurance_claims_filed_by_a_flag(claims, question, rows) -> None:
    a = claims.ask(question)
    assert a.ok, a.error
    assert answer_rows(a) == rows


def test_retail_orders_placed_by_members(shop) -> None:
    a = shop.ask("sales of orders placed by members")
    assert a.ok, a.error
    assert answer_rows(a) == [(35,)]


def test_by_a_flag_without_a_verb_still_groups(shop) -> None:
    """Control: "sales by member" asks for both sides."""
    a = shop.ask("sales by member")
    assert a.ok, a.error
    assert sorted(answer_rows(a)) == [("N", 10), ("Y", 35)]
