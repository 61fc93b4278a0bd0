"""Pass: a word naming both a metric and a thing ("orders", "customers") is the thing when
another word of the question is unambiguously a metric ("GMV of refunded orders", "top 10
customers by GMV").

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
