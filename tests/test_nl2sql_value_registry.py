"""The high-cardinality values attached to a catalog stay with it while it lives.

A bounded registry was cleared after 32 catalogs, so a later lexicon build of a catalog still in
use missed its indexed values: run after enough other models, tpcds "quantity sold of pop items"
read "pop" as a grouping (an order-dependent probe failure that is also a server bug — answers
depended on how many models the process had opened). ``nl2sql.vocabulary.values``.
"""

from __future__ import annotations

import gc

from nl2sql.vocabulary import values
from semantic_layer.catalog import Catalog, CatalogDimension, CatalogEntity, CatalogMetric


def _catalog(n: int) -> Catalog:
    return Catalog(
        metrics=(CatalogMetric(f"m{n}", f"M{n}", agg="sum"),),
        dimensions=(CatalogDimension(f"item__class{n}", "Class", entity="item"),),
        entities=(CatalogEntity("item", "item"),),
    )


def test_values_outlive_many_other_catalogs() -> None:
    first = _catalog(0)
    values.attach_values(first, {"item__class0": ("pop", "rock")})
    others = [_catalog(n) for n in range(1, 60)]
    for n, c in enumerate(others, start=1):
        values.attach_values(c, {f"item__class{n}": ("jazz",)})
    assert values.attached_values(first)[0] == {"item__class0": ("pop", "rock")}
    assert values.attached_values(others[-1])[0] == {"item__class59": ("jazz",)}


def test_a_collected_catalog_leaves_no_entry() -> None:
    c = _catalog(99)
    values.attach_values(c, {"item__class99": ("pop",)})
    key = id(c)
    assert key in values._registry
    del c
    gc.collect()
    assert key not in values._registry
