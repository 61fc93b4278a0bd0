"""A dimension word inside the metric phrase: "median *list price* by genre".

Why: a model may have both a metric that aggregates a column (``median(list_price)``,
labelled "Median Price") and a dimension over the same column (``list_price``). In "median
list price by genre" the words "list price" say *what* the median is taken of — the metric's
own measure — not a second breakdown; grouping by the price as well would answer a different
(and much longer) table. So a bare dimension word (no "by", "per", "按", "各" claimed it; the
grouping pass runs earlier) right beside a metric word, whose column is exactly the column
that metric aggregates, is absorbed into that metric, and the interpretation line says so
("list price → Median Price (List Price)").

>>> same_column(" List_Price ", "list_price"), same_column("amount", "list_price")
(True, False)
"""

from __future__ import annotations

from nl2sql.lexicon import Sense
from nl2sql.rules.items import Item, Refusal
from nl2sql.rules.state import ParseState
from semantic_layer.catalog import CatalogDimension, CatalogMetric


def same_column(a: str, b: str) -> bool:
    """Whether two column expressions are the same column (quotes, case, spaces ignored)."""

    def norm(e: str) -> str:
        return "".join(e.replace('"', "").replace("`", "").split()).lower()

    return bool(a.strip()) and norm(a) == norm(b)


def _same_rows(m: CatalogMetric, dim: CatalogDimension) -> bool:
    """Whether the dimension belongs to the semantic model the metric's measure reads: its
    agg-time dimension is qualified by that model's primary entity (an ``amount`` column of
    another table is another column)."""
    owner = (m.agg_time_dimension or "").partition("__")
    return not owner[1] or dim.entity is None or owner[0] == dim.entity


def _neighbour_metrics(p: ParseState, it: Item) -> list[str]:
    """The metrics named right beside ``it`` ("median *list price*", "list price 的中位数"):
    a word further away ("median price, list price by genre") is a list, not the metric's
    phrase."""
    idx = next((k for k, x in enumerate(p.its) if x is it), -1)
    out = []
    for x in (p.at(idx - 1), p.at(idx + 1)) if idx >= 0 else ():
        if x is None or x.kind != "domain":
            continue
        ms = {s.name for s in ([x.sense] if x.sense else x.senses) if s.kind == "metric"}
        if len(ms) == 1:
            out.append(ms.pop())
    return out


def absorb_measure_word(p: ParseState, it: Item) -> bool:
    """Claim ``it`` (a bare dimension word) when its column is what a named metric aggregates.

    Returns whether it was absorbed; the words are then part of the metric phrase.
    """
    dims = {s.name for s in ([it.sense] if it.sense else it.senses) if s.kind == "dimension"}
    if not dims or any(s.kind not in ("dimension", "entity") for s in it.senses):
        return False
    for name in _neighbour_metrics(p, it):
        m = p.catalog.metric(name)
        if m is None or not m.measure_expr:
            continue
        for d in dims:
            dim = p.catalog.dimension(d)
            if dim is None or not same_column(dim.expr, m.measure_expr):
                continue
            if not _same_rows(m, dim):
                # the same column name on another table (an item's price paid vs its product's
                # list price): the word may say what is measured or ask for a breakdown
                raise Refusal(
                    f"'{it.text}' could be what {m.label or m.name} measures or a breakdown by "
                    f"{dim.label}; say 'by {dim.label}' for a breakdown, or leave it out",
                    zh=f"“{it.text}”可能是{m.label or m.name}所度量的值，也可能是按{dim.label}"
                    f"拆分；要拆分请写“按{dim.label}”，否则去掉这个词",
                    words=[it.text],
                    senses=[Sense("metric", name), Sense("dimension", d)],
                )
            # shown as "list price → Median Price (List Price)" in the interpretation
            it.sense = Sense("dimension", d, strong=False, via=f"{m.label} ({dim.label})")
            it.used = True
            p.result.notes.append(
                f"'{it.text}' is what {m.label or m.name} aggregates, not a breakdown"
            )
            return True
    return False
