"""The time axis of a count of things by their own date, named in the interpretation.

Why: "members by month" on a model whose Members metric counts the members table by each
member's ``first_visit_at`` answered the members *first seen* each month, while a reader of
"(by month)" takes it for the members active each month — their visits are in another table,
and that count is not in the model (issue #12, session 26: "customers by month" on an external model's
customers, grouped by first order). The answer is the reading the model supports; the line
now says which date places each thing in a period, so it is not read as the other one.

Only for a count of the metric's own rows' things (``counts == rows_entity``) whose things
also have events in another model's rows (another metric kept on other rows that carries the
entity): there both readings exist. A count of events (orders by month) has one reading.
"""

from __future__ import annotations

from collections.abc import Callable

from semantic_layer.catalog import Catalog
from semantic_layer.query import SemanticQuery

#: how the interpretation names a dimension or an entity for a reader of a language
#: (``nl2sql.interpret.item_label``: the model's Chinese label or synonym for Chinese)
Namer = Callable[[Catalog, str, str], str]


def _english(catalog: Catalog, name: str, lang: str) -> str:
    d = catalog.dimension(name)
    if d is not None and d.label:
        return d.label
    return name.split("__")[-1]


def own_axis_note(
    query: SemanticQuery, catalog: Catalog, lang: str, name_of: Namer = _english
) -> str | None:
    """ "time axis: <date> (…)" for ``query`` when a period or a time grain places each counted
    thing by its own date and its events live elsewhere (see the module docstring).

    ``name_of`` names the date and the thing in ``lang``: a Chinese line reads the model's
    Chinese for them where it has one ("时间轴：首次到访日期"), not "first visit at"."""
    timed = query.time_range is not None or any(g.startswith("metric_time") for g in query.group_by)
    if not timed:
        return None
    for name in query.metrics:
        m = catalog.metric(name)
        if m is None or not m.counts or m.counts != m.rows_entity or not m.agg_time_dimension:
            continue
        elsewhere = any(
            o.rows_entity not in ("", m.counts) and m.counts in o.own_entities
            for o in catalog.metrics
        )
        if not elsewhere:
            continue
        axis = name_of(catalog, m.agg_time_dimension, lang).replace("_", " ")
        thing = name_of(catalog, m.counts, lang).replace("_", " ")
        if lang == "zh":
            return f"时间轴：{axis}（每个{thing}只按其{axis}计入一次，不是该期间有活动的{thing}）"
        return (
            f"time axis: {axis} (each {thing} counted once, by its {axis}; not the {thing}s "
            "active in the period)"
        )
    return None
