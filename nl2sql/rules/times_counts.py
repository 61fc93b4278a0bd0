""" "How many times was the stage performed" / "how often did it run": the metric counting it.

Why: "How many times did the GCP Inspection stage run this year?" was refused ("I don't know
'times'") though the model has "How often the stage ran" (measure ``times_performed``). "How
many times … <verb>" and "how often … <verb>" ask the number of occurrences of the verb's
event; a metric whose own words count occurrences ("how often", "times", "number of times")
and say that verb is what they name.

What is read: "how many times" or "how often" (the words "times" / "often" left unknown), and
an unknown verb later in the question; the one metric whose label, description or measure
column says "often" or "times" and a form of the same verb (by lemma: "ran" and "run",
"performed" and ``times_performed``). The question word becomes that metric and the verb is
absorbed (shown as a bridge); no such metric, or two, leave the question refused.
"""

from __future__ import annotations

import re

from nl2sql.lexicon_base import Sense
from nl2sql.rules.items import Item
from nl2sql.rules.state import ParseState
from nl2sql.vocabulary.morphology import verb_lemmas
from semantic_layer.catalog import CatalogMetric

_WORD = re.compile(r"[a-z]+")

#: the words of a count of occurrences, in a metric's own words
_OCCURRENCE = frozenset({"often", "times"})


def _own_words(m: CatalogMetric) -> set[str]:
    text = f"{m.label.rpartition(':')[2]} {m.description} {m.measure_expr}".lower()
    return set(_WORD.findall(text.replace("_", " ")))


def _verb_lemmas(words: set[str]) -> set[str]:
    return {lemma for w in words for lemma in verb_lemmas(w)}


def _question_word(p: ParseState) -> int | None:
    """The index of the unknown "times" after "how many", or "often" after "how"."""
    for k, it in enumerate(p.all):
        word = it.text.strip().lower()
        if it.kind != "unknown" or word not in _OCCURRENCE:
            continue
        before = [x for x in p.all[:k] if x.text.strip()]
        prev = before[-1].text.strip().lower() if before else ""
        if (word, prev) in (("times", "how many"), ("often", "how")):
            return k
    return None


def read_times_counts(p: ParseState) -> None:
    """Read "how many times / how often … <verb>" as the one metric counting that verb."""
    k = _question_word(p)
    if k is None:
        return
    verbs = [
        (j, lemmas)
        for j, x in enumerate(p.all[k + 1 :], k + 1)
        if x.kind == "unknown" and (lemmas := set(verb_lemmas(x.text.strip().lower())))
    ]
    if len(verbs) != 1:
        return
    ((j, lemmas),) = verbs
    found = [
        m
        for m in p.catalog.metrics
        if _OCCURRENCE & (own := _own_words(m)) and lemmas & _verb_lemmas(own)
    ]
    if len(found) != 1:
        return
    (metric,) = found
    it, verb = p.all[k], p.all[j]
    p.all[k] = Item("domain", it.text, it.start, it.end, [Sense("metric", metric.name)])
    p.all[j] = Item("stop", verb.text, verb.start, verb.end)
    said = f"{it.text.strip()} … {verb.text.strip()}"
    p.result.bridged.append(f"{said} → {metric.label or metric.name}")
    p.its = [x for x in p.all if x.kind != "stop"]
