"""A size or level character glued to a model word (大客户, 高状态) is refused, never dropped.

Why these tests: 高 / 低 / 大 / 小 are filler on their own, so 大客户的收入 ("revenue from key
accounts") was answered as the revenue of every customer and 高状态的订单数 as orders grouped
by every status — wrong answers. The catalog is an invented garden-supply shop (English only,
no synonyms). The one-word-difference probes show what stays answered: the character after its
word (收入高的客户), a 从高到低 order, and a pair the model spells as one value (低风险).
"""

from __future__ import annotations

import datetime as dt

import pytest

from nl2sql.rules import understand
from semantic_layer.catalog import Catalog, CatalogDimension, CatalogEntity, CatalogMetric

TODAY = dt.date(2026, 4, 1)

pytestmark = pytest.mark.usefixtures("own_cache")

SHOP = Catalog(
    metrics=(
        CatalogMetric("orders", "Orders", agg="count", measure_expr="id", counts="order"),
        CatalogMetric("revenue", "Revenue", agg="sum", measure_expr="amount"),
    ),
    dimensions=(
        CatalogDimension(
            "order__status", "Status", entity="order", values=("open", "shipped", "returned")
        ),
        CatalogDimension(
            "customer__risk_band", "Risk Band", entity="customer", values=("high_risk", "low_risk")
        ),
        CatalogDimension("order__ordered_at", "Ordered At", entity="order", dim_type="time"),
    ),
    entities=(
        CatalogEntity("order", "order", key_expr="id"),
        CatalogEntity("customer", "customer", key_expr="customer_id"),
    ),
)


def _understand(question: str):  # type: ignore[no-untyped-def]
    return understand(question, SHOP, TODAY)


@pytest.mark.parametrize(
    ("question", "phrase"),
    [
        ("大客户的收入", "大客户"),
        ("小客户的订单数", "小客户"),
        ("高状态的订单数", "高状态"),
        ("低状态订单的收入", "低状态"),
    ],
)
def test_a_quality_glued_to_a_model_word_is_refused_naming_it(question: str, phrase: str) -> None:
    u = _understand(question)
    assert u.refused, (question, u.query)
    assert f"'{phrase}'" in u.reason_en
    assert f"「{phrase}」" in u.reason  # the question is Chinese: its reason too


def test_the_refusal_suggests_the_question_without_the_character() -> None:
    u = _understand("大客户的收入")
    assert "客户的收入" in u.suggestions
    assert "leaves out '大'" in u.reason_en


@pytest.mark.parametrize(
    "question",
    ["客户的收入", "收入高的客户", "按收入从高到低列出客户", "订单数由大到小的状态"],
)
def test_the_character_after_its_word_or_in_a_range_is_still_read(question: str) -> None:
    u = _understand(question)
    assert not u.refused, (question, u.reason_en)


def test_a_pair_the_model_spells_as_one_value_is_that_value() -> None:
    u = _understand("高风险客户的收入")
    assert not u.refused, u.reason_en
    assert [(f.dimension, f.op, list(f.values)) for f in u.query.filters] == [
        ("customer__risk_band", "=", ["high_risk"])
    ]
