"""An ambiguous metric word settled by the rest of the question: the one reading it fits.

Why: two semantic models may each carry a metric the same words name ("waiting days" is the
turnaround model's mean days queueing and the delay model's mean days queueing at a stage).
Alone the words are asked back, as they should be. But "waiting days by workflow stage" groups
by a dimension only the delay model has, and "working days and waiting days for each process"
asks it beside a metric only the turnaround model has: a reader takes the one reading the rest
of the question can go with, and so does this rule. It decides only when exactly one reading
fits every other named thing and at least one other thing rules a reading out; otherwise the
question is still asked back (``nl2sql.rules.resolve``).
"""

from __future__ import annotations

from nl2sql.rules.items import Item
from nl2sql.rules.view import StateView

_GROUPABLE = ("dimension", "value", "entity")


def _fits(p: StateView, metric: str, other: Item) -> bool | None:
    """Whether ``metric`` goes with ``other``: True / False, or None when ``other`` says
    nothing about it (a word that is neither a metric nor a groupable thing)."""
    groupable = [s for s in other.senses if s.kind in _GROUPABLE]
    metrics = [s for s in other.senses if s.kind == "metric"]
    if groupable and not metrics:
        return any(p.metric_allows(metric, s.name) for s in groupable)
    if metrics and not groupable:
        own = set(_entities(p, metric))
        if not own:
            return None
        return any(own & set(_entities(p, s.name)) for s in metrics)
    return None


def _entities(p: StateView, metric: str) -> tuple[str, ...]:
    m = p.catalog.metric(metric)
    return m.own_entities if m is not None else ()


def fitting_metric(p: StateView, it: Item, names: list[str]) -> str | None:
    """The one of ``names`` (readings of ``it``) that every other named thing fits, when some
    other thing rules out another reading.

    >>> from semantic_layer.catalog import Catalog, CatalogMetric
    >>> from nl2sql.lexicon import Sense
    >>> a = CatalogMetric("turn_wait", "Avg Waiting Days", dimensions=("process",))
    >>> b = CatalogMetric("delay_wait", "Avg Waiting Days", dimensions=("process", "stage"))
    >>> class V:
    ...     catalog, its = Catalog(metrics=(a, b), dimensions=()), []
    ...     def metric_allows(self, metric, name):
    ...         return name in self.catalog.metric(metric).dimensions
    >>> v, it = V(), Item("domain", "waiting days", 0, 12)
    >>> v.its = [it, Item("domain", "stage", 16, 21, senses=[Sense("dimension", "stage")])]
    >>> fitting_metric(v, it, ["turn_wait", "delay_wait"])
    'delay_wait'
    >>> v.its[1] = Item("domain", "process", 16, 23, senses=[Sense("dimension", "process")])
    >>> fitting_metric(v, it, ["turn_wait", "delay_wait"]) is None  # both fit: still asked
    True
    """
    if len(set(names)) < 2:
        return None
    others = [x for x in p.its if x is not it and x.kind == "domain" and x.senses]
    fitting = []
    ruled_out = False
    for name in dict.fromkeys(names):
        verdicts = [_fits(p, name, x) for x in others]
        if any(v is False for v in verdicts):
            ruled_out = True
            continue
        fitting.append(name)
    if ruled_out and len(fitting) == 1:
        return fitting[0]
    return None
