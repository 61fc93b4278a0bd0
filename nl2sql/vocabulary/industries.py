"""The industries a model is of, read from its own names and labels (for the industry glossary).

Why a module of its own: the bridges (built once per model) and the parser (per question) both
read Chinese renderings, and both must read the same industries' words for one model, or a
word the bridges left out would come back through a compound read at question time.
"""

from __future__ import annotations

from nl2sql.vocabulary.chinese import evident_industries
from nl2sql.vocabulary.english import name_words, singular
from semantic_layer.catalog import Catalog


def model_phrases(catalog: Catalog) -> list[str]:
    """The model's own names and labels as English phrases, each word singular.

    Dimension names are read without their entity prefix (``admission__ward`` -> "ward"): the
    entity is a name of its own.
    """
    texts: list[str] = []
    for m in catalog.metrics:
        texts += [m.name, m.label or ""]
    for d in catalog.dimensions:
        texts += [d.name.split("__")[-1], d.label or ""]
    for e in catalog.entities:
        texts += [e.name, e.label or ""]
    return [" ".join(singular(w) for w in name_words(t)) for t in texts if t]


def catalog_industries(catalog: Catalog) -> frozenset[str]:
    """The industries whose words ``catalog`` names (see ``chinese.evident_industries``).

    >>> from semantic_layer.catalog import CatalogDimension, CatalogEntity, CatalogMetric
    >>> cat = Catalog(
    ...     metrics=(CatalogMetric("avg_length_of_stay", "Average length of stay"),),
    ...     dimensions=(CatalogDimension("admission__ward", "Ward"),),
    ...     entities=(CatalogEntity("patient", "patient"),),
    ... )
    >>> sorted(catalog_industries(cat))
    ['healthcare']
    """
    return evident_industries(model_phrases(catalog))
