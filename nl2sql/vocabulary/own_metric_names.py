"""Metric names that start with their own entity or close with a currency code.

Why: dbt projects often name a metric after its entity first and its unit last
(``booking_fare_usd`` on a ``booking``); users say neither ("average fare by route", 票价).
:mod:`nl2sql.vocabulary.english_anchors` reads such names through these helpers: the name
without its currency, read as a label with a unit note, and the entity words before a one-word
suffix that make the suffix name the metric (``english_anchors._suffix_score``) — unless that
word is shared with another metric.
"""

from __future__ import annotations

import re

from nl2sql.unit_words import is_currency
from nl2sql.vocabulary.english import PREPOSITIONS, name_words, singular, thesaurus
from semantic_layer.catalog import Catalog, CatalogMetric

#: a label's parenthesised note ("(USD)", "(guest member)")
PARENS = re.compile(r"\([^)]*\)")


def unparenthesized(label: str) -> str:
    """A label without its parenthesised note ("Revenue (USD)" -> "Revenue"), or ""."""
    plain = " ".join(PARENS.sub(" ", label).split())
    return plain if plain != " ".join(label.split()) else ""


def priced_names(m: CatalogMetric) -> list[str]:
    """The metric's name without a closing currency code ("booking fare" of
    ``booking_fare_usd``), so its suffixes ("fare") and their Chinese (票价) name it
    as the suffixes of any name do; empty when the name closes with no currency.

    Why: a currency suffix is a unit, not a word users say ("average price per request");
    as the last word it made every suffix of the name end in "eur". After a preposition the
    currency is no unit note but the rate's base (``bookings_per_dollar``): stripped, "bookings
    per" named that rate and "average bookings per guest" answered it (a wrong answer).

    >>> priced_names(CatalogMetric("booking_fare_usd", "x")), priced_names(CatalogMetric("gmv", "x"))
    (['booking fare (usd)'], [])
    >>> priced_names(CatalogMetric("bookings_per_dollar", "x"))
    []
    """
    words = name_words(m.name)
    if len(words) >= 2 and is_currency(words[-1]) and words[-2] not in PREPOSITIONS:
        # written as a label with its unit note, so it is read as one (a "label" anchor, as
        # "Revenue (USD)" is), never as a second name of the metric
        return [f"{' '.join(words[:-1])} ({words[-1]})"]
    return []


def owner_words(m: CatalogMetric, shared: dict[str, set[str]]) -> tuple[tuple[str, ...], ...]:
    """The words of each of the metric's own entities; none when the word its name or label
    closes with is also a word of another metric, or a thesaurus neighbour of one (``shared``,
    :func:`metric_words`).

    Why: "sales" of ``line_sales`` on an order ``line`` is what other metrics share ("net
    revenue", revenue~sales): named surely, "revenue" and 销售额 answered line sales on the
    synonym-stripped built-in model (nl-eval-nosyn, 12 new wrong answers); such a word stays
    a clarification (:func:`nl2sql.vocabulary.english_anchors._suffix_score`).
    """
    owners = tuple(tuple(name_words(e)) for e in m.own_entities or ())
    for text in [m.name, m.label or "", *priced_names(m)]:
        words = name_words(unparenthesized(text) or text)
        if words and shared.get(singular(words[-1]), set()) - {m.name}:
            return ()
    return owners


def metric_words(catalog: Catalog) -> dict[str, set[str]]:
    """Each word of a metric's name or label, and each thesaurus neighbour of one, with the
    metrics that have it."""
    th = thesaurus()
    out: dict[str, set[str]] = {}
    for m in catalog.metrics:
        for text in (m.name, m.label or ""):
            for w in name_words(unparenthesized(text) or text):
                for x in (singular(w), *th.get(singular(w), ())):
                    out.setdefault(x, set()).add(m.name)
    return out
