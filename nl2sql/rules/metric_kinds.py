"""A word that names a metric and its filtered kind: the plain metric, unless the kind is said.

Why: dbt projects define a filtered copy of a metric for a common slice — "The number of GCSE
free meetings booked" beside "The number of free meetings booked" (same measure, a filter on
the level). A word reaching both ("预约量", "bookings") asks for the plain one unless the
question says what the kind adds ("GCSE"); otherwise the plain count was refused as ambiguous.
When the question does say it, both readings stay and the usual rules (the exact label) or a
clarification decide: the kind's filter and the said value give the same rows anyway.
"""

from __future__ import annotations

import re

from nl2sql.rules.count_events import COUNT_WORDS, says
from nl2sql.rules.items import Item
from nl2sql.rules.view import StateView
from semantic_layer.catalog import CatalogMetric

#: label words that never tell a kind apart (counting words and grammar)
_PLAIN = COUNT_WORDS | {"amount", "sum"}


def _words(m: CatalogMetric) -> set[str]:
    return set(re.findall(r"[a-z0-9]+", (m.label or m.name.replace("_", " ")).lower())) - _PLAIN


def _kind_of(kind: CatalogMetric, plain: CatalogMetric) -> set[str]:
    """The words ``kind``'s label adds to ``plain``'s when it is ``plain`` filtered (same
    measure and date), else an empty set."""
    same = (kind.measure, kind.agg, kind.agg_time_dimension) == (
        plain.measure,
        plain.agg,
        plain.agg_time_dimension,
    )
    if not (kind.filtered and not plain.filtered and same and kind.measure):
        return set()
    return _words(kind) - _words(plain)


def plain_metric(p: StateView, it: Item, names: list[str]) -> str | None:
    """The one metric left among ``names`` once the filtered kinds whose added words the
    question never says are dropped; None when that leaves more or less than one."""
    metrics = {n: p.catalog.metric(n) for n in names}
    dropped = set()
    for n, m in metrics.items():
        for o, base in metrics.items():
            if o == n or m is None or base is None:
                continue
            extra = _kind_of(m, base)
            if extra and not any(x is not it and says(x, extra) for x in p.all):
                dropped.add(n)
    left = [n for n in names if n not in dropped]
    return left[0] if len(left) == 1 and dropped else None
