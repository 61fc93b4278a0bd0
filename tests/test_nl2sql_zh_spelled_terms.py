"""Touching Chinese words that together spell one model term are that term (渠道伙伴 = the
entity ``channel_partner``), and a word the lexicon cut off a compound joins it (合作伙伴).

Why: the lexicon matches the longest term it holds, so a compound it lacks was cut into the
terms it holds and each was read alone. On a fresh English-only device-subscription project
渠道伙伴的GMV grouped by the *sales channel* and dropped 伙伴 (a wrong answer), 渠道合作伙伴 and
合作伙伴 left 合作 unknown, and 活跃会员数 read 活跃 as the status value 'active' of two
dimensions and was refused as ambiguous beside the metric "Active Member Count".
Original fixture: a bicycle wholesaler selling through channel partners.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.semantic_helpers import answer_rows

MODEL = """
semantic_models:
  - name: sales
    model: ref('sales')
    defaults: {agg_time_dimension: sold_on}
    entities:
      - {name: sale, type: primary, expr: sale_id}
      - {name: channel_partner, type: foreign, expr: channel_partner_id}
    dimensions:
      - {name: sold_on, type: time, type_params: {time_granularity: day}}
      - {name: sales_channel, type: categorical}
    measures:
      - {name: revenue, agg: sum, expr: amount}
  - name: channel_partners
    model: ref('channel_partners')
    entities:
      - {name: channel_partner, type: primary, expr: channel_partner_id}
    dimensions:
      - {name: partner_name, type: categorical}
      - {name: partner_type, type: categorical}
      - {name: partner_status, type: categorical}
  - name: members
    model: ref('members')
    defaults: {agg_time_dimension: joined_on}
    entities:
      - {name: member, type: primary, expr: member_id}
    dimensions:
      - {name: joined_on, type: time, type_params: {time_granularity: day}}
      - {name: member_status, type: categorical}
      - {name: is_active_member, type: categorical}
    measures:
      - {name: active_members, agg: sum, expr: "case when is_active_member then 1 else 0 end"}
metrics:
  - {name: revenue, label: Revenue, type: simple, type_params: {measure: revenue}}
  - name: active_member_count
    label: Active Member Count
    type: simple
    type_params:
      measure:
        name: active_members
        filter: "{{ Dimension('member__is_active_member') }} = true"
"""
DATA = """
create table sales (sale_id int, channel_partner_id int, sold_on date, sales_channel varchar,
  amount double);
insert into sales values (1, 1, '2026-02-01', 'online', 100), (2, 1, '2026-02-02', 'store', 50),
  (3, 2, '2026-02-03', 'store', 70), (4, 3, '2026-03-01', 'online', 20);
create table channel_partners (channel_partner_id int, partner_name varchar,
  partner_type varchar, partner_status varchar);
insert into channel_partners values (1, 'Velo', 'retail', 'active'),
  (2, 'Ride', 'retail', 'active'), (3, 'Fleetco', 'corporate', 'inactive');
create table members (member_id int, joined_on date, member_status varchar,
  is_active_member boolean);
insert into members values (1, '2026-01-01', 'active', true), (2, '2026-01-02', 'active', true),
  (3, '2026-01-03', 'inactive', false);
