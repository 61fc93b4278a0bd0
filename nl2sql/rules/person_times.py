"""人次 after a word that already counts occurrences: that count, not a count of people.

Why: 人次 ("person-times") counts how many times something happened to people — 出院人次 is
the number of discharges, a patient discharged twice counted twice — so after a word read only
as count metrics (a count of rows, or a sum of a count column such as "Total Discharges") it
asks for that metric. The counting pass refused it as a count of people ("counts people or
pieces of 出院"), and a threshold after it (出院人次超过2000) found no metric. 人数 (distinct
people) and 件数 (pieces) are not touched: a count of occurrences is neither.
"""

from __future__ import annotations

from nl2sql.counters import PERSON_TIMES_SUFFIX
from nl2sql.rules.items import Item
from nl2sql.rules.view import StateView


def times_of_event_count(p: StateView, prev: Item, suffix: str) -> bool:
    """Whether ``prev`` + ``suffix`` is 人次 after a word read only as plain-number count or
    sum metrics (module doc)."""
    if suffix != PERSON_TIMES_SUFFIX or not prev.senses:
        return False
    metrics = [p.catalog.metric(s.name) for s in prev.senses]
    return all(
        s.kind == "metric"
        and m is not None
        and m.value_format == "number"
        and (m.agg or "").lower() in ("count", "sum")
        for s, m in zip(prev.senses, metrics, strict=True)
    )
