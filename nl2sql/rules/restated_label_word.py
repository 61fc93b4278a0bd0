"""A word shared by several metrics' labels, said beside a word naming one of them, restates it.

"HICP inflation for Italy": "hicp" names Monthly Inflation (%) (the acronym its description
defines), while "inflation" alone could mean Monthly or Annual Inflation, so the question was
asked back although the word beside it already said which. The shared word is then that
metric's own label word said again ("AOV order value", "HICP inflation"), and it is absorbed
into the neighbour's reading.

Only when the neighbour (right before or after, nothing between) reads as exactly one metric,
that metric is one of the shared word's candidates and the word is a word of its label; a
neighbour naming another metric, a dimension or two metrics leaves the question asked back.
"""

from __future__ import annotations

from nl2sql.lexicon import normalize
from nl2sql.rules.items import Item
from nl2sql.rules.state import ParseState
from nl2sql.vocabulary.english import singular


def _label_words(label: str) -> set[str]:
    return {singular(w) for w in normalize(label).split() if w.isalpha()}


def _neighbour(items: list[Item], k: int, step: int) -> Item | None:
    j = k + step
    while 0 <= j < len(items) and not items[j].text.strip():
        j += step
    return items[j] if 0 <= j < len(items) else None


def absorb_restated_label_word(p: ParseState) -> None:
    """Absorb an unknown word read weakly as several metrics into the one metric its neighbour
    names, when the word is a word of that metric's label."""
    for k, it in enumerate(p.all):
        if it.kind != "unknown" or not it.text.isascii():
            continue
        senses = p.lex.clarify.get(normalize(it.text), [])
        if len(senses) < 2 or any(s.kind != "metric" for s in senses):
            continue
        candidates = {s.name for s in senses}
        for step in (-1, 1):
            nb = _neighbour(p.all, k, step)
            if nb is None or nb.kind != "domain":
                continue
            named = {(s.kind, s.name) for s in nb.senses}
            if len(named) != 1:
                continue
            ((kind, name),) = named
            m = p.catalog.metric(name) if kind == "metric" else None
            if m is None or name not in candidates:
                continue
            if singular(it.text.strip().lower()) not in _label_words(m.label or m.name):
                continue
            p.all[k] = Item("stop", it.text, it.start, it.end)
            p.its = [x for x in p.all if x.kind != "stop"]
            return
