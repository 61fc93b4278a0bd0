"""An unknown word that the metric's own description puts before its noun qualifies nothing new.

Why: a metric labelled "Total Loans" described as "Total book loans across all branches"
is what its users call "book loans" (图书借阅数 in Chinese), yet "total book loans
yesterday" was refused for the unknown 'book'. The model's author wrote the qualifier into the
metric's own description: every loan the metric counts is a book loan, so the word
restates the metric and answering without it answers the same question.

What is read: an unknown word right before a word whose every reading is a metric, when each
of those metrics' descriptions has that word (English, or a Chinese rendering of it from the
dictionaries and the industry glossary) immediately before the label's head noun ("ad
requests" before "Requests"). Anything else stays unknown and refused: a qualifier the
description does not give ("video requests", "failed requests") may narrow the metric, and
answering the whole metric for it would be a wrong answer.
"""

from __future__ import annotations

import itertools
import re

from nl2sql.rules.items import Item
from nl2sql.rules.state import ParseState
from nl2sql.vocabulary.chinese import renderings
from nl2sql.vocabulary.english import singular
from semantic_layer.catalog import CatalogMetric

_WORD = re.compile(r"[a-z0-9]+")


def _qualifiers(metric: CatalogMetric) -> set[str]:
    """The words the metric's description puts right before its label's head noun.

    >>> m = CatalogMetric("total_loans", "Total Loans",
    ...                   description="Total book loans across all branches")
    >>> sorted(_qualifiers(m))
    ['book']
    >>> sorted(_qualifiers(CatalogMetric("clicks", "Clicks", description="Clicks received")))
    []
    """
    label = _WORD.findall((metric.label or metric.name.replace("_", " ")).lower())
    words = _WORD.findall((metric.description or "").lower())
    if not label or not words:
        return set()
    head = singular(label[-1])
    return {
        w
        for w, nxt in itertools.pairwise(words)
        if singular(nxt) == head and w not in label and not w.isdigit()
    }


def _said(word: str, qualifiers: set[str]) -> bool:
    """``word`` (English or Chinese) is one of ``qualifiers`` or a Chinese rendering of one."""
    if word.isascii():
        return word.lower() in qualifiers or singular(word.lower()) in qualifiers
    return any(word == zh for q in qualifiers for zh, _ in renderings(q))


def absorb_description_qualifiers(p: ParseState) -> None:
    """Turn an unknown word the metric's description puts before its noun into a stop word."""
    for k, it in enumerate(p.all):
        if it.kind != "unknown" or not it.text.strip():
            continue
        nxt = next((x for x in p.all[k + 1 :] if x.text.strip()), None)
        if nxt is None or nxt.kind != "domain" or not nxt.senses:
            continue
        metrics = [p.catalog.metric(s.name) for s in nxt.senses if s.kind == "metric"]
        if len(metrics) != len(nxt.senses) or any(m is None for m in metrics):
            continue
        if all(_said(it.text.strip(), _qualifiers(m)) for m in metrics if m is not None):
            p.all[k] = Item("stop", it.text, it.start, it.end)
            p.result.notes.append(
                f"'{it.text.strip()} {nxt.text.strip()}': the metric's description says "
                f"'{it.text.strip()}'"
            )
    p.its = [it for it in p.all if it.kind != "stop"]
