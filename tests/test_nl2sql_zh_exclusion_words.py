"""Chinese exclusions said after the value or with 不算 / 不计: "小说除外的收入", "不算牙科的收入",
on a bookshop and a clinic model — each a != filter (they were unknown words, or "外" was left
unclaimed and refused), never dropped."""

from __future__ import annotations

import datetime as dt

import pytest

from nl2sql.rules import understand
from semantic_layer.catalog import Catalog, CatalogDimension, CatalogEntity, CatalogMetric

TODAY = dt.date(2025, 6, 30)

pytestmark = pytest.mark.usefixtures("own_cache")


def _model(entity: str, dim: str, values: dict[str, tuple[str, ...]]) -> Catalog:
    day = f"{entity}__{entity}_date"
    return Catalog(
        metrics=(
            CatalogMetric("total_revenue", "Total Revenue", agg="sum", agg_time_dimension=day),
        ),
        dimensions=(
            CatalogDimension(day, "Date", dim_type="time"),
            CatalogDimension(
                f"{entity}__{dim}", dim.title(), values=tuple(values), value_synonyms=values
            ),
        ),
        entities=(CatalogEntity(entity, entity),),
    )


BOOKS = _model("sale", "genre", {"fiction": ("小说",), "poetry": ("诗歌",)})
CLINIC = _model("visit", "department", {"cardiology": ("心内科",), "dental": ("牙科",)})


@pytest.mark.parametrize(
    ("question", "catalog", "dim", "value"),
    [
        ("小说除外的收入", BOOKS, "sale__genre", "fiction"),
        ("不算诗歌的收入", BOOKS, "sale__genre", "poetry"),
        ("不计牙科的收入", CLINIC, "visit__department", "dental"),
        ("心内科除外的收入", CLINIC, "visit__department", "cardiology"),
    ],
)
def test_the_value_is_excluded(question, catalog, dim, value) -> None:
    u = understand(question, catalog, TODAY)
    assert not u.refused, (question, u.reason_en)
    assert u.query is not None
    assert [(f.dimension, f.op, f.values) for f in u.query.filters] == [(dim, "!=", [value])]


@pytest.mark.parametrize("question", ["除外的收入", "不算的收入"])
def test_an_exclusion_of_nothing_is_refused(question) -> None:
    assert understand(question, BOOKS, TODAY).refused
