"""A one-letter value written after its dimension's noun ("abc class A", "risk grade B").

The letter is also the article "a", so it was a term only before its noun ("A abc class"); after
it the letter was dropped and the noun grouped every class: "stockout days for abc class A"
answered stockout days by abc class, a wrong answer (``nl2sql.lexicon``: the value is a term
after its dimension's name and label too). Two domains: an inventory ABC class and a loan's
risk grade.
"""

from __future__ import annotations

import datetime as dt

import pytest

from nl2sql.rules import understand
from semantic_layer.catalog import Catalog, CatalogDimension, CatalogEntity, CatalogMetric

TODAY = dt.date(2026, 12, 7)

pytestmark = pytest.mark.usefixtures("own_cache")


def _catalog(metric: str, dim: str, values: tuple[str, ...]) -> Catalog:
    day = CatalogDimension("row__day", "Day", dim_type="time", entity="row")
    d = CatalogDimension(f"row__{dim}", dim.replace("_", " ").title(), entity="row", values=values)
    m = CatalogMetric(
        metric,
        metric.replace("_", " ").title(),
        agg="sum",
        measure_expr=metric,
        agg_time_dimension=day.name,
        dimensions=(d.name,),
    )
    return Catalog(metrics=(m,), dimensions=(day, d), entities=(CatalogEntity("row", "row"),))


@pytest.mark.parametrize(
    ("catalog", "question", "dim", "value"),
    [
        (
            _catalog("stockout_days", "abc_class", ("A", "B", "C")),
            "stockout days for abc class A",
            "row__abc_class",
            "A",
        ),
        (
            _catalog("loan_amount", "risk_grade", ("A", "B", "C")),
            "loan amount for risk grade A",
            "row__risk_grade",
            "A",
        ),
        (
            _catalog("loan_amount", "risk_grade", ("A", "B", "C")),
            "loan amount for A risk grade",
            "row__risk_grade",
            "A",
        ),
    ],
)
def test_the_letter_after_its_noun_filters(catalog, question, dim, value) -> None:
    u = understand(question, catalog, TODAY)
    assert not u.refused, u.reason_en
    assert u.query is not None
    assert u.query.group_by == []
    assert [(f.dimension, f.values) for f in u.query.filters] == [(dim, [value])]


def test_the_noun_alone_still_groups() -> None:
    u = understand(
        "stockout days by abc class", _catalog("stockout_days", "abc_class", ("A", "B")), TODAY
    )
    assert u.query is not None and u.query.group_by == ["row__abc_class"]


def _two_classes(a: str, b: str, a_values: tuple[str, ...], b_values: tuple[str, ...]) -> Catalog:
    day = CatalogDimension("row__day", "Day", dim_type="time", entity="row")
    dims = (
        CatalogDimension(f"row__{a}", a.replace("_", " ").title(), entity="row", values=a_values),
        CatalogDimension(f"row__{b}", b.replace("_", " ").title(), entity="row", values=b_values),
    )
    m = CatalogMetric(
        "units",
        "Units",
        agg="sum",
        measure_expr="units",
        agg_time_dimension=day.name,
        dimensions=tuple(d.name for d in dims),
    )
    return Catalog(metrics=(m,), dimensions=(day, *dims), entities=(CatalogEntity("row", "row"),))


@pytest.mark.parametrize(
    ("catalog", "question", "dim", "value"),
    [
        (
            _two_classes("abc_class", "xyz_class", ("A", "B"), ("X", "Y")),
            "units for A class items",
            "row__abc_class",
            "A",
        ),
        (
            _two_classes("abc_class", "xyz_class", ("A", "B"), ("X", "Y")),
            "units for class A",
            "row__abc_class",
            "A",
        ),
        (
            _two_classes("service_tier", "price_tier", ("A", "B"), ("1", "2")),
            "units for tier A",
            "row__service_tier",
            "A",
        ),
    ],
)
def test_the_letter_with_the_shared_last_word_names_the_dimension_that_has_it(
    catalog, question, dim, value
) -> None:
    u = understand(question, catalog, TODAY)
    assert not u.refused, u.reason_en
    assert u.query is not None
    assert [(f.dimension, f.values) for f in u.query.filters] == [(dim, [value])]
