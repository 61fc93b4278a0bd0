"""Pass helper: a verb that is the metric's own word, in a question naming no metric.

Why: "Which 3 campaigns spent the most?" and "How much was spent last month?" on a model
whose metric is "Total Spend" named no metric: "spent" was read as a verb (its lemma "spend"
reaches the metric, ``passes.unknown``), and a verb only restates a metric the question
names, so the ranking asked "by which metric?" and the other was refused. When the verb's
lemma *is* a word of the metric's own label or name ("spend" of "Total Spend (cents)"), the
verb names that metric as its noun would ("campaigns that spend the most" was answered).

Only one verb, reaching exactly one metric, in a question naming no other metric: a verb
naming an event of a metric labelled otherwise ("flew" for "Total Distance") stays a verb.
"""

from __future__ import annotations

import re

from nl2sql.rules.state import ParseState
from nl2sql.vocabulary import morphology
from nl2sql.vocabulary.english import singular

_WORD = re.compile(r"[a-z]+")


def _label_words(text: str) -> set[str]:
    """The singular words of a label or name ("Total Spend (cents)" -> total, spend, cent)."""
    return {singular(w) for w in _WORD.findall(text.lower().replace("_", " "))}


def metric_by_verb(p: ParseState) -> None:
    """Add the one metric a lone verb names by its lemma (see the module docstring)."""
    verbs = [it for it in p.all if it.role == "verb" and it.senses and it.text.isascii()]
    if len(verbs) != 1:
        return
    (verb,) = verbs
    names = {s.name for s in verb.senses if s.kind == "metric"}
    if len(names) != 1 or any(s.kind != "metric" for s in verb.senses):
        return
    (name,) = names
    m = p.catalog.metric(name)
    if m is None:
        return
    words = _label_words(m.label or "") | _label_words(m.name)
    if not any(lemma in words for lemma in morphology.verb_lemmas(verb.text.strip().lower())):
        return
    p.add_metric(name)
    p.result.notes.append(f"'{verb.text.strip()}' names {m.label or name}")
