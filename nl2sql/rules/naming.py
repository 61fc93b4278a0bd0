"""Key vs name: "top 3 products by revenue" shows the products' names, not only their keys.

Why: grouping by an entity groups by its key (a UUID, an SKU code, a surrogate number), which a
reader cannot recognise. When the entity's own semantic model has a dimension that *is* its
name, the answer groups by that name as well. The rule, in order:

1. the entity's name dimension is one of its own categorical dimensions (reached as
   ``<entity>__<dim>``) whose local name is ``name``, ``title``, ``label``, ``display_name``,
   ``full_name``, ``<entity>_name`` or ``<entity>_title`` (the model says it in the name);
2. otherwise those whose name ends in ``_name``/``_title`` or whose label ends in "name" /
   "名称" / "名字" ("Product Name" of an ``item``; "First Name" and "Last Name" of a customer:
   both are kept, at most two), except one naming another entity of the model
   (``primary_brand_name`` of a patient is the brand's name, not the patient's);
3. none of them: the entity's *natural identifier*, when its key is not one a reader knows.
   A dimension ``<entity>_code`` / ``<entity>_number`` / ``<entity>_no`` always counts, and
   ``<entity>_id`` when the key is another column; when the key column is named like a
   surrogate (``location_key``, ``driver_sk``, ``*_hash``, ``*_uuid``: dbt's
   ``generate_surrogate_key`` and Kimball's convention), any own categorical dimension with an
   ``id`` / ``code`` / ``number`` word in its name counts (``id_tag`` of a driver keyed by
   ``driver_key``), flags (``is_*``, ``has_*``) excepted; at most two;
4. none of them: the key alone, as before.

An entity with no semantic model of its own (only ever a foreign key, ``brand`` keyed by
``brand_id`` on a denormalised fact) has no ``<entity>__<dim>`` dimensions; its name then is
the dimension the referencing model *carries* for it: local name ``<entity>_name`` /
``<entity>_title`` (or ending ``_<entity>_name``, "primary_brand_name"). Why: "no-show rate by
brand" grouped by bare brand ids 1..5 that nobody can read, while the same model's
``brand_name`` sat beside them. Only the first such dimension every metric reaches is added.

The key always stays in the answer beside the name: a model does not declare its names unique
(two stores may both be called "Downtown"), and a key next to a name keeps every row one
entity, so the row count is the same as grouping by the key alone. The names are added only
when every metric of the question can be broken down by them.
"""

from __future__ import annotations

from collections.abc import Callable

from semantic_layer.catalog import Catalog, CatalogDimension

_EXACT = ("name", "title", "label", "display_name", "full_name")
_LABEL_ENDS = (" name", "名称", "名字")
MAX_NAMES = 2
_NATURAL_SUFFIXES = ("code", "number", "no")
_SURROGATE_ENDS = ("_key", "_sk", "_hash", "_uuid", "_guid")
_IDENTIFIER_WORDS = frozenset({"id", "code", "number"})
_FLAG_STARTS = ("is_", "has_", "was_", "can_")


def _own_dimensions(catalog: Catalog, entity: str) -> list[CatalogDimension]:
    """The categorical dimensions of ``entity`` itself (``<entity>__<dim>``, one hop)."""
    out = []
    for d in catalog.dimensions:
        parts = d.name.split("__")
        if len(parts) == 2 and parts[0] == entity and d.dim_type == "categorical":
            out.append(d)
    return out


def name_dimensions(catalog: Catalog, entity: str) -> list[str]:
    """The dimensions naming ``entity`` (see the module docstring), best first.

    >>> from semantic_layer.catalog import CatalogDimension as D, CatalogMetric
    >>> cat = Catalog(metrics=(CatalogMetric("gmv", "GMV"),), dimensions=(
    ...     D("sku__category", "category"), D("sku__sku_name", "product name")))
    >>> name_dimensions(cat, "sku")
    ['sku__sku_name']
    >>> cat = Catalog(metrics=(), dimensions=(D("customer__first_name", "First Name"),
    ...     D("customer__last_name", "Last Name"), D("customer__state", "State")))
    >>> name_dimensions(cat, "customer")
    ['customer__first_name', 'customer__last_name']
    """
    dims = _own_dimensions(catalog, entity)
    if not dims:
        return carried_names(catalog, entity)
    exact = {*_EXACT, f"{entity}_name", f"{entity}_title"}
    best = [d.name for d in dims if d.name.split("__")[1] in exact]
    if best:
        return best[:1]
    others = {e.name for e in catalog.entities} - {entity}
    loose = [
        d.name
        for d in dims
        if (
            d.name.split("__")[1].endswith(("_name", "_title"))
            or d.label.strip().lower().endswith(_LABEL_ENDS)
        )
        and not _names_another(d.name.split("__")[1], others)
    ]
    if loose:
        return loose[:MAX_NAMES]
    return _natural_identifiers(catalog, entity, dims)


