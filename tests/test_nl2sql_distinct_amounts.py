"""A distinct word before an amount metric is refused, never dropped.

Why these tests: "distinct GMV", 独立的GMV and 不重复的销售额 were answered as the plain total —
the word silently dropped, though it may ask for de-duplicated amounts, another number. The
catalog is an invented bakery (English only, no synonyms). The one-word-difference probes show
what stays answered: the word before a dimension is a breakdown ("revenue of different
regions", 不同地区的收入) and before a count it counts distinct things.
"""

from __future__ import annotations

import datetime as dt

import pytest

from nl2sql.rules import understand
from semantic_layer.catalog import Catalog, CatalogDimension, CatalogEntity, CatalogMetric

TODAY = dt.date(2026, 4, 1)

pytestmark = pytest.mark.usefixtures("own_cache")

BAKERY = Catalog(
    metrics=(
        CatalogMetric("revenue", "Revenue", agg="sum", measure_expr="amount"),
        CatalogMetric("orders", "Orders", agg="count", measure_expr="id", counts="order"),
    ),
    dimensions=(
        CatalogDimension("order__region", "Region", entity="order", values=("north", "south")),
        CatalogDimension("order__ordered_at", "Ordered At", entity="order", dim_type="time"),
    ),
    entities=(CatalogEntity("order", "order", key_expr="id"),),
)


@pytest.mark.parametrize(
    ("question", "word"),
    [
        ("distinct revenue", "distinct"),
        ("unique revenue by region", "unique"),
        ("独立的收入", "独立"),
        ("不重复的收入", "不重复"),
    ],
)
def test_a_distinct_word_before_an_amount_is_refused(question: str, word: str) -> None:
    u = understand(question, BAKERY, TODAY)
    assert u.refused, (question, u.query)
    assert f"'{word}'" in u.reason_en


@pytest.mark.parametrize(
    ("question", "group_by", "metrics"),
    [
        ("revenue of different regions", ["order__region"], ["revenue"]),
        ("不同地区的收入", ["order__region"], ["revenue"]),
        ("distinct orders", [], ["orders"]),
        ("revenue", [], ["revenue"]),
    ],
)
def test_before_a_dimension_or_a_count_it_is_still_read(
    question: str, group_by: list[str], metrics: list[str]
) -> None:
    u = understand(question, BAKERY, TODAY)
    assert not u.refused, (question, u.reason_en)
    assert list(u.query.group_by) == group_by and list(u.query.metrics) == metrics
