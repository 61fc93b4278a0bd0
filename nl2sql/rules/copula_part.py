"""有多少 X 是 Y / "how many X were Y": the part Y is the number asked, so it leads the answer.

Why: "有多少预约是爽约" ("how many appointments were no-shows") names two counts, the whole X
and its part Y, and asks for the part. Both were shown in the order written, the whole first,
so the first number a reader takes as the answer was the count of all appointments. "X中有多少
是Y" already led with Y (the part comes first there). Only the order changes, never the numbers:
the frame is a "how many" word, then exactly two metrics with a copula (是, were, are, was, is)
between them; anything else keeps the written order.
"""

from __future__ import annotations

from nl2sql.rules.items import Item
from nl2sql.rules.state import ParseState

#: copulas between the whole and its part
COPULAS = frozenset({"是", "都是", "为", "were", "are", "was", "is"})


def _metric_at(p: ParseState, it: Item, name: str) -> bool:
    """Whether ``it`` names metric ``name``: the metric itself, or the entity it counts."""
    if it.kind != "domain":
        return False
    m = p.catalog.metric(name)
    counted = m.counts if m is not None else None
    senses = [it.sense] if it.sense is not None else []
    return any(
        (s.kind == "metric" and s.name == name) or (s.kind == "entity" and s.name == counted)
        for s in [*senses, *it.senses]
    )


def _position(p: ParseState, name: str) -> int | None:
    found = [k for k, it in enumerate(p.all) if _metric_at(p, it, name)]
    return found[0] if len(found) == 1 else None


def part_first(p: ParseState) -> None:
    """Put the part Y before the whole X in "how many X are Y" (see the module docstring)."""
    if len(p.metrics) != 2:
        return
    whole, part = p.metrics
    a, b = _position(p, whole), _position(p, part)
    if a is None or b is None or not a < b:
        return
    if not any(it.kind == "role" and it.role == "howmany" for it in p.all[:a]):
        return
    between = p.all[a + 1 : b]
    if len(between) != 1 or between[0].kind != "stop":
        return
    if between[0].text.strip().lower() not in COPULAS:
        return
    p.metrics[:] = [part, whole]
