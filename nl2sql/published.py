"""A published metric before an implied one: the owner's metric list is what the owner offers.

Why: an implied metric (``semantic_layer.implied``) is a measure the owner aggregated but
published no metric for. When a word names both a published metric and such a measure ("goals"
for the metric labelled Goals and the bare measure ``goals`` of another table), the published
one is meant; a bare measure is answered only where no metric fits the same words. A word that
fits two measures and no metric is still clarified.
"""

from __future__ import annotations

from typing import Any, TypeVar

from semantic_layer.catalog import Catalog

K = TypeVar("K")

#: bridge sources that reach a term through part of its name (a suffix, a head word), a verb or
#: an acronym: for a published metric the owner chose the name; a measure's name is often a
#: column's ("hourly_trip_count", an average), and its tail ("trip count") or a verb ("traveled")
#: may mean the published count beside it
_PARTIAL_SOURCES = ("suffix", "head", "verb", "acronym", "light")


def partial_bridge_to_implied(kind: str, name: str, source: str, catalog: Catalog) -> bool:
    """Whether a bridge reaches an implied metric through only part of its name (dropped).

    >>> from semantic_layer.catalog import CatalogMetric
    >>> cat = Catalog(metrics=(CatalogMetric("hourly_trip_count", "hourly trip count",
    ...                                      implied=True),), dimensions=())
    >>> partial_bridge_to_implied("metric", "hourly_trip_count", "suffix", cat)
    True
    >>> partial_bridge_to_implied("metric", "hourly_trip_count", "cedict", cat)
    False
    """
    if kind != "metric" or not any(part in source for part in _PARTIAL_SOURCES):
        return False
    m = catalog.metric(name)
    return m is not None and m.implied


def prefer_published(table: dict[K, list[Any]], catalog: Catalog) -> None:
    """Drop implied-metric senses from every entry of ``table`` that also has a published one.

    >>> from semantic_layer.catalog import CatalogMetric
    >>> from nl2sql.lexicon import Sense
    >>> cat = Catalog(metrics=(CatalogMetric("total_goals", "Goals"),
    ...                        CatalogMetric("goals", "goals", implied=True)), dimensions=())
    >>> t = {("goals",): [Sense("metric", "goals"), Sense("metric", "total_goals")]}
    >>> prefer_published(t, cat)
    >>> [s.name for s in t[("goals",)]]
    ['total_goals']
    """
    implied = {m.name for m in catalog.metrics if m.implied}
    if not implied:
        return
    for key, senses in table.items():
        kinds = {s.name in implied for s in senses if s.kind == "metric"}
        if kinds == {True, False}:
            table[key] = [s for s in senses if s.kind != "metric" or s.name not in implied]


def without_partial_implied(bridges: list[Any], catalog: Catalog) -> list[Any]:
    """``bridges`` minus those that reach an implied metric through part of its name."""
    return [b for b in bridges if not partial_bridge_to_implied(b.kind, b.name, b.source, catalog)]
