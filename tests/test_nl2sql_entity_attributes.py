"""An entity's acronym followed by a Chinese column word (zhrefuse29, issue #18).

"按APC代码看…" was refused ("I don't know '代码'"): the acronym reads as the entity, and 代码
("code") alone is no model term, although the entity's dimension is labelled "<entity> code"
(``rules.entity_attributes``). Original catalog: a shop's sales by SKU (no evaluation set's).
"""

from __future__ import annotations

import datetime as dt

import pytest

from nl2sql.rules import understand
from semantic_layer.catalog import Catalog, CatalogDimension, CatalogEntity, CatalogMetric

TODAY = dt.date(2026, 4, 1)

pytestmark = pytest.mark.usefixtures("own_cache")

DIMS = ("sku__sku_code", "sku__sku_description", "sale__sold_at")


def _shop() -> Catalog:
    return Catalog(
        metrics=(
            CatalogMetric("revenue", "Revenue", agg="sum", measure_expr="amount", dimensions=DIMS,
                          agg_time_dimension="sale__sold_at"),
        ),
        dimensions=(
            CatalogDimension("sku__sku_code", "sku code", entity="sku", values=("A-100", "B-200")),
            CatalogDimension("sku__sku_description", "sku description", entity="sku",
                             values=("Blue mug", "Red mug")),
            CatalogDimension("sale__sold_at", "Sold At", entity="sale", dim_type="time"),
        ),
        entities=(
            CatalogEntity("sku", "sku", key_expr="sku_key"),
            CatalogEntity("sale", "sale", key_expr="sale_id"),
        ),
    )  # fmt: skip


@pytest.mark.parametrize("question", ["按SKU代码看收入", "各SKU代码的收入"])
def test_the_column_word_after_the_acronym_is_that_column(question: str) -> None:
    u = understand(question, _shop(), TODAY)
    assert not u.refused, u.reason_en
    assert u.query.metrics == ["revenue"]
    assert u.query.group_by == ["sku__sku_code"]
    assert "SKU代码 → sku code" in u.bridged


def test_a_word_naming_no_column_of_the_entity_stays_refused() -> None:
    u = understand("按SKU成本看收入", _shop(), TODAY)
    assert u.refused
    assert "成本" in u.reason_en
