"""The plain count beside a conditional count: "booking count" of "Cancelled booking count".

A count whose condition lives in its expression (``COUNT(DISTINCT CASE WHEN was_cancelled THEN
booking_id END)``) rather than in a metric filter gives the lexicon suffixes without its
condition word; such a suffix is the plain count's own name ("the count of bookings"), so
:mod:`nl2sql.vocabulary.english_anchors` gives it to the plain count of the same rows.
"""

from __future__ import annotations

import re

from nl2sql.vocabulary.english import name_words, singular
from semantic_layer.catalog import Catalog, CatalogMetric

#: a measure that counts only the rows a condition keeps: ``CASE WHEN was_cancelled THEN id END``
_CONDITIONAL = re.compile(r"^\s*case\s+when\b.*\bthen\s+([A-Za-z_][\w.]*)\s+end\s*$", re.I | re.S)
_COUNTS = ("count", "count_distinct")
#: what a plain row count aggregates (``count(1)``, ``count(*)``)
_ROW_EXPRS = frozenset({"1", "*"})


#: words that only say a number of things is counted ("booking count")
_COUNT_WORDS = frozenset({"count", "counts", "cnt", "number"})


def names_plain(phrase: str, plain: list[CatalogMetric]) -> bool:
    """Whether a suffix, without its counting words, is a plain count's own name or label
    ("booking count" -> "booking", the singular of "Bookings"); a suffix that keeps the
    condition ("courier exceptions" of "shipments with courier exceptions") is not.

    >>> m = CatalogMetric(name="bookings", label="Bookings")
    >>> names_plain("booking count", [m]), names_plain("courier exception", [m])
    (True, False)
    """
    core = [w for w in phrase.split() if w not in _COUNT_WORDS]
    if not core or len(core) == len(phrase.split()):
        return False
    own = {" ".join(singular(w) for w in name_words(t)) for o in plain for t in (o.name, o.label)}
    return " ".join(core) in own


def plain_counts_beside(catalog: Catalog, metric: CatalogMetric) -> list[CatalogMetric]:
    """The plain counts of the rows a conditional count keeps some of: ``bookings``
    (``COUNT(1)``) beside ``cancelled_booking_count`` (``COUNT(DISTINCT CASE WHEN was_cancelled
    THEN booking_id END)``), on the same time axis.

    Why: "booking count" (预订数), the suffix of "Cancelled booking count" without its
    condition word, answered the cancelled bookings alone where all bookings were asked (143
    for 1,286 on the probes17 club model) — the condition moved into the metric's expression
    instead of a filter, so :func:`_same_measure` did not see the two as one measure. Such a
    suffix names the one plain count ("the count of bookings"); with two plain counts it names
    them all, and the question is clarified. Only a suffix that is the plain count's own name
    with a counting word moves; the full label still names the conditional count.
    """
    cond = _CONDITIONAL.match(metric.measure_expr) if metric.agg in _COUNTS else None
    if cond is None:
        return []
    column = cond.group(1).split(".")[-1].lower()
    return [
        o
        for o in catalog.metrics
        if o.name != metric.name
        and o.metric_type == "simple"
        and not o.filtered
        and o.agg in _COUNTS
        and o.agg_time_dimension == metric.agg_time_dimension
        and (
            o.measure_expr.strip() in _ROW_EXPRS
            or o.measure_expr.strip().split(".")[-1].lower() == column
        )
    ]
