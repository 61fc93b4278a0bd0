"""A grouping by a joined model's key column is a grouping by the facts' own foreign key.

Why: "flights by tail number" grouped by `plane__tail_number` — the planes table's column,
reached through a LEFT JOIN — so every flight whose tail number has no plane row fell into one
empty group of 52,606 flights, and "flights by destination FAA code" lost the destinations
missing from the airports table the same way. The question asks for the facts' own key: the
entity (`plane`, `destination_airport`) groups by the foreign key on the fact row, equal for
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
    >>> tail = CatalogDimension("plane__tail_number", "Tail Number", entity="plane", is_key=True)
    >>> cat = Catalog(metrics=(), dimensions=(tail,), entities=())
    >>> own_key(cat, "plane__tail_number", lambda e: True)
    'plane'
    >>> own_key(cat, "plane__tail_number", lambda e: False)
    'plane__tail_number'
    """
    parts = name.split("__")
    if len(parts) != 2 or parts[0] == "metric_time":
        return name
    dim = _dimension(catalog, name)
    if dim is None or not dim.is_key or dim.dim_type != "categorical":
        return name
    return parts[0] if allowed(parts[0]) else name
