"""Chinese share questions said with 占 ("account for"): "X占多少", "X占总收入的多少",
"占全部的百分之几", "占几成", on a bookshop and a clinic model.

Why: 占 was a filler word, so "周末的收入占多少" answered the weekend revenue itself — a wrong
answer (a total where a share was asked). 占 and the question words of a percentage (百分之几,
几成) now ask for the share: the value's part of the whole, kept to the value's row; without a
value or a breakdown it is refused, never answered as the total.
"""

from __future__ import annotations

import datetime as dt

import pytest

from nl2sql.rules import understand
from semantic_layer.catalog import Catalog, CatalogDimension
from tests.tiny_models import count_and_revenue_catalog

TODAY = dt.date(2025, 6, 30)

pytestmark = pytest.mark.usefixtures("own_cache")


def _model(entity: str, dim: str, values: dict[str, tuple[str, ...]]) -> Catalog:
    return count_and_revenue_catalog(
        entity,
        CatalogDimension(
            f"{entity}__{dim}", dim.title(), values=tuple(values), value_synonyms=values
        ),
    )


BOOKS = _model("sale", "genre", {"fiction": ("小说",), "poetry": ("诗歌",)})
CLINIC = _model("visit", "department", {"cardiology": ("心内科",), "dental": ("牙科",)})


@pytest.mark.parametrize(
    ("question", "catalog", "metric", "dim", "value"),
    [
        ("小说的收入占多少", BOOKS, "total_revenue", "sale__genre", "fiction"),
        ("小说占总收入的多少", BOOKS, "total_revenue", "sale__genre", "fiction"),
        ("诗歌的Sales Count占全部的百分之几", BOOKS, "sales_count", "sale__genre", "poetry"),
        ("牙科的收入占几成", CLINIC, "total_revenue", "visit__department", "dental"),
        ("心内科的Visits Count占多少", CLINIC, "visits_count", "visit__department", "cardiology"),
    ],
)
def test_zhan_asks_for_the_share(question, catalog, metric, dim, value) -> None:
    u = understand(question, catalog, TODAY)
    assert not u.refused, (question, u.reason_en)
    assert u.derived is not None and u.derived.kind == "share", question
    assert u.derived.keep == (dim, value)
    assert u.query is not None and u.query.metrics == [metric]
    assert u.query.group_by == [dim]


@pytest.mark.parametrize(("question", "catalog"), [("收入占多少", BOOKS), ("收入占几成", CLINIC)])
def test_a_share_of_nothing_is_refused_not_the_total(question, catalog) -> None:
    u = understand(question, catalog, TODAY)
    assert u.refused, (question, u.query)
