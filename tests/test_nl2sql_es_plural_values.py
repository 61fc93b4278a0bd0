"""A one-word value typed in its "-es" plural ("branches" of `branch`, "boxes" of `box`).

A value's own term takes no plural, and the spelled-value fallback read plurals of values of
two or more words only, so "net sales at branches" on a supply-chain model (location type
`branch`) was refused as an unknown word whose suggestion dropped the condition
(``rules.spelled_terms.plural_head``). Short words ("yes") are never read so.
"""

from __future__ import annotations

import datetime as dt

import pytest

from nl2sql.rules import understand
from semantic_layer.catalog import Catalog, CatalogDimension, CatalogEntity, CatalogMetric

TODAY = dt.date(2026, 12, 7)

pytestmark = pytest.mark.usefixtures("own_cache")


def _catalog(dim: str, values: tuple[str, ...]) -> Catalog:
    day = CatalogDimension("line__day", "Day", dim_type="time", entity="line")
    d = CatalogDimension(
        f"line__{dim}", dim.replace("_", " ").title(), entity="line", values=values
    )
    m = CatalogMetric(
        "net_sales",
        "Net Sales",
        agg="sum",
        measure_expr="net_sales",
        agg_time_dimension=day.name,
        dimensions=(d.name,),
    )
    return Catalog(metrics=(m,), dimensions=(day, d), entities=(CatalogEntity("line", "line"),))


@pytest.mark.parametrize(
    ("dim", "values", "question", "value"),
    [
        ("location_type", ("branch", "onsite", "national_dc"), "net sales at branches", "branch"),
        ("pack_type", ("box", "pallet", "bag"), "net sales of boxes", "box"),
    ],
)
def test_the_es_plural_names_the_value(dim, values, question, value) -> None:
    u = understand(question, _catalog(dim, values), TODAY)
    assert not u.refused, u.reason_en
    assert u.query is not None
    assert [(f.dimension, f.values) for f in u.query.filters] == [(f"line__{dim}", [value])]
