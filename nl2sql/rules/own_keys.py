"""A grouping by a joined model's key column is a grouping by the facts' own foreign key.

Why: "rides by frame number" grouped by `bike__frame_number` — the bikes table's column,
reached through a LEFT JOIN — so every ride whose frame number has no bike row fell into one
empty group of thousands of rides, and "rides by dropoff station code" lost the stations
missing from the stations table the same way. The question asks for the facts' own key: the
entity (`bike`, `dropoff_station`) groups by the foreign key on the fact row, equal for
every matched row and kept for the others. The entity's name is still shown beside it
(:mod:`nl2sql.rules.naming`). Only a one-hop name whose dimension is its model's key column
(``CatalogDimension.is_key``) is changed, and only when every metric can group by the entity.
"""

from __future__ import annotations

from collections.abc import Callable

from semantic_layer.catalog import Catalog, CatalogDimension


def _dimension(catalog: Catalog, name: str) -> CatalogDimension | None:
    """The dimension ``name`` names, also when it is a role-qualified copy of another."""
    found = catalog.dimension(name)
    if found is not None:
        return found
    return next((d for d in catalog.dimensions if any(r.name == name for r in d.roles)), None)


def own_key(catalog: Catalog, name: str, allowed: Callable[[str], bool]) -> str:
    """``name``, or the entity whose key it is when grouping by that entity is ``allowed``.

    >>> from semantic_layer.catalog import Catalog, CatalogDimension
    >>> frame = CatalogDimension("bike__frame_number", "Frame Number", entity="bike", is_key=True)
    >>> cat = Catalog(metrics=(), dimensions=(frame,), entities=())
    >>> own_key(cat, "bike__frame_number", lambda e: True)
    'bike'
    >>> own_key(cat, "bike__frame_number", lambda e: False)
    'bike__frame_number'
    """
    parts = name.split("__")
    if len(parts) != 2 or parts[0] == "metric_time":
        return name
    dim = _dimension(catalog, name)
    if dim is None or not dim.is_key or dim.dim_type != "categorical":
        return name
    return parts[0] if allowed(parts[0]) else name
