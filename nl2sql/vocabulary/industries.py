"""The industries a model is of, read from its own names and labels (for the industry glossary).

Why a module of its own: the bridges (built once per model) and the parser (per question) both
read Chinese renderings, and both must read the same industries' words for one model, or a
word the bridges left out would come back through a compound read at question time.
"""

from __future__ import annotations

from nl2sql.identity_cache import IdentityCache
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


#: one answer per catalog: the parser asks on every question, and reading every name and
#: label of a model singular again took about a third of understanding a question (bench_ask)
_INDUSTRIES = IdentityCache[frozenset[str]](maxsize=16)


def catalog_industries(catalog: Catalog) -> frozenset[str]:
    """The industries whose words ``catalog`` names (see ``chinese.evident_industries``),
    read once per catalog.

    >>> from semantic_layer.catalog import CatalogDimension, CatalogEntity, CatalogMetric
    >>> cat = Catalog(
    ...     metrics=(CatalogMetric("avg_length_of_stay", "Average length of stay"),),
    ...     dimensions=(CatalogDimension("admission__ward", "Ward"),),
    ...     entities=(CatalogEntity("patient", "patient"),),
    ... )
    >>> sorted(catalog_industries(cat))
    ['healthcare']
    """
    return _INDUSTRIES.get_or_build(catalog, lambda: evident_industries(model_phrases(catalog)))
