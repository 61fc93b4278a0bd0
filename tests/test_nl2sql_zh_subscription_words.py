"""Chinese (and English) words for an English-only subscription model: the unqualified metric
among create_metric proxies (新会员数), a slashed label (促销支出), the head of a "by" label
(获客成本 for "CPA by Partner"), hyphenated modifiers (风险会员, 准时), 的 inside a term
(流失的会员), a closing participle said first (missing boxes), and a metric beside its proxy.

Why: on a fresh English-only subscription project each of these was refused — three metrics
shared "new subscriptions" with only one unqualified, "Marketing/Sales Spend" was reachable by
the whole slashed pair only, "CAC by Channel" had no Chinese, "At-Risk" and "On-Time" cut the
label at their preposition, and 的 between a modifier and its noun broke the term. One wrong
answer came with them: "on-time rate by state" also answered a metric labelled
"Penetration (by state)", whose parenthesised breakdown note was read as its name.
Original fixture: a coffee-box club (members, weekly partner economics, boxes shipped).
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.semantic_helpers import answer_rows

MODEL = """
semantic_models:
  - name: members
    model: ref('members')
    defaults: {agg_time_dimension: joined_on}
    entities:
      - {name: member, type: primary, expr: member_id}
    dimensions:
      - {name: joined_on, type: time, type_params: {time_granularity: day}}
      - {name: region, type: categorical}
    measures:
      - {name: member_count, agg: count, expr: member_id}
      - {name: churned_members, agg: sum, expr: "case when churned then 1 else 0 end",
         create_metric: true}
      - {name: at_risk_member_count, agg: sum, expr: "case when at_risk then 1 else 0 end"}
  - name: partner_weeks
    model: ref('partner_weeks')
    defaults: {agg_time_dimension: signup_week}
    entities:
      - {name: partner_week_row, type: primary, expr: partner_week_key}
    dimensions:
      - {name: signup_week, type: time, type_params: {time_granularity: week}}
      - {name: partner, type: categorical}
    measures:
      - {name: partner_new_members, agg: sum, expr: new_members, create_metric: true}
      - {name: partner_spend_usd, agg: sum, expr: spend_usd, create_metric: true}
      - {name: mrr_added_usd, agg: sum, expr: mrr_usd, create_metric: true}
  - name: boxes
    model: ref('boxes')
    defaults: {agg_time_dimension: shipped_on}
    entities:
      - {name: box, type: primary, expr: box_id}
      - {name: member, type: foreign, expr: member_id}
    dimensions:
      - {name: shipped_on, type: time, type_params: {time_granularity: day}}
    measures:
      - {name: boxes_sent, agg: count, expr: box_id, create_metric: true}
      - {name: boxes_on_time, agg: sum, expr: "case when on_time then 1 else 0 end",
         create_metric: true}
      - {name: boxes_missing, agg: sum, expr: "case when missing then 1 else 0 end",
         create_metric: true}
  - name: region_reach
    model: ref('region_reach')
    defaults: {agg_time_dimension: as_of}
    entities:
      - {name: reach_region, type: primary, expr: region}
    dimensions:
      - {name: as_of, type: time, type_params: {time_granularity: day}}
    measures:
      - {name: reached, agg: sum, expr: reached, create_metric: true}
      - {name: eligible, agg: sum, expr: eligible, create_metric: true}
metrics:
  - {name: weekly_new_members, label: Weekly New Members, type: simple,
     type_params: {measure: member_count}}
  - {name: at_risk_members, label: At-Risk Members, type: simple,
     type_params: {measure: at_risk_member_count}}
  - {name: partner_spend, label: Outreach/Promo Spend, type: simple,
     type_params: {measure: partner_spend_usd}}
  - name: cpa_by_partner
    label: CPA by Partner
    type: ratio
    type_params: {numerator: partner_spend_usd, denominator: partner_new_members}
  - name: box_on_time_rate
    label: Box On-Time Rate
    type: ratio
    type_params: {numerator: boxes_on_time, denominator: boxes_sent}
  - {name: incremental_mrr, label: Incremental MRR Added, type: simple,
     type_params: {measure: mrr_added_usd}}
  - name: region_penetration
    label: Penetration (by region)
    type: ratio
    type_params: {numerator: reached, denominator: eligible}
"""
DATA = """
create table members (member_id int, joined_on date, region varchar, churned boolean,
  at_risk boolean);
