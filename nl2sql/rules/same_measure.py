"""The same quantity kept at a finer grain answers where the metric the word chose cannot.

Why: a model often sums one column on two tables of different grain — a season table and a
game table both with ``goals`` (``total_goals`` = SUM(goals) of the season rows,
``goals_over_time`` = SUM(goals) of the game rows, dated by game). "points per month" and
"goals at home vs away" named the word both metrics answer to; the stronger reading (the
season total) has no month and no home/away, and the question was refused while the model's
own game metric answers it. Switching is safe only for the *same* quantity: both metrics
simple and unfiltered, the same aggregation of the same plain column, and both *named* after
that column (``total_goals`` and ``goals_over_time`` over ``goals``): two sums of one
``amount`` column called ``revenue`` and ``refund_amount`` are different things and are never
swapped. Labels that differ only by a grain word ("Detail Total Services" of the fact rows,
"Total Services" of a yearly rollup, ``rules.grain_twins``) are the same quantity too,
whatever their columns are called. With no such metric, or several, nothing changes and the reachability or grain check
refuses as before. A metric that already answers is never switched, so no answer changes.
"""

from __future__ import annotations

import re
from dataclasses import replace

from nl2sql.rules.grain_twins import twins
from nl2sql.rules.state import ParseState
from semantic_layer.catalog import CatalogMetric
from semantic_layer.model import GRAINS


def _plain(m: CatalogMetric | None) -> bool:
    return m is not None and m.metric_type == "simple" and not m.filtered and bool(m.agg)


def _grain_ok(p: ParseState, m: CatalogMetric, grains: list[str]) -> bool:
    """Whether every asked time grain is one ``m``'s own time dimension is recorded at."""
    if not grains:
        return True
    dim = p.catalog.dimension(m.agg_time_dimension) if m.agg_time_dimension else None
    own = dim.time_granularity if dim is not None else None
    if own not in GRAINS:
        return True
    return all(GRAINS.index(g) >= GRAINS.index(own) for g in grains if g in GRAINS)


def _answers(p: ParseState, m: CatalogMetric, needed: list[str], grains: list[str]) -> bool:
    return all(p.metric_allows(m.name, d) for d in needed) and _grain_ok(p, m, grains)


_COLUMN = re.compile(r"^[a-z][a-z0-9_]*$")


def _words(text: str) -> list[str]:
    return [w for w in re.split(r"[^a-z0-9]+", text.lower()) if w]


def _named_after_column(m: CatalogMetric) -> bool:
    """Whether the metric's name or label spells its measure's column (``goals`` in
    ``goals_over_time`` / "Total Goals").

    >>> _named_after_column(CatalogMetric("goals_over_time", "Goals Over Time", agg="sum",
    ...     measure_expr="goals"))
    True
    >>> _named_after_column(CatalogMetric("revenue", "Revenue", agg="sum", measure_expr="amount"))
    False
    """
    col = m.column_key
    if not _COLUMN.match(col):
        return False
    need = _words(col)
    for text in (m.name, m.label):
        have = _words(text)
        if any(have[i : i + len(need)] == need for i in range(len(have) - len(need) + 1)):
            return True
    return False


def _said_of_one(p: ParseState, name: str, other: str) -> bool:
    """Whether the question holds a word read as ``name``'s and not as ``other``'s.

    Why: a description's word said in the question (加权 for "Annual weighted inpatient
    average total payments", kept on a stop item by ``rules.modifier_subset``) chose the
    weighted rollup; its twin over the detail rows is the plain mean, so switching to it
    answered "各州的住院加权平均总支付" with the unweighted mean — a weighted mean per state
    the model does not have. The metric then stays, and the reachability check refuses with
    what it can be broken down by.
    """
    for x in p.all:
        if x.kind == "stop" and x.senses:
            named = {s.name for s in x.senses if s.kind == "metric"}
            if name in named and other not in named:
                return True
    return False


def reach_by_same_measure(p: ParseState) -> None:
    """Replace each metric that cannot answer the asked breakdown, filter or time grain by the
    one other reading of its word that is the same measure and can (see the module doc)."""
    needed = [
        d
        for d in (*p.group_by, *(f.dimension for f in p.filters))
        if not d.startswith("metric_time")
    ]
    grains = [g.rsplit("__", 1)[1] for g in p.group_by if g.startswith("metric_time__")]
    if not needed and not grains:
        return
    for k, name in enumerate(p.metrics):
        m = p.catalog.metric(name)
        if m is None or not _plain(m) or _answers(p, m, needed, grains):
            continue
        siblings = [
            s.name
            for s in p.catalog.metrics
            if s.name != name
            and s.name not in p.metrics
            and _plain(s)
            and s.agg == m.agg
            and _answers(p, s, needed, grains)
            and not _said_of_one(p, name, s.name)
            and (
                (_named_after_column(m) and s.column_key == m.column_key and _named_after_column(s))
                or twins([m, s])  # "Total Services" and "Detail Total Services" (grain_twins)
            )
        ]
        if len(siblings) != 1:
            continue
        new = siblings[0]
        p.switch_metric(k, new)
        label = next((s.label for s in p.catalog.metrics if s.name == new), new)
        for x in p.its:  # the interpretation names the metric answered, not the one dropped
            if x.sense is not None and x.sense.kind == "metric" and x.sense.name == name:
                x.sense = replace(x.sense, name=new, via=label if x.sense.via else "")