def _names_another(local: str, others: set[str]) -> bool:
    """Whether a ``*_name`` dimension names another entity ("primary_brand_name" of a patient
    names the patient's brand, not the patient).

    >>> _names_another("primary_brand_name", {"brand"}), _names_another("last_name", {"brand"})
    (True, False)
    """
    stem = local.rsplit("_", 1)[0]
    return any(stem == o or stem.endswith(f"_{o}") for o in others)


def carried_names(catalog: Catalog, entity: str) -> list[str]:
    """The name dimensions other models carry for an entity that has no model of its own.

    >>> from semantic_layer.catalog import CatalogDimension as D
    >>> cat = Catalog(metrics=(), dimensions=(D("facility__brand_name", "Brand Name"),
    ...     D("facility__brand_code", "Brand Code"),
    ...     D("patient__primary_brand_name", "Primary Brand Name"),
    ...     D("facility__subbrand_name", "Subbrand Name")))
    >>> carried_names(cat, "brand")
    ['facility__brand_name', 'patient__primary_brand_name']
    """
    exact = {f"{entity}_name", f"{entity}_title"}
    out = []
    carried = []
    for d in catalog.dimensions:
        parts = d.name.split("__")
        if len(parts) != 2 or d.dim_type != "categorical" or parts[0] == entity:
            continue
        carried.append(d)
        if parts[1] in exact or parts[1].endswith(f"_{entity}_name"):
            out.append(d.name)
    return (
        out
        or _key_stem_names(catalog, entity, carried)
        or _carried_identifiers(catalog, entity, carried)
    )


_KEY_ENDS = ("_id", "_key", "_sk")


def _key_stem_names(catalog: Catalog, entity: str, dims: list[CatalogDimension]) -> list[str]:
    """The carried ``<stem>_name`` beside the foreign key column ``<stem>_id`` of an entity
    named otherwise (a ``goalie`` entity held in ``player_id`` beside ``player_name``).

    Why: an entity's name need not repeat its key column's stem; "save percentage for each
    goalie" grouped by bare player ids 8480001.. while the same rows carried ``player_name``.
    A name column whose stem is the key column's own stem names the row's key, whatever the
    entity is called. Only when no dimension names the entity itself.

    >>> from semantic_layer.catalog import CatalogDimension as D, CatalogEntity as E
    >>> cat = Catalog(metrics=(), dimensions=(D("goalie_season__player_name", "Player Name"),
    ...     D("goalie_season__team", "Team")),
    ...     entities=(E("goalie", "Goalie", foreign_exprs=("player_id",)),))
    >>> carried_names(cat, "goalie")
    ['goalie_season__player_name']
    >>> cat = Catalog(metrics=(), dimensions=(D("ride__city_name", "City Name"),),
    ...     entities=(E("rider", "Rider", foreign_exprs=("rider_id",)),))
    >>> carried_names(cat, "rider")  # another column's name: not the rider's
    []
    """
    stems = {
        col[: -len(end)]
        for col in _foreign_columns(catalog, entity)
        for end in _KEY_ENDS
        if col.endswith(end) and len(col) > len(end)
    }
    names = {f"{s}_{w}" for s in stems for w in ("name", "title")}
    return [d.name for d in dims if d.name.split("__")[1] in names]


