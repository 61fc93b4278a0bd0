"""A published metric before an implied one: the owner's metric list is what the owner offers.

Why: an implied metric (``semantic_layer.implied``) is a measure the owner aggregated but
published no metric for. When a word names both a published metric and such a measure ("goals"
for the metric labelled Goals and the bare measure ``goals`` of another table), the published
one is meant; a bare measure is answered only where no metric fits the same words. A word that
fits two measures and no metric is still clarified.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any, TypeVar

from nl2sql.vocabulary.chinese import compounds
from nl2sql.vocabulary.english import GENERIC_HEADS, name_words
from semantic_layer.catalog import Catalog

K = TypeVar("K")

#: bridge sources that reach a term through a verb or an acronym, and through part of its name
#: (a suffix, a head word): for a published metric the owner chose the name; a measure's name
#: is often a column's, and a verb ("traveled") may mean the published metric beside it
_LOOSE_SOURCES = ("verb", "acronym", "light")
_PARTIAL_SOURCES = ("suffix", "head")
#: aggregations whose partial name may still name the same total ("goals" of `goals_total`); an
#: average, extreme or percentile loses the word that said so ("trip count" of
#: `hourly_trip_count`, an hourly *average*, is not the number of trips)
_ADDITIVE = frozenset({"sum", "count", "count_distinct", "sum_boolean"})


def _one_content_word(name: str) -> bool:
    """Whether ``name`` has one word besides generic heads ("goals_total", "article_count"):
    then part of it only drops a generic word. "patrons" of `repeat_patrons` drops
    the qualifier: the patrons who came back are not all patrons."""
    return len([w for w in name_words(name) if w not in GENERIC_HEADS]) <= 1


#: words a total's name may open with that say only that it is a total ("total_fuel_cost")
_TOTAL_LEADS = frozenset({"total", "sum", "overall"})


def _drops_only_total(name: str, term: str) -> bool:
    """Whether ``term`` is ``name`` without its leading total words: "fuel cost" (燃料成本) of
    ``total_fuel_cost``. The sum of fuel cost is what "fuel cost" asks for; only a
    qualifier dropped ("patrons" of ``repeat_patrons``) changes the thing."""
    words = name_words(name)
    lead = 0
    while lead < len(words) - 1 and words[lead] in _TOTAL_LEADS:
        lead += 1
    rest = words[lead:]
    if not lead:
        return False
    if term.isascii():
        return rest == name_words(term)
    # a Chinese word is the rest's word-by-word rendering (燃料成本 for "fuel cost")
    return len(rest) > 1 and term in {zh for zh, _ in compounds(rest)}


def partial_bridge_to_implied(
    kind: str, name: str, source: str, catalog: Catalog, term: str = ""
) -> bool:
    """Whether a bridge reaches an implied metric only loosely (then it is dropped): through a
    verb or an acronym, or through part of the name of a measure that is not a plain total.

    >>> from semantic_layer.catalog import CatalogMetric
    >>> cat = Catalog(metrics=(CatalogMetric("hourly_trip_count", "hourly trip count",
    ...                                      agg="average", implied=True),
    ...                        CatalogMetric("goals_total", "goals total", agg="sum",
    ...                                      implied=True)), dimensions=())
    >>> partial_bridge_to_implied("metric", "hourly_trip_count", "suffix", cat)
    True
    >>> partial_bridge_to_implied("metric", "goals_total", "suffix+glossary", cat)
    False
    >>> partial_bridge_to_implied("metric", "goals_total", "verb+past", cat)
    True
    >>> cat = Catalog(metrics=(CatalogMetric("repeat_patrons", "repeat patrons",
    ...                                      agg="count_distinct", implied=True),), dimensions=())
    >>> partial_bridge_to_implied("metric", "repeat_patrons", "suffix", cat)
    True
    >>> cat = Catalog(metrics=(CatalogMetric("total_fuel_cost", "total fuel cost",
    ...                                      agg="sum", implied=True),), dimensions=())
    >>> partial_bridge_to_implied("metric", "total_fuel_cost", "suffix", cat, "fuel cost")
    False
    >>> partial_bridge_to_implied("metric", "total_fuel_cost", "suffix", cat, "cost")
    True
    """
    if kind != "metric":
        return False
    m = catalog.metric(name)
    if m is None or not m.implied:
        return False
    if any(part in source for part in _LOOSE_SOURCES):
        return True
    if not any(part in source for part in _PARTIAL_SOURCES):
        return False
    if m.agg in _ADDITIVE and term and _drops_only_total(m.name, term):
        return False
    return m.agg not in _ADDITIVE or not _one_content_word(m.name)


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
    shadow = published_twins(catalog)
    for key, senses in table.items():
        kinds = {s.name in implied for s in senses if s.kind == "metric"}
        if kinds == {True, False}:
            table[key] = [s for s in senses if s.kind != "metric" or s.name not in implied]
        elif kinds == {True} and any(s.name in shadow for s in senses if s.kind == "metric"):
            twins = [
                _as_twin(s, shadow[s.name], catalog)
                if s.kind == "metric" and s.name in shadow
                else s
                for s in senses
            ]
            table[key] = list(dict.fromkeys(twins))


def _as_twin(sense: Any, twin: str, catalog: Catalog) -> Any:
    """``sense`` naming the published ``twin`` instead, said by the twin's own label."""
    m = catalog.metric(twin)
    via = (m.label or m.name) if m is not None and sense.via else sense.via
    return replace(sense, name=twin, via=via)


