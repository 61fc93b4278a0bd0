"""The thing counted in "number of <noun> <noun>": the last noun of a compound, not the first.

Why: English names a thing by a noun compound whose head is its last noun ("article views"
are views, "customer orders" are orders). After a "how many" word the engine counted the noun
right after it, so "number of article views", on a model with a metric for articles and one for
views, was answered with both metrics (the articles' count beside the views') — a wrong answer,
while "article views" alone was the views. The first noun is a modifier only when it is written
right against the second (nothing between them), names an entity (it may also name a metric),
and the second names count metrics (it may also name its own entity: "rentals") that are kept per that entity (the metric's own model
carries the entity, so "article" says whose views they are, not a condition to add). Anything
else ("how many articles have views", "number of articles and views") is left as it was.
"""

from __future__ import annotations

from nl2sql.rules.items import Item
from nl2sql.rules.state import ParseState


def _adjacent(p: ParseState, a: Item, b: Item) -> bool:
    """Whether ``b`` follows ``a`` with nothing but spaces between them."""
    pos = next((k for k, x in enumerate(p.all) if x is a), None)
    if pos is None:
        return False
    nxt = next((x for x in p.all[pos + 1 :] if x.text.strip()), None)
    return nxt is b


def compound_head(p: ParseState, j: int, counts_things: bool) -> Item | None:
    """The item after ``p.its[j]`` when the two are a noun compound whose head is that item.

    ``counts_things`` is the caller's verdict that the head's every metric is a plain count.
    """
    first, head = p.at(j), p.at(j + 1)
    if first is None or head is None or not counts_things:
        return None
    if head.kind != "domain" or head.used or not head.senses:
        return None
    metrics = [s for s in head.senses if s.kind == "metric"]
    if not metrics or any(s.kind not in ("metric", "entity") for s in head.senses):
        return None
    entities = {s.name for s in first.senses if s.kind == "entity"}
    if first.kind != "domain" or len(entities) != 1 or not _adjacent(p, first, head):
        return None
    entity = next(iter(entities))
    for s in metrics:
        m = p.catalog.metric(s.name)
        if m is None or not any(d.startswith(f"{entity}__") for d in m.dimensions):
            return None
    return head
