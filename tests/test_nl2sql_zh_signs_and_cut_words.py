"""Chinese shapes found on a fresh English-only public project (session 17, ARR on a SaaS
model), checked here on a tiny gym model of nothing of that project's names.

- 汇总 (to summarise) cut by a metric's "total" form (汇 + 总净利润) was an unknown 汇;
- a value and a Chinese word of its dimension's name (Gold产品 for ``product_line`` Gold);
- 重新X for a term 重X of an English "re-" word (重新激活 beside ECDICT's 重激活);
- a sign in words (为负, 不为负, is negative) as a comparison with zero.

Each comes with its one-word-difference probes: they must stay right or refused.
"""

from __future__ import annotations

import datetime as dt

import pytest

from nl2sql.rules import understand
from semantic_layer.catalog import Catalog, CatalogDimension, CatalogEntity, CatalogMetric

TODAY = dt.date(2025, 6, 30)

pytestmark = pytest.mark.usefixtures("own_cache")

DAY = "visit__visit_date"
GYM = Catalog(
    metrics=(
        CatalogMetric(
            "net_fee_change",
            "Net Fee Change",
            agg="sum",
            measure_expr="fee_change",
            agg_time_dimension=DAY,
        ),
        CatalogMetric(
            "visit_count",
            "Visit Count",
            agg="count",
            measure_expr="visit_id",
            counts="visit",
            agg_time_dimension=DAY,
        ),
    ),
    dimensions=(
        CatalogDimension(DAY, "visit date", dim_type="time", entity="visit"),
        CatalogDimension(
            "visit__product_line",
            "product line",
            entity="visit",
            values=("Gold", "Basic"),
            dim_type="categorical",
        ),
        CatalogDimension(
            "visit__region",
            "region",
            entity="visit",
            values=("North", "South"),
            dim_type="categorical",
        ),
        CatalogDimension(
            "visit__event_kind",
            "event kind",
            entity="visit",
            values=("reactivation", "cancellation"),
            dim_type="categorical",
        ),
    ),
    entities=(CatalogEntity("visit", "visit", key_expr="visit_id", models=("visits",)),),
)


def _ok(question: str):
    u = understand(question, GYM, TODAY)
    assert not u.refused, (question, u.reason_en)
    assert u.query is not None
    return u.query


def test_summarise_is_not_cut_by_a_total_form() -> None:
    """汇总 stays one grammar word: the same query as 统计 (and as no verb at all)."""
    q = _ok("按地区汇总净费用变动")
    plain = _ok("按地区统计净费用变动")
    assert q.metrics == plain.metrics == ["net_fee_change"]
    assert q.group_by == plain.group_by == ["visit__region"]
    assert q.filters == plain.filters == []


def test_the_total_form_alone_still_names_the_metric() -> None:
    q = _ok("按地区总净费用变动")
    assert q.metrics == ["net_fee_change"] and q.group_by == ["visit__region"]


def test_a_value_and_a_word_of_its_dimension_name() -> None:
    """Gold产品: 产品 is "product", a word of ``product_line``: the filter Gold, nothing else."""
    q = _ok("Gold产品的净费用变动")
    assert q.metrics == ["net_fee_change"]
    assert [(f.dimension, f.op, f.values) for f in q.filters] == [
        ("visit__product_line", "=", ["Gold"])
    ]
    assert q.group_by == []


def test_a_word_of_another_dimension_is_not_absorbed() -> None:
    """地区 (region) after Gold names no word of ``product_line``: never silently dropped —
    it is the region dimension (a breakdown) or the question is refused."""
    u = understand("Gold地区的净费用变动", GYM, TODAY)
    if not u.refused:
        assert u.query is not None
        assert "visit__region" in u.query.group_by or any(
            f.dimension == "visit__region" for f in u.query.filters
        )


def test_a_head_word_naming_nothing_of_the_value_stays_unknown() -> None:
    u = understand("Gold会员的净费用变动", GYM, TODAY)  # 会员 (member): no word of the model
    assert u.refused


def test_chongxin_before_a_re_word() -> None:
    """重新激活 names ``reactivation`` as ECDICT's 重激活 does; 非重新激活 excludes it."""
    q = _ok("重新激活带来的净费用变动")
    assert [(f.dimension, f.op, f.values) for f in q.filters] == [
        ("visit__event_kind", "=", ["reactivation"])
    ]
    neg = _ok("非重新激活的净费用变动")
    assert [(f.dimension, f.op, f.values) for f in neg.filters] == [
        ("visit__event_kind", "!=", ["reactivation"])
    ]


def test_the_verb_alone_is_not_the_re_word() -> None:
    """激活 (activate) without 重新 is no "reactivation": refused, never that value."""
    u = understand("激活带来的净费用变动", GYM, TODAY)
    assert u.refused or all(
        "reactivation" not in f.values for f in (u.query.filters if u.query else [])
    )


@pytest.mark.parametrize(
    ("question", "op"),
    [
        ("净费用变动为负的地区", "<"),
        ("净费用变动是负数的地区", "<"),
        ("净费用变动不为负的地区", ">="),
        ("净费用变动为正的地区", ">"),
        ("regions whose net fee change is negative", "<"),
        ("regions whose net fee change is not positive", "<="),
    ],
)
def test_a_sign_in_words_is_a_comparison_with_zero(question: str, op: str) -> None:
    q = _ok(question)
    assert q.group_by == ["visit__region"]
    assert [(h.metric, h.op, h.value) for h in q.having] == [("net_fee_change", op, 0.0)]


def test_normal_is_no_sign() -> None:
    """为正常 (is normal) keeps 正 inside its word: no comparison is invented."""
    u = understand("净费用变动为正常的地区", GYM, TODAY)
    assert u.refused or (u.query is not None and u.query.having == [])