"""


@pytest.fixture(scope="module")
def shop(yaml_shop):
    return yaml_shop("zh_spelled_terms", MODEL, DATA, dt.date(2026, 6, 30))


def _by(rows):
    return sorted((r[-2], r[-1]) for r in rows)


@pytest.mark.parametrize(
    ("question", "rows"),
    [
        ("各渠道伙伴的收入", [("Fleetco", 20.0), ("Ride", 70.0), ("Velo", 150.0)]),
        ("各渠道合作伙伴的收入", [("Fleetco", 20.0), ("Ride", 70.0), ("Velo", 150.0)]),
        ("各合作伙伴的收入", [("Fleetco", 20.0), ("Ride", 70.0), ("Velo", 150.0)]),
        ("各合作伙伴类型的收入", [("corporate", 20.0), ("retail", 220.0)]),
        # one word less: the sales channel alone, as before
        ("各渠道的收入", [("online", 120.0), ("store", 120.0)]),
    ],
)
def test_touching_words_spell_one_term(shop, question, rows) -> None:
    a = shop.ask(question)
    assert a.ok, (question, a.error)
    assert a.query.metrics == ["revenue"]
    assert _by(answer_rows(a)) == rows, (question, a.interpretation)


def test_a_modifier_word_and_a_metric_spell_the_metric(shop) -> None:
    a = shop.ask("活跃会员数")
    assert a.ok, a.error
    assert a.query.metrics == ["active_member_count"]
    assert answer_rows(a) == [(2,)]


@pytest.mark.parametrize("question", ["不活跃会员数", "非活跃会员数"])
def test_the_negated_modifier_is_never_the_metric(shop, question) -> None:
    a = shop.ask(question)
    if a.refused:
        return
    assert a.ok, (question, a.error)
    assert answer_rows(a) == [(1,)], (question, a.interpretation)


#: a game studio's purchases (after dbt-labs' "Level Up" lab, session 29): 付费 is bridged as a
#: verb ("to pay") to "Paying Players" and kept as a stop word, 玩家 is the entity player
STUDIO = """
semantic_models:
  - name: purchases
    model: ref('purchases')
    defaults: {agg_time_dimension: bought_at}
    entities:
      - {name: purchase, type: primary, expr: purchase_id}
      - {name: player, type: foreign, expr: player_id}
    dimensions:
      - {name: bought_at, type: time, type_params: {time_granularity: day}}
    measures:
      - {name: net_revenue, agg: sum, expr: net_usd}
      - {name: paying_players, agg: count_distinct, expr: "case when is_live then player_id end"}
      - {name: active_players, agg: count_distinct, expr: player_id}
metrics:
  - {name: net_revenue, label: Net Revenue, type: simple, type_params: {measure: net_revenue}}
  - {name: paying_players, label: Paying Players, type: simple,
     type_params: {measure: paying_players}}
  - {name: monthly_active_players, label: Monthly Active Players, type: simple,
     type_params: {measure: active_players}}
"""
STUDIO_DATA = """
create table purchases (purchase_id int, player_id varchar, bought_at date, net_usd double,
  is_live boolean);
insert into purchases values (1, 'P1', '2026-05-03', 7.0, true), (2, 'P2', '2026-05-04', 42.0,
  false), (3, 'P1', '2026-05-09', 3.5, true), (4, 'P3', '2026-04-20', 7.0, true);
"""


@pytest.fixture(scope="module")
def studio(yaml_shop):
    return yaml_shop("zh_spelled_verb_terms", STUDIO, STUDIO_DATA, dt.date(2026, 6, 2))


@pytest.mark.parametrize("question", ["上个月有多少付费玩家", "付费玩家数"])
def test_a_verb_bridge_and_the_entity_spell_the_metric_it_named(studio, question) -> None:
    """付费 + 玩家 is Paying Players; it was refused ("付费 is about Paying Players, which this
    question does not ask for") since the verb bridge, a stop word, never joined the term."""
    a = studio.ask(question)
    assert a.ok, (question, a.error)
    assert a.query.metrics == ["paying_players"]
    assert answer_rows(a) == ([(1,)] if "上个月" in question else [(2,)])


def test_the_last_words_english_reads_as_the_metric_spell_it_in_chinese(studio) -> None:
    """活跃玩家 spells "active players", which the English lexicon reads as Monthly Active
    Players alone; 活跃 was unknown (the compound had to spell "monthly" too)."""
    a = studio.ask("上个月活跃玩家有多少")
    assert a.ok, a.error
    assert a.query.metrics == ["monthly_active_players"]
    assert answer_rows(a) == [(2,)]
