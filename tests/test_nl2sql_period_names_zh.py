"""A Chinese time word names a categorical dimension the model calls by that period noun.

jieba tags 赛季 ("season (sports)") and 节日 ("holiday") as time words, and time words were
never read as model nouns, so "各赛季的进球" was refused on a public football project whose
``season`` dimension holds 2022..2024 (``vocabulary.chinese_anchors._period_name``). Two
domains: football seasons and a shop's holidays. Calendar words keep their time reading.
"""

from __future__ import annotations

import datetime as dt

import pytest

from nl2sql.rules import understand
from semantic_layer.catalog import CatalogDimension
from semantic_layer.query import DimensionFilter
from tests.tiny_models import one_sum_catalog

TODAY = dt.date(2025, 6, 1)

pytestmark = pytest.mark.usefixtures("own_cache")


FOOTBALL = one_sum_catalog(
    "stint",
    "goals",
    "Goals",
    CatalogDimension("stint__season", "Season", entity="stint", number_values=("2022", "2023")),
)
SHOP = one_sum_catalog(
    "sale",
    "revenue",
    "Revenue",
    CatalogDimension("sale__holiday", "Holiday", entity="sale", values=("Christmas", "Easter")),
)


@pytest.mark.parametrize(
    ("catalog", "question", "group_by"),
    [
        (FOOTBALL, "各赛季的进球", ["stint__season"]),
        (FOOTBALL, "每个赛季的进球", ["stint__season"]),
        (SHOP, "各节日的收入", ["sale__holiday"]),
        (SHOP, "按节日统计收入", ["sale__holiday"]),
    ],
)
def test_a_period_word_groups_by_its_dimension(catalog, question, group_by) -> None:
    u = understand(question, catalog, TODAY)
    assert not u.refused, u.reason_en
    assert u.query is not None
    assert u.query.group_by == group_by
    assert u.query.time_range is None


def test_a_season_label_before_the_period_word_filters() -> None:
    u = understand("2023赛季的进球", FOOTBALL, TODAY)
    assert u.query is not None, u.reason_en
    assert u.query.filters == [DimensionFilter(dimension="stint__season", op="=", values=["2023"])]


@pytest.mark.parametrize(
    ("question", "grain"),
    [("每周的收入", "metric_time__week"), ("按月统计收入", "metric_time__month")],
)
def test_calendar_words_keep_their_time_reading(question, grain) -> None:
    u = understand(question, SHOP, TODAY)
    assert u.query is not None, u.reason_en
    assert u.query.group_by == [grain]
