"""Runnable rewrites of a question refused because its metric cannot reach its breakdown.

Why its own module: "Orders cannot be broken down by product category" used to be followed by
the model's first metrics ("Revenue Running Total; Orders Running Total; Revenue per
Customer"), whatever was asked — a dead end. Two rewrites answer something close to what was
asked, and the engine checks each before it is offered (:mod:`nl2sql.rules.suggest`, kind
``questions``):

- the asked metric by a dimension it *does* reach whose words are those of the asked one
  ("orders by category" when orders reach the order's category but not the product's);
- another metric that reaches the asked breakdown, closest to the asked metric first (it
  counts the same entity, shares its words, is a plain metric rather than a running total):
  "total items by product category".

The question is rewritten by replacing the words that named the metric or the breakdown, so its
period and conditions stay as asked.
"""

from __future__ import annotations

import itertools
import re

from nl2sql.interpret import item_label, metric_label
from nl2sql.normalize import has_cjk
from nl2sql.rules.items import Item
from nl2sql.rules.related_metrics import english_words, plainness
from nl2sql.rules.state import ParseState
from semantic_layer.catalog import Catalog, CatalogMetric

#: rewrites offered per side (another breakdown, another metric): the engine keeps three
PER_SIDE = 3


def _said(items: list[Item], kind: tuple[str, ...], name: str) -> Item | None:
    """The question's item read as ``name`` (a metric, or a dimension / entity)."""
    for it in items:
        if it.sense is not None and it.sense.kind in kind and it.sense.name == name:
            return it
    return None


def _replace(question: str, word: str, phrase: str) -> str | None:
    """``question`` with its first ``word`` (any case, whole English words) set to ``phrase``."""
    pattern = re.escape(word) if has_cjk(word) else rf"(?<![A-Za-z]){re.escape(word)}(?![A-Za-z])"
    got, n = re.subn(pattern, lambda _m: phrase, question, count=1, flags=re.IGNORECASE)
    return got if n else None


def _words(catalog: Catalog, name: str) -> set[str]:
    """A dimension's English words: its last name part and its English label."""
    return english_words(
        name.split("__")[-1].replace("_", " ") + " " + item_label(catalog, name, "en")
    )


def _metric_words(m: CatalogMetric) -> set[str]:
    return english_words(f"{m.name.replace('_', ' ')} {m.label}")


def closer_metrics(catalog: Catalog, asked: str, fits: list[CatalogMetric]) -> list[str]:
    """``fits`` ranked by closeness to the ``asked`` metric: counting the same entity (3),
    shared words of name and label (1 each), a count for a count (1); ties put the plainer
    metric first (:func:`~nl2sql.rules.related_metrics.plainness`), then the model's order.

    >>> from semantic_layer.catalog import CatalogMetric
    >>> cat = Catalog(metrics=(CatalogMetric("rt", "Revenue Running Total", metric_type="cumulative"),
    ...     CatalogMetric("items", "Total Items", counts="item"),
    ...     CatalogMetric("orders", "Orders", counts="order")), dimensions=(), entities=())
    >>> closer_metrics(cat, "orders", [m for m in cat.metrics if m.name != "orders"])
    ['items', 'rt']
    """
    m = catalog.metric(asked)
    said = _metric_words(m) if m is not None else set()

    def score(c: CatalogMetric) -> int:
        s = 3 * bool(m is not None and m.counts and c.counts == m.counts)
        s += len(said & _metric_words(c))
        s += bool(c.counts) and bool(m is not None and m.counts)  # a count for a count
        return s

    return [c.name for c in sorted(fits, key=lambda c: (-score(c), plainness(c)))]


def _rewrite(question: str, it: Item, phrase: str) -> str | None:
    """``question`` with the words of ``it`` set to ``phrase`` (by its place when the place
    still holds them, else by its text)."""
    if question[it.start : it.end].lower() == it.text.lower():
        return question[: it.start] + phrase + question[it.end :]
    return _replace(question, it.text, phrase)


def reach_rewrites(p: ParseState, metric: str, dimension: str) -> list[str]:
    """Rewrites of the question where ``metric`` is not broken down by ``dimension``: the
    metric by a reachable dimension sharing words with the asked one, then other metrics
    that reach the asked dimension (see the module docstring). Unverified: the engine's check
    in :mod:`nl2sql.rules.suggest` keeps the answerable ones.
    """
    question, catalog, lang = p.result.question, p.catalog, p.result.lang
    allows = p.metric_allows
    near_dims: list[str] = []
    dim_it = _said(p.its, ("dimension", "entity"), dimension)
    met_it = _said(p.its, ("metric",), metric)
    if dim_it is not None and catalog.metric(metric) is not None:
        asked = _words(catalog, dimension)
        near = [
            d.name
            for d in catalog.dimensions
            if d.name != dimension
            and d.dim_type != "time"
            and allows(metric, d.name)
            and asked & _words(catalog, d.name)
        ]
        # most shared words first; fewer other words next (the plainer name)
        near.sort(key=lambda d: (-len(asked & _words(catalog, d)), len(_words(catalog, d))))
        labels = dict.fromkeys(item_label(catalog, d, lang) for d in near)
        near_dims = [
            q for label in list(labels)[:PER_SIDE] if (q := _rewrite(question, dim_it, label))
        ]
    other_metrics: list[str] = []
    if met_it is not None:
        fits = [c for c in catalog.metrics if c.name != metric and allows(c.name, dimension)]
        for name in closer_metrics(catalog, metric, fits)[: PER_SIDE * 2]:
            if (q := _rewrite(question, met_it, metric_label(catalog, name, lang))) is not None:
                other_metrics.append(q)
    # the closest other metric first (the breakdown asked is kept), then the asked metric by
    # the nearest breakdown it reaches, alternating
    out = [q for pair in itertools.zip_longest(other_metrics, near_dims) for q in pair if q]
    return list(dict.fromkeys(out))
