"""Two readings a public theme-park project's questions needed, on an original bakery model.

- "How many orders by club members?" was grouped by the yes/no flag (both sides shown, the
  "no" side never asked for): "by" + a plural word for people names who made the rows, the way
  "orders placed by club members" does (``rules.passes.grouping.plural_people``);
- "平均每笔订单收入" / "average revenue per order" was refused when the model's average is a
  derived metric ``revenue / nullif(orders, 0)`` rather than a ``type: ratio`` metric: a derived
  metric of one plain input over another is now the model's own ratio
  (``semantic_layer.derived_ratio``);
- "VIP会员的总访问收入" left 会员 unknown: a flag ``is_vip_member`` had no Chinese compound, its
  copula "is" has none, and "vip" is no word a dictionary renders; the flag's subject is
  compounded with such a short word kept in Latin letters, as Chinese users type it
  (``vocabulary.chinese_anchors.flag_subject`` / ``latin_words``).

Probes one word away stay grouped or refused: "by club membership", "by club member" (a
breakdown), an average of an amount the model defines no ratio for, and a derived metric that
scales its ratio (``* 100``) never counts as one.
"""

from __future__ import annotations

import datetime as dt

import pytest

TODAY = dt.date(2025, 11, 15)
BAKERY = """
semantic_models:
  - name: patrons
    model: ref('patrons')
    entities:
      - {name: patron, type: primary, expr: patron_id}
    dimensions:
      - {name: is_club_member, type: categorical}
      - {name: is_vip_member, type: categorical}
  - name: orders
    model: ref('orders')
    defaults: {agg_time_dimension: ordered_on}
    entities:
      - {name: order, type: primary, expr: order_id}
      - {name: patron, type: foreign, expr: patron_id}
    dimensions:
      - {name: ordered_on, type: time, type_params: {time_granularity: day}}
      - {name: counter, type: categorical}
    measures:
      - {name: revenue, agg: sum, expr: amount}
      - {name: tips, agg: sum, expr: tip}
      - {name: order_count, agg: count_distinct, expr: order_id}
metrics:
  - {name: total_revenue, label: Total Revenue, type: simple, type_params: {measure: revenue}}
  - {name: total_tips, label: Total Tips, type: simple, type_params: {measure: tips}}
  - {name: orders, label: Orders, type: simple, type_params: {measure: order_count}}
  - name: revenue_per_order
    label: Revenue Per Order
    type: derived
    type_params:
      expr: total_revenue / nullif(orders, 0)
      metrics: [{name: total_revenue}, {name: orders}]
  - name: tip_index
    label: Tip Index
    type: derived
    type_params:
      expr: total_tips / orders * 100
      metrics: [{name: total_tips}, {name: orders}]
"""
BAKERY_DATA = """
create table patrons (patron_id int, is_club_member boolean, is_vip_member boolean);
insert into patrons values (1, true, false), (2, false, false), (3, false, true);
create table orders (order_id int, patron_id int, ordered_on date, counter varchar,
  amount double, tip double);
insert into orders values
  (1, 1, '2025-10-02', 'front', 12.0, 1.0),
  (2, 1, '2025-10-03', 'window', 8.0, 0.0),
  (3, 2, '2025-10-03', 'front', 5.0, 0.5),
  (4, 3, '2025-10-04', 'window', 15.0, 2.0),
  (5, 2, '2025-10-05', 'front', 10.0, 0.0);
"""


@pytest.fixture(scope="module")
def bakery(yaml_shop):
    return yaml_shop("agents_derived_bakery", BAKERY, BAKERY_DATA, TODAY)


def _value(a) -> float:
    assert not a.refused, a.error
    assert len(a.df) == 1, a.df
    return float(a.df.iloc[0, -1])


@pytest.mark.parametrize(
    "question", ["How many orders by club members?", "orders placed by club members"]
)
def test_by_plural_people_of_a_flag_selects_them(bakery, question: str) -> None:
    assert _value(bakery.ask(question)) == 2


def test_revenue_by_plural_people_of_a_flag(bakery) -> None:
    assert _value(bakery.ask("total revenue by club members")) == 20.0


def test_a_breakdown_by_the_flag_stays_one(bakery) -> None:
    a = bakery.ask("orders by club member")
    assert not a.refused, a.error
    assert sorted(float(v) for v in a.df.iloc[:, -1]) == [2.0, 3.0]


def test_by_a_word_that_is_no_person_is_never_the_filter(bakery) -> None:
    """ "membership" is not a plural of people: never read as the members' rows (this model
    does not know the word, so it is refused; a model that does groups by it)."""
    a = bakery.ask("orders by club membership")
    assert a.refused or sorted(float(v) for v in a.df.iloc[:, -1]) == [2.0, 3.0]


@pytest.mark.parametrize(
    "question", ["average revenue per order", "平均每笔订单收入", "每笔订单的平均收入"]
)
def test_a_derived_ratio_is_the_models_own_average(bakery, question: str) -> None:
    assert _value(bakery.ask(question)) == pytest.approx(50.0 / 5)


def test_a_derived_ratio_by_the_flag(bakery) -> None:
    a = bakery.ask("revenue per order by club member")
    assert not a.refused, a.error
    got = {str(r.iloc[0]).lower(): float(r.iloc[-1]) for _, r in a.df.iterrows()}
    assert got == {"true": 10.0, "false": 10.0}


def test_an_average_the_model_does_not_define_stays_refused(bakery) -> None:
    assert bakery.ask("average tips per order").refused


def test_only_a_plain_division_is_a_ratio(bakery) -> None:
    from semantic_layer import load_model
    from semantic_layer.catalog_builder import build_catalog

    cat = build_catalog(load_model(bakery.path))
    assert cat.metric("revenue_per_order").ratio_of == ("total_revenue", "orders")
    assert cat.metric("tip_index").ratio_of == ()


@pytest.mark.parametrize(("question", "n"), [("VIP会员的订单数", 1), ("非VIP会员的订单数", 4)])
def test_a_flag_subject_in_latin_and_chinese(bakery, question: str, n: int) -> None:
    assert _value(bakery.ask(question)) == n


def test_the_chinese_head_alone_names_no_flag(bakery) -> None:
    assert bakery.ask("会员的订单数").refused


def test_two_flags_listed_after_by_stay_a_breakdown(bakery) -> None:
    """ "by club members and VIP members" compares the sides; as two filters it answered the
    orders of patrons who are both (none here), which nobody asked."""
    a = bakery.ask("orders by club members and VIP members")
    assert not a.refused, a.error
    assert len(a.df) == 3 and sorted(float(v) for v in a.df.iloc[:, -1]) == [1.0, 2.0, 2.0]
