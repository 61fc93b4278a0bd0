"""Saved queries asked by name: "monthly sales by channel" runs the model's saved query.

Why exact names only: a saved query is a question its owner already wrote and checked; the
user who types its name (or label) wants that query, with its metrics, breakdown and filters,
not a fresh reading of the words. Anything more than the name (a time range, a filter) is a
new question for the passes.

>>> from semantic_layer.catalog import CatalogMetric, CatalogSavedQuery
>>> sq = CatalogSavedQuery("weekly_gmv", "weekly GMV", metrics=("gmv",), group_by=("metric_time__week",))
>>> cat = Catalog(metrics=(CatalogMetric("gmv", "GMV"),), dimensions=(), saved_queries=(sq,))
>>> saved_query("Weekly GMV?", cat).group_by, saved_query("run weekly_gmv", cat).metrics
(['metric_time__week'], ['gmv'])
>>> saved_query("weekly GMV last month", cat) is None
True
"""

from __future__ import annotations

import re

from nl2sql.lexicon import normalize
from semantic_layer.catalog import Catalog
from semantic_layer.query import OrderBy, SemanticQuery

_POLITE = re.compile(
    r"^(?:please |show(?: me)? (?:the )?|run (?:the )?|saved query |请|显示|运行|查看)+|"
    r"[?？!！。.\s]+$"
)


def _bare(text: str) -> str:
    text = normalize(text.replace("_", " "))
    prev = None
    while prev != text:
        prev, text = text, _POLITE.sub("", text).strip()
    return text


def saved_query(question: str, catalog: Catalog) -> SemanticQuery | None:
    """The saved query ``question`` names (by name or label), else None."""
    asked = _bare(question)
    if not asked:
        return None
    for sq in catalog.saved_queries:
        if asked in {_bare(sq.name), _bare(sq.label)} and sq.metrics:
            times = [g for g in sq.group_by if g.startswith("metric_time__")]
            return SemanticQuery(
                metrics=list(sq.metrics),
                group_by=list(sq.group_by),
                where=list(sq.where),
                order_by=[OrderBy(name=times[0])] if times else [],
            )
    return None
