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

The same word may also be a model term of its own: "crossing" is the core of "Total Crossing
Events", yet "crossing revenue" on a ferry model is the revenue ("Total ferry crossing
revenue" says its description), not the events beside it. English puts the noun that is
counted last ("crossing revenue" is revenue); read as two metrics, the events led the answer — a
wrong answer. :func:`absorb_metric_qualifiers` reads such a word, right against a metric word
whose every metric's description puts it before the label's words, as that qualifier.
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


#: words before a label's noun that only say how it aggregates ("Total Fuel Used")
_LEAD = frozenset({"total", "average", "avg", "mean", "sum", "overall"})


def _phrase_qualifiers(metric: CatalogMetric) -> set[str]:
    """The words the description puts right before the label's words (lead words left out),
    or before its longest closing part the description repeats.

    >>> m = CatalogMetric("total_fuel", "Total Fuel Used",
    ...                   description="Total ferry crossing fuel used, in litres.")
    >>> sorted(_phrase_qualifiers(m))
    ['crossing']
    >>> sorted(_phrase_qualifiers(CatalogMetric("r", "Revenue", description="Revenue, in USD")))
    []
    """
    label = _WORD.findall((metric.label or metric.name.replace("_", " ")).lower())
    while label and label[0] in _LEAD:
        label = label[1:]
    words = [singular(w) for w in _WORD.findall((metric.description or "").lower())]
    tail = [singular(w) for w in label]
    for n in range(len(tail), 0, -1):
        part = tail[-n:]
        found = {
            words[i - 1]
            for i in range(1, len(words) - n + 1)
            if words[i : i + n] == part and words[i - 1] not in tail and not words[i - 1].isdigit()
        }
        if found:
            return found
    return set()


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
        nxt, metrics = _next_metrics(p, k)
        if nxt is not None and all(
            _said(it.text.strip(), _qualifiers(m) | _phrase_qualifiers(m)) for m in metrics
        ):
            _absorb(p, k, nxt, "")
    p.its = [it for it in p.all if it.kind != "stop"]


def _next_metrics(p: ParseState, k: int) -> tuple[Item | None, list[CatalogMetric]]:
    """The next non-blank item after ``p.all[k]`` and its metrics, when it is a model word
    whose every sense is a metric; else (None, [])."""
    nxt = next((x for x in p.all[k + 1 :] if x.text.strip()), None)
    if nxt is None or nxt.kind != "domain" or not nxt.senses:
        return None, []
    metrics = [p.catalog.metric(s.name) for s in nxt.senses if s.kind == "metric"]
    if len(metrics) != len(nxt.senses) or any(m is None for m in metrics):
        return None, []
    return nxt, [m for m in metrics if m is not None]


def _absorb(p: ParseState, k: int, nxt: Item, where: str) -> None:
    """``p.all[k]`` becomes a stop word, and the interpretation says which description said it."""
    it = p.all[k]
    p.all[k] = Item("stop", it.text, it.start, it.end)
    p.result.notes.append(
        f"'{it.text.strip()} {nxt.text.strip()}': the metric's description says "
        f"'{it.text.strip()}'{where}"
    )


def _word_qualifies(text: str, qualifiers: set[str]) -> bool:
    """``text`` is one qualifier, or lead words then one ("total crossing" before "revenue")."""
    words = text.lower().split()
    while len(words) > 1 and words[0] in _LEAD:
        words = words[1:]
    return len(words) == 1 and _said(words[0], qualifiers)


def absorb_metric_qualifiers(p: ParseState) -> None:
    """Turn a metric word right before another metric's word into that metric's qualifier when
    the other metric's description says it there ("crossing revenue": "... crossing revenue")."""
    for k, it in enumerate(p.all):
        if it.kind != "domain" or it.used or not it.senses:
            continue
        if any(s.kind != "metric" for s in it.senses):
            continue
        nxt, metrics = _next_metrics(p, k)
        if nxt is None or nxt.used:
            continue
        if p.result.question[it.end : nxt.start].strip():
            continue  # "crossing, revenue": two things asked
        mine = {s.name for s in it.senses}
        if any(m.name in mine for m in metrics):
            continue
        if all(
            _word_qualifies(it.text.strip(), _qualifiers(m) | _phrase_qualifiers(m))
            for m in metrics
        ):
            _absorb(p, k, nxt, " before it")
    p.its = [it for it in p.all if it.kind != "stop"]
