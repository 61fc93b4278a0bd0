"""Unknown Chinese compounds read part by part as the one model term they spell.

Why these tests: a Chinese user names a model value with a compound no dictionary lists whole
(新建房屋 for ``new_house``, 用户错误 for ``user_error``); each part glosses one English word
of the value in CC-CEDICT (新建 "new construction; newly built", 房屋 "house; building"). The
catalogs are written like other people's dbt projects (English only, no synonyms) in two
domains — home sales and IT incidents — and each test asks through the rules engine.
"""

from __future__ import annotations

import datetime as dt

import pytest

from nl2sql.rules import understand
from semantic_layer.catalog import Catalog, CatalogDimension, CatalogEntity, CatalogMetric

TODAY = dt.date(2026, 4, 1)

pytestmark = pytest.mark.usefixtures("own_cache")

HOMES = Catalog(
    metrics=(CatalogMetric("sales", "Sales", agg="count", measure_expr="id", counts="sale"),),
    dimensions=(
        CatalogDimension(
            "sale__property_type",
            "Property Type",
            entity="sale",
            values=("new_house", "old_house", "apartment"),
        ),
        CatalogDimension("sale__listed_date", "Listed Date", entity="sale", dim_type="time"),
    ),
    entities=(CatalogEntity("sale", "sale", key_expr="id"),),
)

INCIDENTS = Catalog(
    metrics=(
        CatalogMetric("incidents", "Incidents", agg="count", measure_expr="id", counts="incident"),
    ),
    dimensions=(
        CatalogDimension(
            "incident__cause",
            "Cause",
            entity="incident",
            values=("system_failure", "user_error"),
        ),
        CatalogDimension("incident__opened_at", "Opened At", entity="incident", dim_type="time"),
    ),
    entities=(CatalogEntity("incident", "incident", key_expr="id"),),
)

#: two values whose words the same compound glosses: 房屋 is "house" and "building"
TWO_FITS = Catalog(
    metrics=(CatalogMetric("sales", "Sales", agg="count", measure_expr="id", counts="sale"),),
    dimensions=(
        CatalogDimension(
            "sale__property_type",
            "Property Type",
            entity="sale",
            values=("new_house", "new_building"),
        ),
    ),
    entities=(CatalogEntity("sale", "sale", key_expr="id"),),
)


def _filters(question: str, catalog: Catalog) -> list[tuple[str, list]]:
    u = understand(question, catalog, TODAY)
    assert not u.refused, (question, u.reason_en)
    return [(f.dimension, list(f.values)) for f in u.query.filters]


def test_a_compound_of_glossed_parts_names_a_home_type() -> None:
    assert _filters("新建房屋的销售数", HOMES) == [("sale__property_type", ["new_house"])]
    assert _filters("旧房屋的销售数", HOMES) == [("sale__property_type", ["old_house"])]
    u = understand("按月统计新建房屋的销售数", HOMES, TODAY)
    assert u.query.group_by == ["metric_time__month"]
    assert "新建房屋 → new_house" in u.bridged


def test_a_compound_of_glossed_parts_names_an_incident_cause() -> None:
    assert _filters("用户错误导致的事件数", INCIDENTS) == [("incident__cause", ["user_error"])]


def test_a_compound_two_values_fit_is_asked() -> None:
    u = understand("新建房屋的销售数", TWO_FITS, TODAY)
    assert u.refused
    text = u.reason_en + " ".join(u.suggestions)
    assert "new_house" in text and "new_building" in text


def test_a_part_no_model_word_explains_stays_unknown() -> None:
    """豪华 ("luxurious") is no word of any value: the compound is not read, the question is
    refused rather than answered for all new houses."""
    u = understand("新建豪华房屋的销售数", HOMES, TODAY)
    assert u.refused
