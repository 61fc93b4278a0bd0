"""Two values of one dimension as one number: "A是B的几倍" (A / B), "A比B多多少" (A - B),
"A比B少多少" (B - A), "A和B相差多少", on a bookshop and a clinic model.

Why: 几倍 was an unknown word, and once known it summed both sides into one total (a wrong
answer); 高多少 listed the sides next to each other, which is not the number asked. Without two
values of one dimension, with another breakdown, or over a rate (a ratio of ratios), the
question is refused with the way to ask.
"""

from __future__ import annotations

import datetime as dt

import duckdb
import pytest

from nl2sql.derived import Derived, wrap_sql
from nl2sql.rules import understand
from semantic_layer.catalog import Catalog, CatalogDimension, CatalogEntity, CatalogMetric
from semantic_layer.query import SemanticQuery
from tests.tiny_models import count_and_revenue_catalog

TODAY = dt.date(2025, 6, 30)

pytestmark = pytest.mark.usefixtures("own_cache")


def _model(entity: str, dim: str, values: dict[str, tuple[str, ...]]) -> Catalog:
    return count_and_revenue_catalog(
        entity,
        CatalogDimension(
            f"{entity}__{dim}", dim.title(), values=tuple(values), value_synonyms=values
        ),
        CatalogMetric(
            "revenue_per_visit",
            "Revenue Per Visit",
            metric_type="ratio",
            ratio_of=("total_revenue", f"{entity}s_count"),
        ),
    )


BOOKS = _model("sale", "genre", {"fiction": ("小说",), "poetry": ("诗歌",)})
CLINIC = _model("visit", "department", {"cardiology": ("心内科",), "dental": ("牙科",)})


@pytest.mark.parametrize(
    ("question", "catalog", "kind", "first", "second"),
    [
        ("小说的收入是诗歌的几倍", BOOKS, "ratio", "fiction", "poetry"),
        ("小说比诗歌收入高多少", BOOKS, "diff", "fiction", "poetry"),
        ("诗歌比小说收入少多少", BOOKS, "diff", "fiction", "poetry"),
        ("心内科和牙科的收入相差多少", CLINIC, "diff", "cardiology", "dental"),
        ("上个月牙科的Visits Count是心内科的几倍", CLINIC, "ratio", "dental", "cardiology"),
    ],
)
def test_two_values_are_one_number(question, catalog, kind, first, second) -> None:
    u = understand(question, catalog, TODAY)
    assert not u.refused, (question, u.reason_en)
    dim = catalog.dimensions[1].name
    assert u.derived == Derived(kind, keep=(dim, first), other=second)
    assert u.query is not None and u.query.group_by == [dim]


@pytest.mark.parametrize(
    ("question", "catalog"),
    [
        ("收入是几倍", BOOKS),  # no sides
        ("小说的收入是全部的几倍", BOOKS),  # one side
        ("每月小说的收入是诗歌的几倍", BOOKS),  # one number per month: not read
        ("心内科的Revenue Per Visit是牙科的几倍", CLINIC),  # a ratio of ratios
        ("心内科比牙科的Revenue Per Visit高多少", CLINIC),  # points or percent?
    ],
)
def test_an_unsettled_comparison_is_refused(question, catalog) -> None:
    u = understand(question, catalog, TODAY)
    assert u.refused, (question, u.query, u.derived)


def test_the_number_is_computed_from_the_two_rows() -> None:
    con = duckdb.connect()
    con.execute(
        "CREATE TABLE t AS SELECT * FROM (VALUES ('fiction', 30.0, 3), ('poetry', 12.0, 2)) "
        "v(sale__genre, total_revenue, sales_count)"
    )
    q = SemanticQuery(metrics=["total_revenue", "sales_count"], group_by=["sale__genre"])
    ratio = Derived("ratio", keep=("sale__genre", "fiction"), other="poetry")
    diff = Derived("diff", keep=("sale__genre", "poetry"), other="fiction")
    got = con.execute(wrap_sql("SELECT * FROM t", query=q, derived=ratio)).fetchall()
    assert got == [(2.5, 1.5)]
    got = con.execute(wrap_sql("SELECT * FROM t", query=q, derived=diff)).fetchall()
    assert got == [(-18.0, -1)]
    missing = Derived("ratio", keep=("sale__genre", "fiction"), other="essays")
    assert con.execute(wrap_sql("SELECT * FROM t", query=q, derived=missing)).fetchall() == [
        (None, None)
    ]


def test_derived_keeps_its_other_side_through_json() -> None:
    d = Derived("diff", keep=("visit__department", "dental"), other="cardiology")
    assert Derived.from_json(d.to_json()) == d


def _flag_model(entity: str, flag: str) -> Catalog:
    """A sum over ``entity`` rows and one yes/no flag (``values`` true/false)."""
    return Catalog(
        metrics=(CatalogMetric("gmv", "GMV", agg="sum", agg_time_dimension=f"{entity}__day"),),
        dimensions=(
            CatalogDimension(f"{entity}__day", "Day", dim_type="time"),
            CatalogDimension(f"{entity}__{flag}", flag.replace("_", " "), values=("true", "false")),
        ),
        entities=(CatalogEntity(entity, entity),),
    )


@pytest.mark.parametrize(
    ("question", "catalog", "derived"),
    [
        (
            "线上GMV是线下GMV的几倍",
            _flag_model("order", "is_online"),
            Derived("ratio", keep=("order__is_online", True), other=False),
        ),
        (
            "线下比线上GMV少多少",
            _flag_model("order", "is_online"),
            Derived("diff", keep=("order__is_online", True), other=False),
        ),
        (
            "工作日和周末的GMV相差多少",
            _flag_model("ride", "is_weekend"),
            Derived("diff", keep=("ride__is_weekend", False), other=True),
        ),
    ],
)
def test_both_sides_of_a_flag_are_its_two_values(question, catalog, derived) -> None:
    u = understand(question, catalog, TODAY)
    assert not u.refused, (question, u.reason_en)
    assert u.derived == derived
    assert u.query is not None and u.query.filters == []
