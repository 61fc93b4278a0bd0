"""Best and worst: "best" / "worst" as a rank word when the ranked metric says which way is bad.

Why: "which facility had the worst no-show rate" was refused ("'worst' depends on whether a
higher or a lower value is better"), though the metric's own words say more no-shows are worse.
When the question names exactly one metric (every metric reading of every metric word is the
same one) and that metric is adverse (:func:`nl2sql.vocabulary.adverse_words.lower_is_better`),
"worst" ranks from the highest value and "best" from the lowest. Anything else — no metric, two
metrics, an ambiguous word, a metric whose words do not say trouble ("the best revenue", "the
worst fill rate") — stays refused by the caller: answering the wrong end is a wrong answer.
"""

from __future__ import annotations

from nl2sql.rules.items import Item
from nl2sql.rules.state import ParseState
from nl2sql.vocabulary.adverse_words import lower_is_better

#: the polar words (``general.ROLES`` role "polar") that name the bad end
_BAD_END = frozenset({"worst", "最差", "最糟", "最坏"})


def _named_metric(p: ParseState) -> str | None:
    """The one metric the question's metric words can mean, or None (none, or several)."""
    names = {
        s.name
        for x in p.its
        if x.kind == "domain" and x.is_kind("metric")
        for s in x.senses
        if s.kind == "metric"
    }
    return names.pop() if len(names) == 1 else None


def orient_polar(p: ParseState, it: Item) -> bool:
    """Turn the polar item ``it`` into a top/bottom rank word when the question's one metric
    is adverse; return whether it did."""
    name = _named_metric(p)
    metric = p.catalog.metric(name) if name else None
    if metric is None or not lower_is_better(metric):
        return False
    it.role = "top" if it.text.strip().lower() in _BAD_END else "bottom"
    return True
