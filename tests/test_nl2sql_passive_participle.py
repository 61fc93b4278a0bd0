"""A past participle before "by <value>" is the verb of a passive clause, not a column.

"flights on planes built by Boeing" grouped by Year Built ("built" names that dimension) beside
the Manufacturer filter: a breakdown nobody asked for (``rules/passes/bare.py``). Two domains:
an airline's fleet and a bookshop, catalogs written as dbt projects by others would be.
"""

from __future__ import annotations

import datetime as dt

import pytest

from nl2sql.rules import understand
from semantic_layer.catalog import Catalog, CatalogDimension, CatalogEntity, CatalogMetric

TODAY = dt.date(2025, 10, 15)


pytestmark = pytest.mark.usefixtures("own_cache")


def _catalog(fact: str, metric: str, thing: str, year: str, maker: str, value: str) -> Catalog:
    dims = (f"{thing}__{year.lower().replace(' ', '_')}", f"{thing}__{maker.lower()}")
    return Catalog(
        metrics=(
            CatalogMetric(
                metric,
                metric.title(),
                agg="count",
                agg_time_dimension=f"{fact}__day",
                dimensions=dims,
            ),
        ),
        dimensions=(
            CatalogDimension(f"{fact}__day", "Day", dim_type="time", entity=fact),
            CatalogDimension(dims[0], year, entity=thing, values=("1999", "2004")),
            CatalogDimension(dims[1], maker, entity=thing, values=(value, "Other")),
        ),
        entities=(CatalogEntity(fact, fact), CatalogEntity(thing, thing)),
    )


FLEET = _catalog("flight", "flights", "plane", "Year Built", "Manufacturer", "BOEING")
BOOKS = _catalog("sale", "sales", "book", "Year Published", "Publisher", "Penguin")


@pytest.mark.parametrize(
    ("catalog", "question", "dim", "value", "grouped"),
    [
        (FLEET, "flights on planes built by Boeing", "plane__manufacturer", "BOEING", []),
        (BOOKS, "sales of books published by Penguin", "book__publisher", "Penguin", []),
        # the column by name still groups
        (FLEET, "flights by year built", None, None, ["plane__year_built"]),
        (BOOKS, "sales by year published", None, None, ["book__year_published"]),
    ],
)
def test_the_participle_of_a_passive_clause_groups_nothing(catalog, question, dim, value, grouped):
    u = understand(question, catalog, TODAY)
    assert not u.refused, u.reason_en
    assert u.query.group_by == grouped
    if dim is not None:
        assert [(f.dimension, list(f.values)) for f in u.query.filters] == [(dim, [value])]
