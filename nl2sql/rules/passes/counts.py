"""Pass: "how many customers", "有多少VIP客户", "订单有多少" — the metric that counts a noun.

Why a refusal when the model has no such metric: counting rows of a table the model does not
count would invent a metric; the closest model terms are suggested instead.
"""

from __future__ import annotations

from nl2sql.lexicon import units
from nl2sql.rules.flags import count_flagged
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


def _status_count(p: ParseState, noun: Item) -> bool:
    """ "已发货未揽收的订单有多少", "how many orders are shipped but not picked up": a count metric
    right beside the counted noun (directly or through 的/that/are) already counts those of
    its rows in that status, so it is the one answer; the noun's plain count would be a second,
    unasked number. The metric must be a plain number (not an amount or a rate) that can be
    broken down by the noun's entity (it is about those things). Returns whether it applied.
    """
    entities = [s.name for s in noun.senses if s.kind == "entity"]
    if not entities:
        return False
    k = p.its.index(noun)
    for j in (k - 1, k + 1):
        x = p.at(j)
        if x is None or x.kind != "domain" or x.used or not x.senses:
            continue
        if not all(s.kind == "metric" for s in x.senses) or len(x.senses) != 1:
            continue
        m = p.catalog.metric(x.senses[0].name)
        lo, hi = sorted((p.all.index(x), p.all.index(noun)))
        between = p.all[lo + 1 : hi]
        if (
            m is None
            or m.metric_type != "simple"
            or m.value_format != "number"
            or not any(p.metric_allows(m.name, e) for e in entities)
            or not all(b.kind == "stop" and b.text.strip() in _STATUS_LINKS for b in between)
        ):
            continue
        p.add_metric(m.name)
        x.used = noun.used = p.counted = True
        p.result.notes.append(f"'{x.text}' counts the '{noun.text}' in that status")
        return True
    return False


def _counts_things(p: ParseState, it: Item) -> bool:
    """Whether every metric reading of ``it`` is a plain count (a number, not an amount or
    rate): then "how many <it>" asks for that metric."""
    metrics = [p.catalog.metric(s.name) for s in it.senses if s.kind == "metric"]
    return bool(metrics) and all(
        m is not None and m.metric_type == "simple" and m.value_format == "number" for m in metrics
    )


#: words between a status metric and the noun it counts ("已发货的订单", "orders that are ...")
_STATUS_LINKS = frozenset({"的", "that", "which", "are", "were", "is", "was", "being"})


def _count_one(p: ParseState, i: int) -> None:
    """Settle one "how many" at index ``i``."""
    j = i + 1
    while j < len(p.its) and (
        p.its[j].is_kind("value") or p.role_at(j, "neg") or p.role_at(j, "and")
    ):
        j += 1
    nxt = p.at(j)
    if nxt is not None and count_flagged(p, j, any(p.role_at(k, "neg") for k in range(i + 1, j))):
        return
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
        and nxt.is_kind("metric")
        and not nxt.is_kind("entity")
        and _counts_things(p, nxt)
    ):
        # "how many pre-sale orders": the words name a count metric of their own
        sense = p.resolve(nxt, ("metric",))
        if sense is not None:
            p.add_metric(sense.name)
            nxt.used = p.counted = True
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
        if _status_count(p, nxt):
            return
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
        if _status_count(p, nxt):
            return
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
        and not _status_count(p, prev)
    ):
        _count_noun(p, prev, prev.text)


def read_how_many(p: ParseState) -> None:
    """Add the counting metric of every "how many" word."""
    for i, it in enumerate(p.its):
        if it.kind == "role" and it.role == "howmany":
            it.used = True
            _count_one(p, i)