insert into members values (1, '2026-01-05', 'north', false, true),
  (2, '2026-01-12', 'north', true, false), (3, '2026-02-02', 'south', true, true),
  (4, '2026-02-09', 'south', false, false), (5, '2026-03-02', 'south', false, false);
create table partner_weeks (partner_week_key varchar, partner varchar, signup_week date,
  new_members int, spend_usd double, mrr_usd double);
insert into partner_weeks values ('web-1', 'web', '2026-01-05', 2, 100, 40),
  ('web-2', 'web', '2026-02-02', 1, 60, 20), ('shop-1', 'shop', '2026-02-09', 2, 300, 45);
create table boxes (box_id int, member_id int, shipped_on date, on_time boolean,
  missing boolean);
insert into boxes values (1, 1, '2026-01-06', true, false), (2, 2, '2026-01-13', false, true),
  (3, 3, '2026-02-03', true, false), (4, 4, '2026-02-10', true, false),
  (5, 5, '2026-03-03', false, false);
create table region_reach (region varchar, as_of date, reached int, eligible int);
insert into region_reach values ('north', '2026-03-31', 2, 20), ('south', '2026-03-31', 3, 10);
"""


@pytest.fixture(scope="module")
def club(yaml_shop):
    return yaml_shop("zh_subscription_words", MODEL, DATA, dt.date(2026, 6, 30))


@pytest.mark.parametrize(
    ("question", "metric", "rows"),
    [
        # the one metric the phrase names without a qualifier ("weekly" is only a period)
        ("新会员数", "weekly_new_members", [(5,)]),
        ("how many new members", "weekly_new_members", [(5,)]),
        ("各地区的新会员数", "weekly_new_members", [("north", 2), ("south", 3)]),
        # each word of a slashed pair, with the rest of the label
        ("促销支出总额", "partner_spend", [(460.0,)]),
        ("outreach spend by partner", "partner_spend", [("shop", 300.0), ("web", 160.0)]),
        # the head of a "by" label in Chinese
        ("各合作方的获客成本", "cpa_by_partner", [("shop", 150.0), ("web", 160.0 / 3)]),
        # a hyphenated modifier: its preposition neither cuts the label nor needs a rendering
        ("风险会员数", "at_risk_members", [(2,)]),
        ("准时率", "box_on_time_rate", [(0.6,)]),
        # 的 between a modifier and its noun
        ("流失的会员数", "churned_members", [(2,)]),
        ("流失会员数", "churned_members", [(2,)]),
        # a closing participle said first
        ("how many missing boxes", "boxes_missing", [(1,)]),
        # a metric beside its create_metric proxy: the same numbers either way; MRR stays Latin
        ("新增MRR", None, [(105.0,)]),
    ],
)
def test_the_word_names_the_model_term(club, question: str, metric: str | None, rows) -> None:
    a = club.ask(question)
    assert a.ok, (question, a.error)
    if metric is not None:
        assert a.query.metrics == [metric], (question, a.interpretation)
    else:
        assert a.query.metrics[0] in ("incremental_mrr", "mrr_added_usd")
    got = answer_rows(a)
    assert len(got) == len(rows)
    for g, r in zip(got, sorted(rows), strict=True):
        assert g[:-1] == r[:-1] and g[-1] == pytest.approx(r[-1]), (question, got)


def test_a_breakdown_note_is_no_name_of_its_metric(club) -> None:
    """The wrong answer: "(by region)" named the penetration metric, so the breakdown of
    another metric by region also answered penetration."""
    a = club.ask("box on-time rate by region")
    assert a.ok, a.error
    assert a.query.metrics == ["box_on_time_rate"]
    assert answer_rows(a) == [("north", 0.5), ("south", pytest.approx(2 / 3))]


@pytest.mark.parametrize(
    "question",
    [
        "各合作方的新会员数",  # says "partner": the partner proxy is a reading too — asked back
        "未流失的会员数",  # the negation: never the churned count
        "有效获客成本",  # a qualifier the model has no metric for
    ],
)
def test_one_word_differences_are_refused_or_right(club, question: str) -> None:
    a = club.ask(question)
    if a.refused:
        return
    assert a.ok, a.error
    if question == "各合作方的新会员数":
        assert answer_rows(a) == [("shop", 2), ("web", 3)]
    elif question == "未流失的会员数":
        assert answer_rows(a) == [(3,)]
    else:
        raise AssertionError(f"{question} answered: {a.interpretation}")
