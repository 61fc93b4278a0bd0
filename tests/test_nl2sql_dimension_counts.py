"""A number of things a dimension counts, after "with", is a condition on each row.

"bookings at hotels with more than 100 rooms" filters the bookings by their hotel's Rooms; the
models are our own (hotels and their bookings, stores and their sales): no evaluation set's
words. Where no other metric says which rows are counted, or the noun after the number is a
metric, the reading is not taken.
"""

from __future__ import annotations

import datetime as dt

import pytest

from nl2sql.rules import understand
from semantic_layer.catalog import Catalog, CatalogDimension, CatalogEntity, CatalogMetric
from tests.tiny_models import row_count_metric

TODAY = dt.date(2026, 4, 20)


def _model(fact: str, owner: str, count_dim: str, amount: str, kind: str) -> Catalog:
    """``fact`` rows (a count and an amount) joined to ``owner``, which has ``count_dim``."""
    dims = (f"{fact}__{fact}_date", f"{owner}__{count_dim}", f"{owner}__{kind}")
    return Catalog(
        metrics=(
            row_count_metric(fact, dims),
            CatalogMetric(
                amount,
                amount.replace("_", " ").title(),
                agg="sum",
                measure_expr=amount,
                agg_time_dimension=dims[0],
                dimensions=dims,
            ),
        ),
        dimensions=(
            CatalogDimension(dims[0], "Date", "time", entity=fact),
            CatalogDimension(dims[1], count_dim.title(), entity=owner, expr=count_dim),
            CatalogDimension(dims[2], kind.title(), values=("a", "b"), entity=owner),
        ),
        entities=(CatalogEntity(fact, fact), CatalogEntity(owner, owner)),
    )


HOTELS = _model("booking", "hotel", "rooms", "room_revenue", "chain")
STORES = _model("sale", "store", "employees", "sales_amount", "format")


def _reading(catalog: Catalog, question: str) -> tuple | str:
    u = understand(question, catalog, TODAY)
    if u.refused:
        return "refused"
    q = u.query
    return (q.metrics, q.group_by, [(f.dimension, f.op, f.values) for f in q.filters])


@pytest.mark.parametrize(
    ("catalog", "question", "expected"),
    [
        (
            HOTELS,
            "bookings at hotels with more than 100 rooms",
            (["bookings"], [], [("hotel__rooms", ">", [100])]),
        ),
        (
            HOTELS,
            "room revenue by chain for hotels with at least 50 rooms",
            (["room_revenue"], ["hotel__chain"], [("hotel__rooms", ">=", [50])]),
        ),
        (
            STORES,
            "sales amount of stores with fewer than 20 employees",
            (["sales_amount"], [], [("store__employees", "<", [20])]),
        ),
        (
            STORES,
            "sales with more than 10 employees",
            (["sales"], [], [("store__employees", ">", [10])]),
        ),
        # nothing else says which rows are counted: refused as before
        (HOTELS, "hotels with more than 100 rooms", "refused"),
        # without "with" the number is no property of a noun
        (STORES, "sales amount more than 10 employees", "refused"),
    ],
)
def test_a_counted_dimension_after_with_filters_each_row(catalog, question, expected) -> None:
    assert _reading(catalog, question) == expected
