"""A compound of a particle and a word that a metric's own name spells: "on time", "on hand".

Why: a label or a column joins a particle to a word with a hyphen or an underscore
("On-Hand Inventory Value", ``pct_on_time``, "Still in progress"). The question says the same
two words ("units on hand", "on-time share", "applications in progress"), but the particle is
a stop word and the word after it alone names nothing, so the question was refused ("I don't
know 'hand'", "I don't know 'time'") although the model spells the pair.

What is read: a stop word (one ASCII word: "on", "in", "no" …) right before an unknown word,
or before a term whose every reading is weak (the entity "order" of "on order"), when the two
words stand side by side, in that order, in the label, the name or the measure column of one
or more metrics. The pair becomes one term read weakly as each of those metrics; the passes
after it pick one from the words around it (a proportion word: ``rules.proportion_words``;
the other words of a label: ``rules.weak_pairs``) or ask back among them, as for any word of
several metrics. A pair no metric spells ("on hold") is left as it was: refused. Likewise two
open words joined by "and" that a metric spells as one thing ("excess and obsolete" of "Excess
and Obsolete On-Hand Value"): "and" there names one measure, not two.
"""

from __future__ import annotations

import re

from nl2sql.lexicon_base import Sense
from nl2sql.rules.items import Item
from nl2sql.rules.state import ParseState
from nl2sql.vocabulary.english import singular
from semantic_layer.catalog import CatalogMetric

#: a word of a label or a name; a bare column (a measure expression that is no SQL)
WORDS = re.compile(r"[a-z0-9]+")
COLUMN = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
#: the role of a term this module joined (``rules.proportion_words`` reads only those weak terms)
COMPOUND = "compound"


def spelled_words(metric: CatalogMetric) -> list[list[str]]:
    """The metric's own word runs: its label, its name, its measure's name and its measure
    column when that is a bare column, split at anything not a letter or digit ("On-Hand" →
    on, hand; ``pct_on_time`` → pct, on, time). A measure expression is no run of words ("case
    when x in (...)" would put a particle before any word).

    >>> spelled_words(CatalogMetric("pct_on_time", "Share done", measure_expr="pct_on_time"))
    [['share', 'done'], ['pct', 'on', 'time'], ['pct', 'on', 'time']]
    >>> spelled_words(CatalogMetric("n", "N", measure_expr="case when on_time then 1 end"))
    [['n'], ['n']]
    """
    texts = [metric.label, metric.name, metric.measure]
    if COLUMN.fullmatch(metric.measure_expr):
        texts.append(metric.measure_expr)
    return [WORDS.findall(t.lower()) for t in texts if t]


def _spells(metric: CatalogMetric, words: tuple[str, ...]) -> bool:
    """Whether one of the metric's word runs has the words side by side, in order."""
    n = len(words)
    return any(
        tuple(run[i : i + n]) == words for run in spelled_words(metric) for i in range(len(run))
    )


def _previous(items: list[Item], k: int) -> int | None:
    j = k - 1
    while j >= 0 and not items[j].text.strip():
        j -= 1
    return j if j >= 0 else None


def _open_word(it: Item) -> bool:
    """An unknown word, or a term read only weakly (so another reading may replace it)."""
    if not it.text.isascii() or not it.text.strip().isalpha():
        return False
    if it.kind == "unknown":
        return True
    return it.kind == "domain" and bool(it.senses) and not any(s.strong for s in it.senses)


def read_stop_compounds(p: ParseState) -> None:
    """Join "<stop word> <word>" into one weak term of the metrics that spell the pair."""
    k = 0
    while k < len(p.all):
        it = p.all[k]
        j = _previous(p.all, k)
        k += 1
        if j is None or not _open_word(it):
            continue
        stop = p.all[j]
        particle = stop.text.strip().lower()
        if stop.kind != "stop" or not particle.isascii() or not particle.isalpha():
            continue
        word = it.text.strip().lower()
        pairs = {(particle, word), (particle, singular(word))}
        found = [m for m in p.catalog.metrics if any(_spells(m, pair) for pair in pairs)]
        if not found:
            continue
        senses = [Sense("metric", m.name, strong=False, via=m.label) for m in found]
        text = f"{stop.text.strip()} {it.text.strip()}"
        new = Item("domain", text, stop.start, it.end, senses, role=COMPOUND)
        p.all[j:k] = [new]
        p.its = [x for x in p.all if x.kind != "stop"]
        k = j + 1
    _read_and_compounds(p)


def _read_and_compounds(p: ParseState) -> None:
    """Join "<word> and <word>" that a metric spells as one thing ("Excess and Obsolete
    On-Hand Value", ``excess_obsolete_on_hand_value``) into one weak term of those metrics:
    "and" there names one measure, not two. Both words must be open (unknown, or read only
    weakly): "revenue and margin" stays two metrics."""
    for k in range(2, len(p.all)):
        a, joiner, b = p.all[k - 2], p.all[k - 1], p.all[k]
        if joiner.kind != "role" or joiner.role != "and" or not (_open_word(a) and _open_word(b)):
            continue
        x, y = a.text.strip().lower(), b.text.strip().lower()
        runs = {(x, "and", y), (x, y)}
        found = [m for m in p.catalog.metrics if any(_spells(m, run) for run in runs)]
        if not found:
            continue
        senses = [Sense("metric", m.name, strong=False, via=m.label) for m in found]
        text = f"{a.text.strip()} {joiner.text.strip()} {b.text.strip()}"
        p.all[k - 2 : k + 1] = [Item("domain", text, a.start, b.end, senses, role=COMPOUND)]
        p.its = [x for x in p.all if x.kind != "stop"]
        return
