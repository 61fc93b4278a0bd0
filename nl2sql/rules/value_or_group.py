"""A word that is both a thing to group by and a value: which reading the question can answer.

Why: a model may hold the name of one of its own entities as a value of some column (a
review's ``review_scope`` is ``'program'`` or ``'panel'`` beside the ``program`` entity).
The value reading was taken whenever a word had one, so "review score by program", "哪个
program的review score最高" and "review score for program ARTS-1" were refused ("Review Score
cannot be filtered by review scope") although the model groups the score by program (a
session-18 fresh project showed it). When the metrics the question names cannot be
filtered by any of the word's value readings but can be grouped by its entity or dimension
reading, the value reading cannot be meant: it is dropped. Where the metric reaches the value
too, nothing changes here (the passes keep their own order of readings).
"""

from __future__ import annotations

from nl2sql.rules.items import Item
from nl2sql.rules.roles import question_metrics
from nl2sql.rules.view import StateView


def value_unreachable(p: StateView, it: Item) -> bool:
    """Whether ``it``'s value readings are out of reach of every metric the question names
    while one of its entity/dimension readings is reached by all of them."""
    if it.kind != "domain" or it.sense is not None:
        return False
    values = [s for s in it.senses if s.kind == "value"]
    others = [s for s in it.senses if s.kind in ("entity", "dimension")]
    if not values or not others:
        return False
    metrics = [m for m in question_metrics(p) if p.catalog.metric(m) is not None]
    if not metrics and p.context is not None:
        metrics = list(p.context.metrics)
    if not metrics:
        return False
    if any(all(p.metric_allows(m, s.name) for m in metrics) for s in values):
        return False
    return any(all(p.metric_allows(m, s.name) for m in metrics) for s in others)


def drop_unreachable_values(p: StateView, it: Item) -> bool:
    """Drop ``it``'s value readings when :func:`value_unreachable`; whether it did."""
    if not value_unreachable(p, it):
        return False
    it.senses = [s for s in it.senses if s.kind != "value"]
    return True
