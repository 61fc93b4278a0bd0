"""A Chinese verb clause before 的 + a noun is read as that verb (``nl2sql.rules.clause_verbs``).

"下过单的客户有多少" on a public shop model counted every customer (100, where 75 had ordered): 下过
and 单 are stop words, so the relative clause was dropped (issue #12). The clause's verb is now
settled like an English one ("how many guests booked", ``rules.other_event_verbs``): on a count
dated by the verb's event only the rows where it happened are kept; a clause under a negation,
or one whose verb names no event of the model, is refused. Original model: a seed library's
members and their seed orders.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.semantic_helpers import ok_rows

TODAY = dt.date(2026, 7, 2)
SEEDS = """
semantic_models:
  - name: members
    model: ref('members')
    defaults: {agg_time_dimension: first_order_date}
    entities:
      - {name: member, type: primary, expr: member_id}
    dimensions:
      - {name: first_order_date, type: time, type_params: {time_granularity: day}}
      - {name: plot_size, type: categorical}
    measures:
      - {name: member_count, agg: count, expr: member_id}
  - name: orders
    model: ref('seed_orders')
    defaults: {agg_time_dimension: ordered_at}
    entities:
      - {name: order, type: primary, expr: order_id}
      - {name: member, type: foreign, expr: member_id}
    dimensions:
      - {name: ordered_at, type: time, type_params: {time_granularity: day}}
    measures:
      - {name: order_count, agg: count, expr: order_id}
metrics:
  - {name: members, label: Members, type: simple, type_params: {measure: member_count}}
  - {name: orders, label: Orders, type: simple, type_params: {measure: order_count}}
"""
SEEDS_DATA = """
create table members (member_id int, first_order_date date, plot_size varchar);
insert into members values (1, '2026-05-03', 'small'), (2, '2026-06-10', 'large'),
  (3, null, 'small'), (4, null, 'large');
create table seed_orders (order_id int, member_id int, ordered_at date);
insert into seed_orders values (10, 1, '2026-05-03'), (11, 1, '2026-06-01'), (12, 2, '2026-06-10');
"""


@pytest.fixture(scope="module")
def seeds(yaml_shop):
    return yaml_shop("zh_clause_seeds", SEEDS, SEEDS_DATA, TODAY)


@pytest.mark.parametrize(
    ("question", "rows"),
    [
        ("下过单的会员有多少", [(2,)]),  # 下过单: members who have ordered
        ("下单的会员有多少", [(2,)]),
        ("下了单的会员数", [(2,)]),
        ("how many members ordered", [(2,)]),  # the English twin, as before
        ("会员有多少", [(4,)]),  # no clause: every member
        ("下单的订单数", [(3,)]),  # the verb of the counted thing's own event restates it
        ("有多少会员下过单", [(2,)]),  # the verb after its noun, ending the question
        ("多少会员下单了", [(2,)]),
    ],
)
def test_a_verb_clause_keeps_the_rows_where_it_happened(seeds, question, rows) -> None:
    a = seeds.ask(question)
    assert ok_rows(a) == rows, a.error or a.interpretation


def test_the_clause_is_shown_in_the_interpretation(seeds) -> None:
    a = seeds.ask("下过单的会员有多少")
    assert "下过单" in a.interpretation
    assert "is not null" in a.interpretation


@pytest.mark.parametrize(
    "question",
    [
        "没下过单的会员有多少",  # negated: the members who never ordered, never all of them
        "买过的会员有多少",  # no term of the model names buying
        "有多少会员买过",
        "有多少会员没下过单",
    ],
)
def test_a_clause_it_cannot_read_is_refused(seeds, question) -> None:
    a = seeds.ask(question)
    assert a.refused, a.interpretation


KILN = """
semantic_models:
  - name: returns
    model: ref('kiln_returns')
    defaults: {agg_time_dimension: returned_at}
    entities:
      - {name: kiln_return, type: primary, expr: return_id}
    dimensions:
      - {name: returned_at, type: time, type_params: {time_granularity: day}}
      - {name: reason, type: categorical}
      - {name: created_at, type: time, type_params: {time_granularity: day}}
    measures:
      - {name: return_count, agg: count, expr: return_id}
metrics:
  - {name: returns, label: Returns, type: simple, type_params: {measure: return_count}}
"""
KILN_DATA = """
create table kiln_returns (return_id int, returned_at date, reason varchar, created_at date);
insert into kiln_returns values (1, '2026-06-01', '釉面开裂', '2026-05-20'),
  (2, '2026-06-02', '釉面开裂', '2026-05-21'), (3, '2026-06-03', '尺寸不符', '2026-05-22');
"""


@pytest.mark.parametrize("verb", ["导致", "引起", "造成"])
def test_a_causing_verb_links_a_value_to_its_noun(yaml_shop, verb) -> None:
    """<reason>导致的退货: returns *caused by* a reason — the value filters, the verb is no
    event clause. Read as one, 导致 ("to cause", a sense of *create*) named the model's
    "created" date, which the question does not use: refused (nl-eval's 质量问题导致的退货数)."""
    kiln = yaml_shop("zh_clause_kiln", KILN, KILN_DATA, TODAY)
    a = kiln.ask(f"釉面开裂{verb}的退货数")
    assert ok_rows(a) == [(2,)], a.error or a.interpretation
