"""A metric named for the breakdown it is meant for: "fees_by_member_tier".

Why: a model may name a metric after the slicing its author had in mind ("Fees (by tier
/ month)", ``fees_by_member_tier``) while the metric itself is one plain sum. Its
whole name was a term, so "Fees by member tier" matched the name word for word and
was answered as one total — a wrong answer to a question that asks for one row per tier.
When the words after "by" in a metric's name or label name the model's dimensions (each word
is a word of some dimension's name or label, or a time grain), that part is a breakdown, not
the metric's identity: the metric is named by the words before "by" (unless they already name
something else of the model: "customers (by line)" beside a customer entity stays whole), and
the question's "by ..." groups as it would for any metric. A tail
that names nothing in the model ("orders_by_new_customers" without such a dimension) leaves
the name whole.
"""

from __future__ import annotations

from collections.abc import Iterable

from nl2sql.vocabulary.english import name_words, singular
from semantic_layer.catalog import Catalog

#: words of a time grain: "by month" is a breakdown by the metric's own time
_GRAINS = frozenset({"hour", "day", "date", "week", "month", "quarter", "year"})
#: words that join the breakdown's parts ("by segment / month", "by region and channel")
_JOINERS = frozenset({"and", "or", "the", "a", "an"})


def _dimension_words(catalog: Catalog) -> frozenset[str]:
    words: set[str] = set()
    for d in catalog.dimensions:
        for text in (d.name.split("__")[-1], d.label or ""):
            words.update(name_words(text))
    for e in catalog.entities:
        for text in (e.name, e.label or ""):
            words.update(name_words(text))
    return frozenset(words)


def breakdown_head(text: str, known: Iterable[str]) -> str | None:
    """The words before "by" when every word after it is in ``known`` (dimension words) or a
    time grain, else None.

    >>> known = {"member", "tier", "at", "order", "date", "region"}
    >>> breakdown_head("fees_by_member_tier", known)
    'fees'
    >>> breakdown_head("Fees (by tier / month)", known)
    'fees'
    >>> breakdown_head("orders_by_new_customers", known), breakdown_head("net revenue", known)
    (None, None)

    Plurals are read by the lexicon's singular, not by cutting every "s" ("categories" is
    a category; "addresses" an address, never "addre"):

    >>> breakdown_head("sales_by_categories_and_months", {"category"})
    'sales'
    >>> breakdown_head("orders_by_addresses", {"address"})
    'orders'
    """
    words = name_words(text)
    if "by" not in words:
        return None
    cut = words.index("by")
    head = words[:cut]
    tail = [w for w in words[cut + 1 :] if w not in _JOINERS]
    vocab = {singular(w) for w in known}
    if not head or not tail:
        return None
    if all(singular(w) in vocab or singular(w) in _GRAINS for w in tail):
        return " ".join(head)
    return None


def _key(text: str) -> tuple[str, ...]:
    return tuple(singular(w) for w in name_words(text))


def _names_in_use(catalog: Catalog) -> set[tuple[str, ...]]:
    """The keys of every name and label of the model's entities, dimensions and metrics."""
    texts = [t for e in catalog.entities for t in (e.name, e.label or "")]
    texts += [t for d in catalog.dimensions for t in (d.name.split("__")[-1], d.label or "")]
    texts += [t for m in catalog.metrics for t in (m.name, m.label or "")]
    return {_key(t) for t in texts if t}


def metric_name_terms(catalog: Catalog) -> dict[str, list[str]]:
    """Per metric, the texts that name it: its name and label, each cut before a "by" that
    names a breakdown of the model — unless the head is already another name of the model
    ("customers (by line)" beside the customer entity keeps its whole label)."""
    known = _dimension_words(catalog)
    in_use = _names_in_use(catalog)
    out: dict[str, list[str]] = {}
    for m in catalog.metrics:
        texts: list[str] = []
        for t in (m.name, m.label or ""):
            head = breakdown_head(t, known) if t else None
            texts.append(head if head is not None and _key(head) not in in_use else t)
        out[m.name] = texts
    return out
