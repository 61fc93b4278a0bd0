"""Pass: "how many customers", "有多少VIP客户", "订单有多少" — the metric that counts a noun.

Why a refusal when the model has no such metric: counting rows of a table the model does not
count would invent a metric; the closest model terms are suggested instead.
"""

from __future__ import annotations

from nl2sql.lexicon import units
from nl2sql.rules.items import Item, Refusal
from nl2sql.rules.state import ParseState


def _entity_in_value(p: ParseState, it: Item | None) -> Item | None:
    """The entity a value phrase ends with ("VIP客户" -> 客户, "vip customers" -> customers),
    as an item of its own, or None."""
    if it is None or it.kind != "domain" or not all(s.kind == "value" for s in it.senses):
        return None
    us = units(it.text)
    for k in range(1, len(us)):
        senses = p.lex.terms.get(tuple(u.text for u in us[k:]))
        ents = [s for s in senses or [] if s.kind == "entity"]
        if ents:
            return Item(
                "domain", it.text[us[k].start :], it.start + us[k].start, it.end, senses=ents
            )
    return None


def _count_noun(p: ParseState, noun: Item, suggest_text: str) -> None:
    """Add the metric counting ``noun`` or refuse naming it."""
    metric = p.count_metric(noun)
    if metric is None:
        raise Refusal(
            f"the model has no metric that counts '{noun.text}'",
            zh=f"模型中没有统计“{noun.text}”数量的指标",
            words=[noun.text],
        )
    p.add_metric(metric)
    noun.used = True


def _count_one(p: ParseState, i: int) -> None:
    """Settle one "how many" at index ``i``."""
    j = i + 1
    while j < len(p.its) and (
        p.its[j].is_kind("value") or p.role_at(j, "neg") or p.role_at(j, "and")
    ):
        j += 1
    nxt = p.at(j)
    head = _entity_in_value(p, p.at(i + 1)) if j > i + 1 else None
    if head is not None:
        metric = p.count_metric(head)
        if metric is not None:
            p.add_metric(metric)
            p.counted = True
            return
    if (
        nxt is not None
        and nxt.kind == "domain"
        and not nxt.used
        and nxt.is_kind("entity")
        and nxt.is_kind("metric")
        and not p.listed(j)
    ):
        # "how many customers placed orders": the noun right after is what is counted
        sense = p.resolve(nxt, ("metric",))
        if sense is not None:
            p.add_metric(sense.name)
            nxt.used = p.counted = True
            return
    if (
        nxt is not None
        and nxt.kind == "domain"
        and not nxt.used
        and (nxt.is_kind("entity") or nxt.is_kind("dimension"))
        and not nxt.is_kind("metric")
    ):
        _count_noun(p, nxt, nxt.text + " count")
        p.counted = True
        return
    prev = p.at(i - 1)
    if (
        (nxt is None or nxt.kind != "domain")
        and prev is not None
        and prev.kind == "domain"
        and not prev.used
        and prev.is_kind("entity")
    ):
        _count_noun(p, prev, prev.text)


def read_how_many(p: ParseState) -> None:
    """Add the counting metric of every "how many" word."""
    for i, it in enumerate(p.its):
        if it.kind == "role" and it.role == "howmany":
            it.used = True
            _count_one(p, i)
