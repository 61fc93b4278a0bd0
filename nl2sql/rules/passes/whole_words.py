"""Pass: a whole word ("overall", 整体) right before a metric's words picks the metric whose
label opens with it.

Why: a model may keep "Overall Pass Rate" (the mean of each class's rate) beside "Pass Rate"
(passes over exams). 整体通过率 reached only "Pass Rate" through 通过率 → "pass rate"; 整体 is a
Chinese stop word and was dropped, so the plain rate answered for the overall one the user
named (issue #12). When the word before a metric phrase
is one of these general words and exactly one metric's label is that word (its English) plus
the label of a metric the phrase names, the phrase names that metric and the word is
absorbed. Without the word the exact label still wins ("通过率" stays "Pass Rate"); a label
no metric extends is left as it was.
"""

from __future__ import annotations

import dataclasses
import re

from nl2sql.lexicon import Sense
from nl2sql.rules.items import Item
from nl2sql.rules.state import ParseState

#: "all of it, taken as a whole", as a label's first word (English) and as said (both
#: languages; the Chinese words are stop words otherwise)
WHOLE_LABEL_WORDS = frozenset({"overall", "total", "whole", "entire"})
WHOLE_SAID = WHOLE_LABEL_WORDS | frozenset({"整体", "总体", "全体"})

#: words that may stand between the whole word and the metric's words
_BETWEEN = frozenset({"的", "the"})


def _words(label: str) -> tuple[str, ...]:
    return tuple(re.findall(r"[a-z0-9]+", label.lower()))


def _whole_twin(p: ParseState, m: Item) -> str | None:
    """The one metric labelled "<whole word> <label of a metric ``m`` names>", else None."""
    named = {
        _words(metric.label)
        for s in m.senses
        if (metric := p.catalog.metric(s.name)) is not None and metric.label
    }
    hits = [
        metric.name
        for metric in p.catalog.metrics
        if len(w := _words(metric.label or "")) > 1 and w[0] in WHOLE_LABEL_WORDS and w[1:] in named
    ]
    return hits[0] if len(hits) == 1 else None


def read_whole_words(p: ParseState) -> None:
    """Narrow a metric phrase after a whole word to the metric whose label opens with it."""
    items = p.all
    for k in range(1, len(items)):
        m = items[k]
        if m.kind != "domain" or not m.senses or any(s.kind != "metric" for s in m.senses):
            continue
        j = k - 1
        while j > 0 and items[j].kind == "stop" and items[j].text.strip().lower() in _BETWEEN:
            j -= 1
        if items[j].text.strip().lower() not in WHOLE_SAID:
            continue
        twin = _whole_twin(p, m)
        if twin is None or twin in {s.name for s in m.senses}:
            continue
        items[k] = dataclasses.replace(m, senses=[Sense("metric", twin)])
        items[j] = Item("stop", items[j].text, items[j].start, items[j].end)
    p.its = [it for it in p.all if it.kind != "stop"]
