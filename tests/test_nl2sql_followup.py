"""Follow-up questions merged into the previous semantic query (``context=``)."""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
from pathlib import Path

import pytest

from nl2sql import ask
from nl2sql.rules import understand
from semantic_layer.query import DimensionFilter, SemanticQuery, TimeRange

_spec = importlib.util.spec_from_file_location(
    "nl_catalogs", Path(__file__).parent / "fixtures" / "nl_catalogs.py"
)
nl_catalogs = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(nl_catalogs)

TODAY = dt.date(2026, 11, 20)
ORDERS = nl_catalogs.orders_catalog()
LAST_MONTH = TimeRange(start=dt.date(2026, 10, 1), end=dt.date(2026, 11, 1))


def _chain(*questions: str) -> list:
    """Understand each question as a follow-up of the previous one."""
    out, prev = [], None
    for q in questions:
        u = understand(q, ORDERS, TODAY, context=prev)
        assert not u.refused, (q, u.reason)
        out.append(u)
        prev = u.query
    return out


def test_replace_a_filter_change_the_time_add_a_grain_in_chinese() -> None:
    first, other, week7, weekly = _chain("天猫上个月的GMV", "那京东呢？", "只看最近7天", "按周看")
    assert first.changes == []
    assert other.query.metrics == ["gmv"] and other.query.time_range == LAST_MONTH
    assert other.query.filters == [DimensionFilter(dimension="order__channel", values=["jd"])]
    assert other.changes == ["渠道 = 京东（原为 渠道 = 天猫）"]
    assert week7.query.time_range == TimeRange(
        start=dt.date(2026, 11, 14), end=dt.date(2026, 11, 21)
    )
    assert week7.query.filters == other.query.filters
    assert week7.changes == ["时间改为最近7天 (2026-11-14 ~ 2026-11-20)"]
    assert weekly.query.group_by == ["metric_time__week"]
    assert weekly.query.time_range == week7.query.time_range and weekly.changes == ["改为按周"]


def test_add_a_grain_then_rank_in_english() -> None:
    _, monthly, top = _chain("GMV by channel last month", "and by month?", "top 3")
    assert monthly.query.group_by == ["order__channel", "metric_time__month"]
    assert monthly.query.time_range == LAST_MONTH and monthly.changes == ["now by month"]
    # a default order is redone for the new shape (time first), not inherited
    assert [o.name for o in monthly.query.order_by] == ["metric_time__month"]
    assert top.query.limit == 3 and top.query.order_by[0].name == "gmv"
    assert top.changes == ["top 3 by GMV"]


def test_a_complete_question_starts_afresh() -> None:
    _, fresh = _chain("天猫上个月的GMV", "GMV by channel")
    assert fresh.changes == [] and fresh.query.filters == [] and fresh.query.time_range is None


def test_a_follow_up_that_changes_nothing_is_refused_with_the_reason() -> None:
    prev = SemanticQuery(
        metrics=["gmv"], filters=[DimensionFilter(dimension="order__channel", values=["jd"])]
    )
    u = understand("那京东呢", ORDERS, TODAY, context=prev)
    assert u.refused and "没有改变" in u.reason


def test_without_context_a_fragment_is_still_refused() -> None:
    u = understand("那京东呢？", ORDERS, TODAY)
    assert u.refused and u.reason == "问题中没有我认识的指标"


def test_a_context_that_is_not_a_query_is_refused_by_name() -> None:
    u = understand("那京东呢？", ORDERS, TODAY, context={"query": {"metrics": "gmv", "limit": 0}})
    assert u.refused and "not a semantic query" in u.reason_en and "语义查询" in u.reason


def test_ask_takes_the_json_context_and_says_what_changed(demo_con) -> None:
    first = ask("上个月天猫的GMV", con=demo_con, today=TODAY, engine="rules", chart=False)
    context = json.loads(json.dumps(first.followup_context()))  # what a page keeps
    assert context["question"] == "上个月天猫的GMV"
    nxt = ask("那京东呢？", con=demo_con, today=TODAY, engine="rules", chart=False, context=context)
    assert nxt.ok and nxt.changes and "（追问：" in nxt.interpretation
    direct = ask("上个月京东的GMV", con=demo_con, today=TODAY, engine="rules", chart=False)
    assert nxt.df.iloc[0, 0] == pytest.approx(direct.df.iloc[0, 0])
    assert nxt.df.iloc[0, 0] != pytest.approx(first.df.iloc[0, 0])
    # an Answer itself works as context too
    again = ask("按周看", con=demo_con, today=TODAY, engine="rules", chart=False, context=nxt)
    assert again.ok and len(again.df) >= 4 and again.query.group_by == ["metric_time__week"]
