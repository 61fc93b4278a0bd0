"""Flags named after their own entity: ``is_<entity>_<state>``.

Why: dbt projects name flags ``is_<adjective>_<head>`` (``is_organic_product``) but also after
the row's entity (``is_credit_package_expired`` on a ``credit_package``, seen on a public
project). The first word was read as the flag's adjective, so "gift" — and its Chinese 礼品 —
named the redeemed flag of a gift card ("每月的礼品卡数" left 卡 unknown, and on a model with a
one-word rendering it would have filtered the redeemed cards), and "unredeemed" was unknown.
The state after the entity's words is now the flag's phrase, taken whole
(``nl2sql.flag_words.flag_phrases``). Two domains: gift cards, and a clinic's lab tests (each
with a filtered variant of the plain count, as on the project).
"""

from __future__ import annotations

import datetime as dt

import pytest

TODAY = dt.date(2026, 3, 5)

CARDS_MODEL = """
semantic_models:
  - name: gift_cards
    model: ref('gift_cards')
    defaults: {agg_time_dimension: issued_at}
    entities:
      - {name: gift_card, type: primary, expr: card_id}
    dimensions:
      - {name: issued_at, type: time, type_params: {time_granularity: day}}
      - {name: is_gift_card_redeemed, type: categorical}
    measures:
      - {name: card_count, agg: count, expr: card_id}
metrics:
  - {name: card_count, label: Card count, type: simple, type_params: {measure: card_count}}
  - name: redeemed_card_count
    label: Redeemed card count
    type: simple
    type_params: {measure: card_count}
    filter: "{{ Dimension('gift_card__is_gift_card_redeemed') }} IS TRUE"
"""
CARDS_DATA = """
create table gift_cards (card_id int, issued_at date, is_gift_card_redeemed boolean);
insert into gift_cards values (1, '2026-01-10', true), (2, '2026-02-11', false),
  (3, '2026-02-12', false), (4, '2026-02-20', true), (5, '2026-02-21', false);
"""

LAB_MODEL = """
semantic_models:
  - name: lab_tests
    model: ref('lab_tests')
    defaults: {agg_time_dimension: ordered_at}
    entities:
      - {name: lab_test, type: primary, expr: test_id}
    dimensions:
      - {name: ordered_at, type: time, type_params: {time_granularity: day}}
      - {name: is_lab_test_repeated, type: categorical}
    measures:
      - {name: tests, agg: count, expr: test_id}
metrics:
  - {name: test_count, label: Lab test count, type: simple, type_params: {measure: tests}}
  - name: repeated_test_count
    label: Repeated lab test count
    type: simple
    type_params: {measure: tests}
    filter: "{{ Dimension('lab_test__is_lab_test_repeated') }} IS TRUE"
"""
LAB_DATA = """
create table lab_tests (test_id int, ordered_at date, is_lab_test_repeated boolean);
insert into lab_tests values (1, '2026-01-03', false), (2, '2026-02-04', true),
  (3, '2026-02-05', false), (4, '2026-02-06', false);
"""


@pytest.fixture(scope="module")
def cards(yaml_shop):
    return yaml_shop("variants_cards", CARDS_MODEL, CARDS_DATA, TODAY)


@pytest.fixture(scope="module")
def lab(yaml_shop):
    return yaml_shop("variants_lab", LAB_MODEL, LAB_DATA, TODAY)


def test_gift_card_count_in_chinese_is_not_the_redeemed_flag(cards) -> None:
    a = cards.ask("每月的礼品卡数")
    assert a.ok, a.error  # was: 礼品 read as the redeemed flag, 卡 left unknown
    assert a.query.metrics == ["card_count"]
    assert sorted(float(r[-1]) for r in a.df.itertuples(index=False)) == [1.0, 4.0]


def test_chinese_test_count_stays_the_plain_count(lab) -> None:
    a = lab.ask("上个月的测试数")
    assert a.ok, a.error
    assert a.query.metrics == ["test_count"]
    assert float(a.df.iloc[0, -1]) == 3.0


def test_unredeemed_gift_cards_filter_the_no_side(cards) -> None:
    a = cards.ask("how many unredeemed gift cards")
    assert a.ok, a.error  # was: "unredeemed" unknown (the flag's adjective read as "gift")
    assert float(a.df.iloc[0, -1]) == 3.0


def test_redeemed_gift_cards_still_filter_the_yes_side(cards) -> None:
    a = cards.ask("redeemed gift cards last month")
    assert a.ok, a.error
    assert float(a.df.iloc[0, -1]) == 1.0


def test_unrepeated_lab_tests_filter_the_no_side(lab) -> None:
    a = lab.ask("number of unrepeated lab tests")
    assert a.ok, a.error
    assert float(a.df.iloc[0, -1]) == 3.0
