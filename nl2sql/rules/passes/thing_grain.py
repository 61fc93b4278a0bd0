"""The amount measured at the thing's own grain: the numerator of "average amount per thing"
when the model keeps that amount again on the thing's rows.

Why: a ferry app's model counts fares on ticket taps ("Fares (EUR)") and again on trips
("Trip fares (EUR)"), and divides the trip copy by trips ("Fares per trip"); a count kept
the same way ("Stops in trips") divides by trips too. "平均每次行程的票价" / "每次行程的平均
票价" name the amount by its plain metric (fares), which is not the ratio's numerator, so no
ratio was found and the question was refused as an average of a total (the same shape on a
fresh web-analytics project: revenue and events per visit). The numerator is the same amount said at the thing's grain: its label is the plain
metric's label with the thing's name (and a linking "in"/"of"/"per") added, nothing else.
A ratio whose numerator adds any other word (upgraded trips, trips cut short) is a
different quantity and is not taken; two such ratios decide nothing.
"""

from __future__ import annotations

import re

from semantic_layer.catalog import Catalog

#: words that only link the amount to the thing it is measured on ("stops in trips")
_LINKS = frozenset({"in", "of", "per", "on", "by", "for"})
_WORD = re.compile(r"[a-z0-9]+")


def _words(text: str) -> set[str]:
    return set(_WORD.findall(text.lower()))


def _thing_words(entities: set[str]) -> set[str]:
    out: set[str] = set()
    for e in entities:
        for w in _words(e.replace("_", " ")):
            out |= {w, w + "s", w + "es"}
    return out


def thing_grain_ratios(catalog: Catalog, numerators: set[str], entities: set[str]) -> list[str]:
    """Ratios ``N / count(thing)`` whose numerator ``N`` is one of ``numerators`` said at the
    thing's grain (its label = that metric's label + the thing's name and link words).

    >>> from semantic_layer.catalog import CatalogMetric as M, Catalog
    >>> cat = Catalog(metrics=(
    ...     M("revenue", "Revenue (USD)"), M("visits", "Visits", counts="visit"),
    ...     M("visit_revenue", "Visit revenue (USD)"),
    ...     M("engaged_visits", "Engaged visits"),
    ...     M("per_visit", "Revenue per visit", metric_type="ratio",
    ...       ratio_of=("visit_revenue", "visits")),
    ...     M("engaged_rate", "Engaged rate", metric_type="ratio",
    ...       ratio_of=("engaged_visits", "visits"))), dimensions=())
    >>> thing_grain_ratios(cat, {"revenue"}, {"visit"})
    ['per_visit']
    >>> thing_grain_ratios(cat, {"visits"}, {"visit"})
    []
    """
    if not numerators or not entities:
        return []
    things = _thing_words(entities)
    hits = []
    for r in catalog.metrics:
        if len(r.ratio_of) != 2:
            continue
        num, den = catalog.metric(r.ratio_of[0]), catalog.metric(r.ratio_of[1])
        if num is None or den is None or den.counts not in entities or num.filtered:
            continue
        said = _words(num.label or num.name)
        for name in numerators:
            plain = catalog.metric(name)
            if plain is None or plain.name == num.name:
                continue
            base = _words(plain.label or plain.name)
            extra = said - base
            if base <= said and extra and extra <= things | _LINKS and extra & things:
                hits.append(r.name)
                break
    return hits
