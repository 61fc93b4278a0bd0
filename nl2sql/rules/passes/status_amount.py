"""Pass: "total paid for checkup claims" — a status value that is also an amount's word.

Why: a status dimension often holds a value ('Paid', 'Refunded', 'Shipped') whose word also
names an amount measure (``paid_amount``, "Store Refunded Amount"). Read as the status filter,
"total paid for checkup claims" became a *count* of the paid claims (1) where the sum of the
paid amount (200) was asked. When the word is asked for as an amount — right after "total",
"sum of" or "how much" — and it names exactly one amount metric of the model, and the question
names no other metric, the word is that metric. Kept as they were: "how many paid claims" (a
count of a status), "total claim amount of paid claims" (another metric, filtered by the
status) and "total paid claims" (the value describes the noun right after it).
"""

from __future__ import annotations

from nl2sql.lexicon import Sense
from nl2sql.normalize import key_of
from nl2sql.rules.money import is_count_metric
from nl2sql.rules.state import ParseState
from nl2sql.vocabulary.english import singular
from semantic_layer.catalog import CatalogMetric

#: words that ask for an amount of what follows ("total X", "sum of X", "how much X")
_AMOUNT_CUES = (("total",), ("sum", "of"), ("sum",), ("how", "much"))
#: light words that may stand between the cue and the word ("sum of the paid")
_LIGHT = frozenset({"the", "of"})


def _asked_as_amount(p: ParseState, pos: int) -> bool:
    """Whether the words right before ``p.all[pos]`` ask for an amount of it."""
    before = [x.text.strip().lower() for x in p.all[:pos] if x.text.strip()]
    while before and before[-1] in _LIGHT and before[-2:] != ["sum", "of"]:
        before.pop()
    return any(tuple(before[-len(cue) :]) == cue for cue in _AMOUNT_CUES)


def _words(m: CatalogMetric) -> set[str]:
    """The words of a metric's name, label and measure name (singular, lower case)."""
    return {singular(w) for t in (m.name, m.label, m.measure) for w in key_of(t)}


def _amount_metrics(p: ParseState, word: str) -> list[CatalogMetric]:
    """The model's amount (not count) simple metrics one of whose words is ``word``."""
    w = singular(word.lower())
    return [
        m
        for m in p.catalog.metrics
        if m.metric_type == "simple" and m.agg and not is_count_metric(m) and w in _words(m)
    ]


def read_status_amounts(p: ParseState) -> None:
    """A lone value word asked for as an amount is the one amount metric it names."""
    if any(x.kind == "domain" and any(s.kind == "metric" for s in x.senses) for x in p.its):
        return  # another metric is named: the value is its filter
    for pos, x in enumerate(p.all):
        if x.kind != "domain" or not x.senses or any(s.kind != "value" for s in x.senses):
            continue
        if len(key_of(x.text)) != 1 or not _asked_as_amount(p, pos):
            continue
        nxt = next((y for y in p.all[pos + 1 :] if y.text.strip()), None)
        if nxt is not None and nxt.kind == "domain" and nxt.is_kind("entity"):
            continue  # "total paid claims": the value describes the noun after it
        found = _amount_metrics(p, x.text.strip())
        if len(found) == 1:
            x.senses = [Sense("metric", found[0].name)]
