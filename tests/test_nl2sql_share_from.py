"""In a question asking for a share, "comes from" before the part says only "is from".

The catalogs are small models of our own (a bakery's sales by shop, a clinic's visits by
department): no evaluation set's words. Outside a share question, or without "from" after it,
"come" stays unknown and the question is refused ("came back" is an event of its own).
"""

from __future__ import annotations

import datetime as dt

import pytest

from nl2sql.rules import understand
from semantic_layer.catalog import Catalog, CatalogDimension, CatalogEntity, CatalogMetric
from tests.tiny_models import row_count_metric

TODAY = dt.date(2026, 4, 20)


def _model(fact: str, amount: str, dim: str, values: tuple[str, ...]) -> Catalog:
    dims = (f"{fact}__{fact}_date", f"{fact}__{dim}")
    return Catalog(
        metrics=(
            CatalogMetric(
                amount,
                amount.replace("_", " ").title(),
                agg="sum",
                measure_expr=amount,
                agg_time_dimension=dims[0],
                dimensions=dims,
            ),
            row_count_metric(fact, dims),
        ),
        dimensions=(
            CatalogDimension(dims[0], "Date", "time", entity=fact),
            CatalogDimension(dims[1], dim.title(), values=values, entity=fact),
        ),
        entities=(CatalogEntity(fact, fact),),
    )


BAKERY = _model("sale", "takings", "shop", ("Harbour", "Station"))
CLINIC = _model("visit", "fees", "department", ("Cardiology", "Dermatology"))


def _reading(catalog: Catalog, question: str) -> tuple | str:
    u = understand(question, catalog, TODAY)
    if u.refused:
        return "refused"
    return (u.query.metrics, u.query.group_by, u.derived.kind if u.derived else None)


@pytest.mark.parametrize(
    ("catalog", "question", "expected"),
    [
        (
            BAKERY,
            "what share of takings comes from each shop",
            (["takings"], ["sale__shop"], "share"),
        ),
        (
            CLINIC,
            "what percentage of fees came from each department",
            (["fees"], ["visit__department"], "share"),
        ),
        # no share asked: "come" is not absorbed
        (BAKERY, "takings that come from each shop", "refused"),
        # no "from": "came back" is an event of its own
        (CLINIC, "what share of visits came back", "refused"),
    ],
)
def test_comes_from_in_a_share_question(catalog, question, expected) -> None:
    assert _reading(catalog, question) == expected
