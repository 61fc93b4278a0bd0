"""Pass: a word naming both a metric and a thing ("orders", "customers") is the thing when
another word of the question is unambiguously a metric ("GMV of refunded orders", "top 10
customers by GMV"); so is a count metric's word after a value ("profit from catalog orders").

Why before every other pass: the later passes read ``senses``; dropping the metric reading
here keeps "orders" a grouping/filter noun everywhere after.
"""

from __future__ import annotations

from nl2sql.rules.items import Item
from nl2sql.rules.state import ParseState


def _only_metric(x: Item) -> bool:
    return x.kind == "domain" and all(s.kind == "metric" for s in x.senses)


def prefer_nouns(p: ParseState) -> None:
    """Drop the metric senses of metric-or-noun words when another word is only a metric."""
    if not any(_only_metric(x) for x in p.its):
        return
    for i, x in enumerate(p.its):
        if p.listed(i):
            continue
        if (
            x.kind == "domain"
            and not _only_metric(x)
            and any(s.kind == "metric" for s in x.senses)
            and any(s.kind in ("entity", "dimension") for s in x.senses)
        ):
            x.senses = [s for s in x.senses if s.kind != "metric"]
    _value_noun_phrases(p)


def _value_noun_phrases(p: ParseState) -> None:
    """ "net profit from *catalog orders*": a count metric's word right after a value, in a
    question with another metric, names the rows the value selects, not a second metric."""
    metric_items = [i for i, x in enumerate(p.its) if _only_metric(x)]
    for i in metric_items:
        x, prev = p.its[i], p.at(i - 1)
        others = [j for j in metric_items if j != i]
        if (
            others
            and not p.listed(i)
            and prev is not None
            and prev.kind == "domain"
            and prev.senses
            and all(s.kind == "value" for s in prev.senses)
        ):
            x.used = True  # the value's filter carries the meaning
            x.senses = []
