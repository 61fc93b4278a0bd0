"""A count metric said after "all" beside another metric: the rows that metric is taken over.

Why: "the average temperature across all observations", "所有观测的平均气温" name the Total
Observations count with the word for the rows (observations) after "all"; read as a second
metric, the answer put a count beside the average the user asked for, and a unit the
question gave for the average ("in Fahrenheit") was then refused for the count. "all" says
every row is taken, so the count is dropped when it counts the very rows of the first metric
(the same time axis, no filter of its own); a count of other rows, a filtered count, a count
asked without "all" ("average temperature and observations") and a count asked alone are
left as they are.
"""

from __future__ import annotations

from nl2sql.rules.items import Item
from nl2sql.rules.state import ParseState
from semantic_layer.measure_facts import counts_rows

#: "all" words; in English only after a word that says which rows ("across all", "of all")
_ALL_EN = frozenset({"all"})
_ROWS_EN = frozenset({"across", "over", "of", "for", "in", "among", "on"})
_ALL_ZH = frozenset({"所有", "全部"})


def _said_after_all(p: ParseState, it: Item) -> bool:
    k = next((n for n, y in enumerate(p.all) if y is it), -1)
    before = [y.text.strip().lower() for y in p.all[:k] if y.text.strip()] if k > 0 else []
    if before and before[-1] in _ALL_ZH:
        return True
    return len(before) >= 2 and before[-1] in _ALL_EN and before[-2] in _ROWS_EN


def drop_all_rows_count(p: ParseState) -> None:
    """Remove a count metric named right after "across all" / "所有" when other metrics are
    asked and the count counts their own rows (every one on its time axis); note it."""
    if len(p.metrics) < 2:
        return
    for it in p.all:
        if it.kind != "domain":
            continue
        names = {s.name for s in it.senses if s.kind == "metric"} & set(p.metrics)
        if len(names) != 1 or not _said_after_all(p, it):
            continue
        m = p.catalog.metric(names.pop())
        others = [p.catalog.metric(n) for n in p.metrics if m is None or n != m.name]
        if (
            m is None
            or any(o is None or o.agg_time_dimension != m.agg_time_dimension for o in others)
            or m.filtered
            or not counts_rows(m.agg, m.measure_expr)
            or not m.agg_time_dimension
        ):
            continue
        p.metrics.remove(m.name)
        p.result.notes.append(f"'{it.text}' after 'all' is the rows taken, not {m.name}")
        return
