"""A value in several dimensions and the entity noun after it; 分别 over several values.

- "体育类文章", "motor类保单": a value found in several dimensions (the article's category and
  its writer's category; the policy's product line and its agent's specialty) written as a
  kind (类) of the entity named after it is that entity's own dimension, not a clarification;
  without 类 ("motor保单", "overseas orders") it stays a clarification: orders shipped
  overseas or of overseas customers;
- "新闻类和观点类文章的收入分别是多少": 分别/各自 ask for each named value on its own — the
  sum of both was a wrong answer (分别 was a stop word).
"""

from __future__ import annotations

import datetime as dt
from functools import partial

import pytest

from nl2sql.rules import understand
from semantic_layer.catalog import Catalog, CatalogDimension, CatalogEntity, CatalogMetric
from tests.understand_helpers import understood_query

TODAY = dt.date(2025, 1, 8)
CATS = ("sports", "news", "opinion")


pytestmark = pytest.mark.usefixtures("own_cache")


MEDIA = Catalog(
    metrics=(CatalogMetric("total_revenue", "Total Revenue", agg="sum"),),
    dimensions=(
        CatalogDimension("article__category", "Category", values=CATS),
        CatalogDimension("writer__primary_category", "Primary Category", values=CATS),
    ),
    entities=(CatalogEntity("article", "article"), CatalogEntity("writer", "writer")),
)

INSURANCE = Catalog(
    metrics=(CatalogMetric("premium_amount", "Premium Amount", agg="sum"),),
    dimensions=(
        CatalogDimension("policy__product_line", "Product Line", values=("motor", "home")),
        CatalogDimension("agent__specialty", "Specialty", values=("motor", "home")),
        CatalogDimension("policy__region", "Region", values=("north", "south", "west")),
    ),
    entities=(CatalogEntity("policy", "policy"), CatalogEntity("agent", "agent")),
)


#: the question's semantic query as of TODAY (a refusal fails the test)
_query = partial(understood_query, today=TODAY)


def _filters(q) -> list[tuple[str, str, list[str]]]:
    return [(f.dimension, f.op, f.values) for f in q.filters]


def test_a_value_before_an_entity_noun_is_that_entitys_dimension() -> None:
    assert _filters(_query("体育类文章的收入", MEDIA)) == [("article__category", "=", ["sports"])]
    assert _filters(_query("motor类保单的保费金额", INSURANCE)) == [
        ("policy__product_line", "=", ["motor"])
    ]
    # without 类, or without the noun, the value stays ambiguous: a clarification, not a guess
    assert understand("motor保单的保费金额", INSURANCE, TODAY).refused
    assert understand("motor的保费金额", INSURANCE, TODAY).refused


def test_respectively_breaks_the_named_values_down() -> None:
    q = _query("新闻类和观点类文章的收入分别是多少", MEDIA)
    assert q.group_by == ["article__category"]
    assert _filters(q) == [("article__category", "in", ["news", "opinion"])]
    q = _query("north和south地区的保费金额分别是多少", INSURANCE)
    assert q.group_by == ["policy__region"]
    assert _filters(q) == [("policy__region", "in", ["north", "south"])]
    # one value: nothing to break down
    q = _query("north地区的保费金额分别是多少", INSURANCE)
    assert q.group_by == [] and _filters(q) == [("policy__region", "=", ["north"])]
    # one value of each of two dimensions, asked for separately: two questions, refused
    assert understand("north地区和motor类保单的保费金额分别是多少", INSURANCE, TODAY).refused
