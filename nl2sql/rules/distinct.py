"""Pass: "number of distinct customers", "how many unique buyers", "不同的客户数" — a count of
distinct things is the model's ``count_distinct`` metric over that thing's key.

Why a rule: "distinct"/"unique" changes the number (orders per customer are not customers),
so it is never ignored. The metric is found from the model itself: a simple metric whose
measure has ``agg: count_distinct`` over the entity's key column (``expr: customer_id`` for
the ``customer`` entity), or, when its expression is not a key, whose description names the
entity; without such a metric the question is refused with the counts the model does have,
rather than answered with a plain row count.

>>> from semantic_layer.catalog import CatalogMetric
>>> m = CatalogMetric("buyers", "Buyers", "Unique customers who paid.", agg="count_distinct")
>>> counts_distinct(m, "customer"), counts_distinct(m, "store")
(True, False)
"""

from __future__ import annotations

from nl2sql.lexicon import Sense, key_of
from nl2sql.rules.items import Item, Refusal
from nl2sql.rules.state import ParseState
from semantic_layer.catalog import CatalogMetric


def counts_distinct(m: CatalogMetric, entity: str) -> bool:
    """Whether ``m`` counts the distinct values of ``entity``'s key (unfiltered)."""
    if m.agg.lower() != "count_distinct" or m.filtered:
        return False
    if m.measure_entity:
        return m.measure_entity == entity
    said = set(key_of(m.description))
    return set(key_of(entity)) <= {w.rstrip("s") for w in said} | said


def _noun_at(p: ParseState, j: int) -> Item | None:
    it = p.at(j)
    if it is None or it.kind != "domain" or it.used:
        return None
    return it if it.is_kind("entity") or it.is_kind("dimension") else None


def _refuse(p: ParseState, noun: Item, found: list[str]) -> None:
    """No (or several) distinct counts of the noun: say so, offer the model's ones."""
    others = [m.name for m in p.catalog.metrics if m.agg.lower() == "count_distinct"]
    if found:
        names = " or ".join(p.catalog.metric(n).label or n for n in found)  # type: ignore[union-attr]
        raise Refusal(
            f"counting distinct '{noun.text}' is ambiguous: {names}; name one",
            zh=f"“{noun.text}”的去重计数有歧义：{names}；请指明一个",
            words=[noun.text],
            senses=[Sense("metric", n) for n in found],
        )
    raise Refusal(
        f"the model has no metric counting distinct '{noun.text}' (a measure with agg: "
        "count_distinct on its key); ask for one of the counts it has",
        zh=f"模型里没有“{noun.text}”的去重计数指标（agg: count_distinct）；请改问已有的计数",
        senses=[Sense("metric", n) for n in others],
        kind="" if others else "no_metric",
    )


def read_distinct_counts(p: ParseState) -> None:
    """Claim "distinct <noun>" (with its "how many") as the noun's distinct-count metric."""
    for i, it in enumerate(p.its):
        if it.used or it.kind != "role" or it.role != "distinct":
            continue
        noun = _noun_at(p, i + 1)
        if noun is None:
            continue
        # "how many distinct readers" / "不同的读者数量": the count word before or after
        count_at = next((k for k in (i - 1, i + 2) if p.role_at(k, "howmany")), None)
        counting = count_at is not None
        entities = [s.name for s in noun.senses if s.kind == "entity"]
        found = [m.name for m in p.catalog.metrics if any(counts_distinct(m, e) for e in entities)]
        if len(found) != 1:
            if counting or found:
                _refuse(p, noun, found)
            continue  # "list the distinct channels": a listing, read by the later passes
        metric = p.catalog.metric(found[0])
        it.used = noun.used = True
        noun.sense = next(
            s
            for s in noun.senses
            if s.kind == "entity" and metric and counts_distinct(metric, s.name)
        )
        if count_at is not None:
            p.its[count_at].used = True
        p.add_metric(found[0])
        p.counted = True
