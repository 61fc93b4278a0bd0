"""General words of digital and feedback models in Chinese, and a date's verb before a grain.

- the glossary's device, traffic and polarity words (设备类型 device category, 手机端 mobile,
  流量来源 traffic source, 正面/负面 positive/negative, 情绪 sentiment), on a web analytics
  model and an app-review model, both English-only;
- "按文章发布月份" / "按订单发货月份": a date's verb with a grain word after it is that date
  at that grain, and the owner named before it (文章, 订单) only says whose date it is — no
  grouping by every article or order.
"""

from __future__ import annotations

import datetime as dt
from functools import partial

import pytest

from semantic_layer.catalog import Catalog, CatalogDimension, CatalogEntity, CatalogMetric
from tests.understand_helpers import understood_query

TODAY = dt.date(2025, 1, 8)


pytestmark = pytest.mark.usefixtures("own_cache")


WEB = Catalog(
    metrics=(
        CatalogMetric(
            "pageviews", "Pageviews", agg="count", agg_time_dimension="event__event_date"
        ),
    ),
    dimensions=(
        CatalogDimension(
            "event__device_category", "Device Category", values=("mobile", "desktop", "tablet")
        ),
        CatalogDimension("event__traffic_source", "Traffic Source", values=("google", "direct")),
        CatalogDimension("event__event_date", "Event Date", dim_type="time"),
        CatalogDimension("article__publish_date", "Publish Date", dim_type="time"),
        CatalogDimension("article__title", "Title"),
    ),
    entities=(CatalogEntity("event", "event"), CatalogEntity("article", "article")),
)

REVIEWS = Catalog(
    metrics=(
        CatalogMetric(
            "review_count",
            "Review Count",
            agg="count",
            counts="review",
            agg_time_dimension="review__review_date",
        ),
    ),
    dimensions=(
        CatalogDimension(
            "review__sentiment", "Sentiment", values=("positive", "negative", "neutral")
        ),
        CatalogDimension("review__device_type", "Device Type", values=("mobile", "desktop")),
        CatalogDimension("review__review_date", "Review Date", dim_type="time"),
        CatalogDimension("order__ship_date", "Ship Date", dim_type="time"),
    ),
    entities=(CatalogEntity("review", "review"), CatalogEntity("order", "order")),
)


#: the question's semantic query as of TODAY (a refusal fails the test)
_query = partial(understood_query, today=TODAY)


def _filters(q) -> list[tuple[str, str, list[str]]]:
    return [(f.dimension, f.op, f.values) for f in q.filters]


def test_device_and_traffic_words_on_a_web_model() -> None:
    assert _query("各设备类型的浏览量", WEB).group_by == ["event__device_category"]
    assert _query("按流量来源统计浏览量", WEB).group_by == ["event__traffic_source"]
    assert _filters(_query("12月手机端的浏览量", WEB)) == [
        ("event__device_category", "=", ["mobile"])
    ]


def test_polarity_and_device_words_on_a_review_model() -> None:
    assert _filters(_query("负面情绪的评论数", REVIEWS)) == [
        ("review__sentiment", "=", ["negative"])
    ]
    assert _query("各设备类型的评论数", REVIEWS).group_by == ["review__device_type"]
    assert _filters(_query("手机上的正面评论数", REVIEWS)) == [
        ("review__sentiment", "=", ["positive"]),
        ("review__device_type", "=", ["mobile"]),
    ] or _filters(_query("手机上的正面评论数", REVIEWS)) == [
        ("review__device_type", "=", ["mobile"]),
        ("review__sentiment", "=", ["positive"]),
    ]


def test_a_dates_verb_before_a_grain_word_on_two_models() -> None:
    q = _query("按文章发布月份统计浏览量", WEB)
    assert q.group_by == ["article__publish_date__month"]
    q = _query("按订单发货月份统计评论数", REVIEWS)
    assert q.group_by == ["order__ship_date__month"]
