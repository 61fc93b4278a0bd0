"""Two general Chinese forms on models of two domains (no synonyms):

- a day span whose first day carries the year, or a year named relative to today
  ("2024年12月1日至7日", "今年1月1日到5日", "2024年12月30日到2025年1月5日") is one range, not
  a day plus a stray number or the whole month;
- 其他/其余 after an exclusion ("除了美国，其他国家各自的…") is the rest of that dimension and
  is absorbed; without an exclusion it says "other than what?" and is refused, never dropped.
"""

from __future__ import annotations

import datetime as dt

import pytest

from nl2sql.rules import understand
from nl2sql.timeparse import find_times
from semantic_layer.catalog import Catalog, CatalogDimension, CatalogEntity, CatalogMetric

TODAY = dt.date(2025, 1, 8)


pytestmark = pytest.mark.usefixtures("own_cache")


WEB = Catalog(
    metrics=(CatalogMetric("unique_users", "Unique Users", agg="count_distinct", counts="user"),),
    dimensions=(
        CatalogDimension(
            "event__geo_country", "Geo Country", values=("United States", "Canada", "India")
        ),
        CatalogDimension("event__event_date", "Event Date", dim_type="time"),
    ),
    entities=(CatalogEntity("event", "event"), CatalogEntity("user", "user")),
)

INSURANCE = Catalog(
    metrics=(CatalogMetric("premium_amount", "Premium Amount", agg="sum"),),
    dimensions=(
        CatalogDimension("policy__region", "Region", values=("north", "south", "west")),
        CatalogDimension("policy__policy_date", "Policy Date", dim_type="time"),
    ),
    entities=(CatalogEntity("policy", "policy"),),
)


def _span(text: str) -> tuple[str, str]:
    (m,) = find_times(text, TODAY)
    return str(m.range.start), str(m.range.end)


def test_day_spans_with_a_year_on_the_first_day_or_a_relative_year() -> None:
    assert _span("2024年12月1日至7日") == ("2024-12-01", "2024-12-08")
    assert _span("2024年12月1日到2024年12月7日") == ("2024-12-01", "2024-12-08")
    assert _span("2024年12月30日到2025年1月5日") == ("2024-12-30", "2025-01-06")
    assert _span("今年1月1日到5日") == ("2025-01-01", "2025-01-06")
    assert _span("去年3月1日至4月2日") == ("2024-03-01", "2024-04-03")
    assert _span("3月1日到3月7日") == ("2024-03-01", "2024-03-08")  # unchanged: latest March


def test_day_spans_in_questions_on_two_models() -> None:
    u = understand("2024年12月1日至7日的独立用户数", WEB, TODAY)
    assert not u.refused, u.reason_en
    t = u.query.time_range
    assert (str(t.start), str(t.end)) == ("2024-12-01", "2024-12-08")
    u = understand("今年1月1日到5日的保费金额", INSURANCE, TODAY)
    assert not u.refused, u.reason_en
    t = u.query.time_range
    assert (str(t.start), str(t.end)) == ("2025-01-01", "2025-01-06")


def test_the_rest_after_an_exclusion_is_absorbed() -> None:
    u = understand("除了美国，其他国家各自的独立用户数", WEB, TODAY)
    assert not u.refused, u.reason_en
    q = u.query
    assert q.group_by == ["event__geo_country"]
    assert [(f.dimension, f.op, f.values) for f in q.filters] == [
        ("event__geo_country", "!=", ["United States"])
    ]
    u = understand("除了north以外，其余地区的保费金额", INSURANCE, TODAY)
    assert not u.refused, u.reason_en
    assert [(f.dimension, f.op, f.values) for f in u.query.filters] == [
        ("policy__region", "!=", ["north"])
    ]


def test_other_without_an_exclusion_is_refused_not_dropped() -> None:
    for question, catalog in (("其他国家的独立用户数", WEB), ("其余地区的保费金额", INSURANCE)):
        u = understand(question, catalog, TODAY)
        assert u.refused, (question, u.query)


def test_through_a_day_includes_it_and_everything_before() -> None:
    # 截至 was a stop word: "截至12月31日的累计收入" answered for the one day — a wrong answer
    assert _span("截至12月31日") == ("None", "2025-01-01")
    assert _span("截止到2024年12月15日") == ("None", "2024-12-16")
    assert _span("until dec 31") == ("None", "2025-01-01")
    assert _span("12月1日以前") == ("None", "2024-12-01")  # before: the day itself is out
    u = understand("截至12月31日的独立用户数", WEB, TODAY)
    assert not u.refused, u.reason_en
    assert (u.query.time_range.start, str(u.query.time_range.end)) == (None, "2025-01-01")
    u = understand("截至2024年12月15日的保费金额", INSURANCE, TODAY)
    assert not u.refused, u.reason_en
    assert (u.query.time_range.start, str(u.query.time_range.end)) == (None, "2024-12-16")


def test_a_quarter_written_q4_inside_chinese() -> None:
    assert _span("2024年q4的收入") == ("2024-10-01", "2025-01-01")
    assert _span("q4的收入") == ("2024-10-01", "2025-01-01")
    assert _span("q4 2024") == ("2024-10-01", "2025-01-01")
    u = understand("2024年Q4的保费金额", INSURANCE, TODAY)
    assert not u.refused, u.reason_en
    t = u.query.time_range
    assert (str(t.start), str(t.end)) == ("2024-10-01", "2025-01-01")


def test_a_quarter_or_half_of_a_year_named_relative_to_today() -> None:
    # "去年第四季度" was two ranges (去年, the latest Q4) and refused
    assert _span("去年第4季度") == ("2024-10-01", "2025-01-01")
    assert _span("今年第1季度") == ("2025-01-01", "2025-04-01")
    assert _span("前年上半年") == ("2023-01-01", "2023-07-01")
    u = understand("去年第四季度每月的独立用户数", WEB, TODAY)
    assert not u.refused, u.reason_en
    t = u.query.time_range
    assert (str(t.start), str(t.end)) == ("2024-10-01", "2025-01-01")
    u = understand("去年上半年的保费金额", INSURANCE, TODAY)
    assert not u.refused, u.reason_en
    t = u.query.time_range
    assert (str(t.start), str(t.end)) == ("2024-01-01", "2024-07-01")
