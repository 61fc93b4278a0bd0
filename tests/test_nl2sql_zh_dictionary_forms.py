"""Chinese on English-only models through CC-CEDICT entries the index used to misread.

Three general dictionary classes, each on models of two domains written like someone else's
dbt project (no synonyms):

- a closed English compound in a name (`pageviews`, `net_cashflow`) is looked up written
  apart, where CC-CEDICT glosses it (浏览量 "page views", 现金流 "cash flow");
- a gloss of several words counts as the entry's meaning wherever the entry lists it
  (浏览量 glosses "page views" second);
- a cross-reference inside a gloss (英国 "United Kingdom 聯合王國|联合王国[...]") is no part of
  the English, so 英国 reaches a "United Kingdom" value;

and a word that counts a noun (浏览量 = 浏览 + 量) never names a category value (`page_view`).
"""

from __future__ import annotations

import datetime as dt
from functools import partial

import pytest

from nl2sql.vocabulary import cedict
from nl2sql.vocabulary.bridges import build_bridges
from semantic_layer.catalog import Catalog, CatalogDimension, CatalogEntity, CatalogMetric
from tests.understand_helpers import understood_query

TODAY = dt.date(2025, 1, 8)


pytestmark = pytest.mark.usefixtures("own_cache")


WEB = Catalog(
    metrics=(
        CatalogMetric("pageviews", "Pageviews", agg="count"),
        CatalogMetric("unique_users", "Unique Users", agg="count_distinct"),
    ),
    dimensions=(
        CatalogDimension(
            "event__event_name", "Event Name", values=("page_view", "scroll", "click")
        ),
        CatalogDimension(
            "event__geo_country",
            "Geo Country",
            values=("United Kingdom", "United States", "Canada"),
        ),
        CatalogDimension("event__event_date", "Event Date", dim_type="time"),
    ),
    entities=(CatalogEntity("event", "event"), CatalogEntity("user", "user")),
)

FINANCE = Catalog(
    metrics=(
        CatalogMetric("net_cashflow", "Net Cashflow", agg="sum"),
        CatalogMetric("policy_count", "Policy Count", agg="count"),
    ),
    dimensions=(
        CatalogDimension(
            "policy__holder_country",
            "Holder Country",
            values=("United Kingdom", "France", "Germany"),
        ),
        CatalogDimension("policy__region", "Region", values=("north", "south")),
    ),
    entities=(CatalogEntity("policy", "policy"),),
)


#: the question's semantic query as of TODAY (a refusal fails the test)
_query = partial(understood_query, today=TODAY)


def test_a_closed_compound_is_looked_up_written_apart() -> None:
    assert cedict.closed_compound("pageviews") == "page views"
    assert cedict.closed_compound("revenue") is None  # a plain word stays whole
    assert ("浏览量", 0, "exact") in cedict.chinese_for("pageviews")
    assert ("现金流", 0, "exact") in cedict.chinese_for("cashflow")
    # a word with a gloss of its own is not taken apart ("carpet" is no car + pet)
    assert all(w != "宠物车" for w, _, _ in cedict.chinese_for("carpet"))


def test_pageviews_in_chinese_on_a_web_analytics_model() -> None:
    q = _query("上个月的浏览量", WEB)
    assert q.metrics == ["pageviews"] and not q.filters
    q = _query("各国家的浏览量", WEB)
    assert q.metrics == ["pageviews"] and q.group_by == ["event__geo_country"]


def test_net_cashflow_in_chinese_on_a_finance_model() -> None:
    q = _query("各地区的净现金流", FINANCE)
    assert q.metrics == ["net_cashflow"] and q.group_by == ["policy__region"]


def test_a_count_word_never_names_a_category_value() -> None:
    terms = {(b.term, b.kind, b.value) for b in build_bridges(WEB)}
    assert ("浏览量", "metric", None) in terms
    assert not any(t == "浏览量" and kind == "value" for t, kind, _ in terms)


def test_a_cross_reference_inside_a_gloss_is_not_english() -> None:
    assert cedict.gloss_forms("United Kingdom 聯合王國|联合王国[Lian2 he2 wang2 guo2]") == [
        "united kingdom"
    ]
    q = _query("英国上个月的浏览量", WEB)
    assert [(f.dimension, f.values) for f in q.filters] == [
        ("event__geo_country", ["United Kingdom"])
    ]
    q = _query("英国的净现金流", FINANCE)
    assert q.metrics == ["net_cashflow"]
    assert [(f.dimension, f.values) for f in q.filters] == [
        ("policy__holder_country", ["United Kingdom"])
    ]
