"""Pass: "sorted by GMV", "从低到高", "ascending" — the order of the rows.

Why a rank's direction can be flipped here: "top 5 channels by GMV, ascending" keeps the top-5
set semantics of the rank pass but reads "ascending" as the order asked for.
"""

from __future__ import annotations

from nl2sql.rules.state import ParseState
from semantic_layer.query import OrderBy


def read_sort(p: ParseState) -> None:
    """Set ``p.order_by`` from sort words (unless a rank already set it)."""
    sorts = [it for it in p.its if it.kind == "role" and it.role == "sort"]
    asc = any(it.kind == "role" and it.role == "asc" for it in p.its)
    for it in p.its:
        if it.kind == "role" and it.role in ("asc", "desc"):
            it.used = True
    if not sorts:
        if p.order_by and asc:
            p.order_by = [OrderBy(name=o.name, descending=False) for o in p.order_by]
        return
    for it in sorts:
        it.used = True
    if p.order_by:
        return
    metric = p.by_metric or (p.metrics[0] if p.metrics else None)
    if metric:
        p.order_by = [OrderBy(name=metric, descending=not asc)]
