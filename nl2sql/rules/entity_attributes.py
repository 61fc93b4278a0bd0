"""A Chinese word right after an entity's name, naming one of its columns: that column
("按APC代码" is the APC's "apc code", "DRG描述" its description).

Why: a model names an entity with an acronym ("apc", "drg") and its columns "<entity> code",
"<entity> description". A Chinese analyst keeps the acronym and says the column in Chinese
(APC代码); the acronym reads as the entity and 代码 alone is no model term (only whole labels
became terms), so the question was refused ("I don't know '代码'"). Here an unknown Chinese word
right after an item read as an entity is that entity's dimension when the word renders (the
industry glossary of the model's industries, CC-CEDICT, ECDICT; whole word) the one word the
dimension's label adds to the entity's name, and exactly one of the entity's dimensions fits;
anything else is left as it was.
"""

from __future__ import annotations

import re

from nl2sql.lexicon import Sense
from nl2sql.rules.items import Item
from nl2sql.rules.modifier_subset import MIN_CHARS, renders
from nl2sql.rules.state import ParseState
from nl2sql.vocabulary.english import singular
from semantic_layer.catalog import Catalog

_WORD = re.compile(r"[a-z0-9]+")


def _words(text: str) -> list[str]:
    return [singular(w) for w in _WORD.findall(text.lower().replace("_", " "))]


def entity_column(catalog: Catalog, entity: str, zh: str) -> str | None:
    """The one dimension of ``entity`` whose label is the entity's name plus one word that
    ``zh`` renders; None when none or several fit.

    >>> from semantic_layer.catalog import CatalogDimension, CatalogEntity
    >>> cat = Catalog(metrics=(), dimensions=(
    ...     CatalogDimension("apc__apc_code", "apc code", entity="apc"),
    ...     CatalogDimension("apc__apc_description", "apc description", entity="apc"),
    ... ), entities=(CatalogEntity("apc", "apc"),))
    >>> entity_column(cat, "apc", "代码"), entity_column(cat, "apc", "成本")
    ('apc__apc_code', None)
    """
    ent = next((e for e in catalog.entities if e.name == entity), None)
    own = set(_words(entity)) | (set(_words(ent.label or "")) if ent is not None else set())
    found = []
    for d in catalog.dimensions:
        if not d.name.startswith(f"{entity}__") or d.dim_type == "time":
            continue
        rest = [w for w in _words(d.label or d.name.split("__")[-1]) if w not in own]
        if len(rest) == 1 and renders(zh, rest[0], catalog):
            found.append(d.name)
    return found[0] if len(found) == 1 else None


def settle_entity_attributes(p: ParseState) -> None:
    """Read an unknown Chinese word after an entity's name as that entity's column."""
    for k, it in enumerate(p.all):
        said = it.text.strip()
        if k == 0 or it.kind != "unknown" or it.text.isascii() or len(said) < MIN_CHARS:
            continue
        before = p.all[k - 1]
        ents = [s.name for s in before.senses if s.kind == "entity"]
        if before.kind != "domain" or len(ents) != 1 or len(before.senses) != 1:
            continue
        dim = entity_column(p.catalog, ents[0], said)
        if dim is None:
            continue
        text = p.result.question[before.start : it.end]
        p.all[k - 1 : k + 1] = [
            Item("domain", text, before.start, it.end, senses=[Sense("dimension", dim)])
        ]
        p.its = [x for x in p.all if x.kind != "stop"]
        p.result.bridged.append(f"{text.strip()} → {dim.split('__')[-1].replace('_', ' ')}")
        return