def _carried_identifiers(catalog: Catalog, entity: str, dims: list[CatalogDimension]) -> list[str]:
    """Rule 3 for an entity with no model of its own: the natural identifier the referencing
    models carry beside its key (``course_id`` beside the foreign key ``course_key``).

    Why: "which 3 courses score highest" grouped by the bare surrogate keys CK-04, CK-08, …
    while the same rows carried the course's own ``course_id``; a reader saw unknown codes
    (a session-18 fresh project showed it). Only ``<entity>_code`` / ``_number`` / ``_no``, and ``<entity>_id`` when
    the key is another column, as for an entity with its own model.

    >>> from semantic_layer.catalog import CatalogDimension as D, CatalogEntity as E
    >>> cat = Catalog(metrics=(), dimensions=(D("score__course_id", "Course Id"),
    ...     D("score__course_type", "Course Type")),
    ...     entities=(E("score", "Score", key_expr="score_key"),
    ...               E("course", "Course", foreign_exprs=("course_key",))))
    >>> carried_names(cat, "course")
    ['score__course_id']
    >>> cat = Catalog(metrics=(), dimensions=(D("score__course_id", "Course Id"),),
    ...     entities=(E("course", "Course", foreign_exprs=("course_id",)),))
    >>> carried_names(cat, "course")  # the key is the readable id already
    []
    """
    keys = _foreign_columns(catalog, entity)
    if not keys:
        return []
    natural = {f"{entity}_{s}" for s in _NATURAL_SUFFIXES}
    if f"{entity}_id" not in keys:
        natural.add(f"{entity}_id")
    return [d.name for d in dims if d.name.split("__")[1] in natural]


def _foreign_columns(catalog: Catalog, entity: str) -> set[str]:
    """The columns (lower case) other models hold ``entity``'s key in."""
    for e in catalog.entities:
        if e.name == entity:
            return {x.strip().lower() for x in e.foreign_exprs if x.strip()}
    return set()


def _key_column(catalog: Catalog, entity: str) -> str:
    """The column of ``entity``'s primary key (lower case), or "" when the catalog lacks it."""
    for e in catalog.entities:
        if e.name == entity:
            return e.key_expr.strip().lower()
    return ""


def _natural_identifiers(catalog: Catalog, entity: str, dims: list[CatalogDimension]) -> list[str]:
    """Rule 3 of the module docstring: the identifier a reader knows beside a surrogate key.

    >>> from semantic_layer.catalog import CatalogDimension as D, CatalogEntity as E
    >>> dims = (D("location__location_id", "Location Id"),)
    >>> cat = Catalog(metrics=(), dimensions=dims,
    ...     entities=(E("location", "Location", key_expr="location_key"),))
    >>> name_dimensions(cat, "location")
    ['location__location_id']
    >>> cat = Catalog(metrics=(), dimensions=(D("driver__id_tag", "Id Tag"),
    ...     D("driver__is_known_driver", "Is Known Driver")),
    ...     entities=(E("driver", "Driver", key_expr="driver_key"),))
    >>> name_dimensions(cat, "driver")
    ['driver__id_tag']
    >>> cat = Catalog(metrics=(), dimensions=(D("charger__location_id", "Location Id"),),
    ...     entities=(E("charger", "Charger", key_expr="charger_id"),))
    >>> name_dimensions(cat, "charger")  # a readable key: nothing added
    []
    """
    key = _key_column(catalog, entity)
    surrogate = key.endswith(_SURROGATE_ENDS)
    exact = {f"{entity}_{s}" for s in _NATURAL_SUFFIXES}
    if key and key != f"{entity}_id":
        exact.add(f"{entity}_id")
    found = []
    for d in dims:
        local = d.name.split("__")[1]
        if local.startswith(_FLAG_STARTS) or local == key:
            continue
        if local in exact or (surrogate and _IDENTIFIER_WORDS & set(local.split("_"))):
            found.append(d.name)
    return found[:MAX_NAMES]


def with_names(
    catalog: Catalog, group_by: list[str], reachable: Callable[[str], bool]
) -> list[str]:
    """``group_by`` with each entity key followed by its name dimensions.

    ``reachable(dim)`` says whether every metric of the question can be grouped by ``dim``.
    """
    entities = {e.name for e in catalog.entities}
    out: list[str] = []
    for g in group_by:
        out.append(g)
        if g not in entities:
            continue
        carried = not _own_dimensions(catalog, g)
        for name in name_dimensions(catalog, g):
            if name not in group_by and name not in out and reachable(name):
                out.append(name)
                if carried:  # names on several models: the first one the metrics reach
                    break
    return out


def name_pairs(catalog: Catalog, group_by: list[str]) -> dict[str, list[str]]:
    """Entity key -> the name dimensions :func:`with_names` put beside it in ``group_by``."""
    entities = {e.name for e in catalog.entities}
    pairs: dict[str, list[str]] = {}
    for g in group_by:
        if g in entities:
            names = [n for n in name_dimensions(catalog, g) if n in group_by]
            if names:
                pairs[g] = names
    return pairs
