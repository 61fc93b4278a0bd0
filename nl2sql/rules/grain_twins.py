"""One quantity published at two grains: the copy the question's breakdown reaches.

Why: a dbt project often publishes the same aggregation twice — over its fact table
("Inpatient Detail Total Discharges", SUM over one row per hospital and code) and over a
rollup of it ("Inpatient Total Discharges", SUM over one row per year). A word naming the
quantity (出院人次 / "discharges") reads as both, and the question was asked back ("could
mean … or …") even when it groups by a column only the fact-grain copy has (各州的出院人次:
the yearly rollup has no state), or when it asks a plain total both copies give alike.

What makes two readings *twins*: both simple metrics with no filter, the same aggregation,
and labels with the same words once the words that name a table's grain rather than what is
counted are set aside (:data:`GRAIN_WORDS`: "detail", "summary", "rollup"…). "Gross Revenue"
and "Net Revenue", "Weekly Signups" and "Monthly Signups" are never twins: their extra words
say a different quantity, and they stay asked.

Which twin: the one that can answer every dimension the question names (a breakdown or a
condition) when only one can. When every twin answers, only a SUM is settled, by the copy
whose label has no grain word: a sum of the same quantity is the same at any grain, while a
mean (a mean of yearly weighted means is not the mean of the rows) or a count (of years vs of
rows) differs, so those stay asked. Nothing else is decided here.
"""

from __future__ import annotations

import re

from nl2sql.rules.items import Item
from nl2sql.rules.view import StateView
from nl2sql.vocabulary.english import singular
from semantic_layer.catalog import CatalogMetric

#: label words naming the grain of the table a metric is read from, not the quantity
GRAIN_WORDS = frozenset({"detail", "detailed", "summary", "rollup", "roll", "up"})


def _words(m: CatalogMetric) -> frozenset[str]:
    text = (m.label or m.name.replace("_", " ")).lower()
    return frozenset(singular(w) for w in re.findall(r"[a-z0-9]+", text))


def twins(metrics: list[CatalogMetric]) -> bool:
    """Whether ``metrics`` (two or more) are one quantity at several grains (module doc).

    >>> a = CatalogMetric("d_disch", "Inpatient Detail Total Discharges", agg="sum")
    >>> b = CatalogMetric("y_disch", "Inpatient Total Discharges", agg="sum")
    >>> twins([a, b]), twins([a, CatalogMetric("n", "Net Total Discharges", agg="sum")])
    (True, False)
    """
    if len(metrics) < 2 or any(m.metric_type != "simple" or m.filtered for m in metrics):
        return False
    if len({(m.agg or "").lower() for m in metrics}) != 1:
        return False
    words = [_words(m) for m in metrics]
    cores = {w - GRAIN_WORDS for w in words}
    return len(cores) == 1 and next(iter(cores)) != frozenset() and len(set(words)) > 1


#: words of a metric's label that say how it aggregates, not what it is about
_AGG_WORDS = frozenset({"total", "avg", "average", "mean", "sum", "count", "number", "of"})


def _name_words(name: str) -> set[str]:
    return {singular(w) for w in re.findall(r"[a-z0-9]+", name.lower())}


def _named_dimensions(p: StateView, it: Item, core: frozenset[str]) -> list[set[str]]:
    """The readings of every other model word that names a dimension, entity or value — not
    a word of the twins' own label read as a thing ("stay" of "Avg Length Of Stay"): that
    restates the metric and asks for no breakdown."""
    about = core - _AGG_WORDS
    out = []
    for x in p.all:
        if x is it or x.kind != "domain" or not x.senses:
            continue
        if not all(s.kind in ("dimension", "entity", "value") for s in x.senses):
            continue
        if any(_name_words(s.name.split("__")[-1]) & about for s in x.senses):
            continue
        out.append({s.name for s in x.senses})
    return out


def grain_twin(p: StateView, it: Item, names: list[str]) -> str | None:
    """The twin of ``names`` the question reads (module doc), or None.

    >>> from semantic_layer.catalog import Catalog
    >>> from nl2sql.lexicon import Sense
    >>> a = CatalogMetric("d_disch", "Inpatient Detail Total Discharges", agg="sum",
    ...                   dimensions=("provider__state",))
    >>> b = CatalogMetric("y_disch", "Inpatient Total Discharges", agg="sum", dimensions=("year",))
    >>> class V:
    ...     catalog, all = Catalog(metrics=(a, b), dimensions=()), []
    ...     def metric_allows(self, metric, name):
    ...         return name in self.catalog.metric(metric).dimensions
    >>> v = V()
    >>> grain_twin(v, Item("unknown", "出院", 0, 2), ["d_disch", "y_disch"])
    'y_disch'
    >>> v.all = [Item("domain", "州", 3, 4, senses=[Sense("dimension", "provider__state")])]
    >>> grain_twin(v, Item("unknown", "出院", 0, 2), ["d_disch", "y_disch"])
    'd_disch'
    """
    metrics = [m for n in names if (m := p.catalog.metric(n)) is not None]
    if len(metrics) != len(names) or not twins(metrics):
        return None
    needed = _named_dimensions(p, it, frozenset.intersection(*(_words(m) for m in metrics)))
    answering = [
        m.name for m in metrics if all(any(p.metric_allows(m.name, d) for d in r) for r in needed)
    ]
    if len(answering) == 1:
        return answering[0]
    if len(answering) == len(metrics) and (metrics[0].agg or "").lower() == "sum":
        plain = [m.name for m in metrics if not _words(m) & GRAIN_WORDS]
        return plain[0] if len(plain) == 1 else None
    return None