def published_twins(catalog: Catalog) -> dict[str, str]:
    """Implied metric -> the one published metric that aggregates the same column the same way
    and whose words hold all the implied one's own words (total words and generic heads aside).

    Why: a measure the owner left unpublished beside a published metric over the same column
    is that quantity read at another grain — `total_riders` (SUM(riders) over one row
    per stop and trip) beside "Total Trip Riders" (SUM(riders) over one row per trip)
    counts every trip twice. "乘客总人数" / "total riders" named the bare measure alone (the
    published label says "trip" besides) and answered the doubled sum; the owner's metric is
    the one meant. Two such metrics, or one over another column ("Total Refunds" beside an
    unpublished `revenue` that also sums `amount`: no shared word), leave the measure as it is.

    >>> from semantic_layer.catalog import CatalogMetric
    >>> cat = Catalog(metrics=(
    ...     CatalogMetric("total_riders", "total riders", agg="sum",
    ...                   measure_expr="riders", implied=True),
    ...     CatalogMetric("total_trip_riders", "Total Trip Riders", agg="sum",
    ...                   measure_expr="riders"),
    ...     CatalogMetric("avg_riders", "Average Riders", agg="average",
    ...                   measure_expr="riders")), dimensions=())
    >>> published_twins(cat)
    {'total_riders': 'total_trip_riders'}
    """
    out: dict[str, str] = {}
    for m in catalog.metrics:
        if not m.implied or not m.agg or not m.measure_expr:
            continue
        own = set(name_words(m.name)) - _TOTAL_LEADS - GENERIC_HEADS
        if not own:
            continue
        twins = [
            p.name
            for p in catalog.metrics
            if not p.implied
            and p.metric_type == "simple"
            and not p.filtered
            and p.agg == m.agg
            and p.measure_expr.strip().lower() == m.measure_expr.strip().lower()
            and own <= set(name_words(p.name)) | set(name_words(p.label or ""))
        ]
        if len(twins) == 1:
            out[m.name] = twins[0]
    return out


def without_partial_implied(bridges: list[Any], catalog: Catalog) -> list[Any]:
    """``bridges`` minus those that reach an implied metric through part of its name."""
    return [
        b
        for b in bridges
        if not partial_bridge_to_implied(b.kind, b.name, b.source, catalog, b.term)
    ]
