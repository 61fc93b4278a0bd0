"""Pass step: an entity that shares its name with the amount a metric totals ("policy amount"
for the entity ``policy_amount`` beside the metric ``total_policy_amount``).

Why: dbt projects name a table's key entity after the table, and the table after the amount
it holds, so "保单金额" / "policy amount" reach the entity (a key, its own exact name) and the
bridge to the metric is shadowed. A key is never what a question totals; when the question
names no metric and exactly one *sum* metric is that entity's name after its aggregation word
("total"), the words name that metric. Several such metrics, or none, leave the question to the
other rules.
"""

from __future__ import annotations

from nl2sql.rules.items import Item
from nl2sql.rules.state import ParseState
from nl2sql.unit_words import is_currency
from nl2sql.vocabulary.english import name_words
from nl2sql.vocabulary.english_anchors import LEAD_WORDS


def _amount_metric(p: ParseState, entity: str) -> str | None:
    """The one sum metric whose name, without its leading aggregation words (and a unit it
    is counted in, at its end), is ``entity``."""
    fits = []
    own_key = _own_key_only(p, entity)
    for m in p.catalog.metrics:
        words = name_words(m.name)
        lead = next((i for i, w in enumerate(words) if w not in LEAD_WORDS), len(words))
        if m.agg != "sum" or lead == 0:
            continue
        rest = words[lead:]
        if rest == name_words(entity) or (own_key and _without_unit(rest) == name_words(entity)):
            fits.append(m.name)
    return fits[0] if len(fits) == 1 else None


def _own_key_only(p: ParseState, entity: str) -> bool:
    """Whether ``entity`` is only the row key of its one fact (no other model holds it).

    Why the currency-ended names only then: an ``order`` entity other tables reference is a
    thing users count ("orders by country"), and a ``total_order_usd`` beside it must not turn
    that count into a sum of money; a key no other table holds (``fuel_cost``) names nothing
    to count but the amount its rows carry.
    """
    e = next((x for x in p.catalog.entities if x.name == entity), None)
    return e is not None and len(e.models) == 1 and not e.foreign_exprs


def _without_unit(words: list[str]) -> list[str]:
    """A metric name's words less the currency it ends on ("fuel cost eur" -> "fuel cost"):
    the currency the amount is counted in is no part of what it totals.

    Why: ``total_fuel_cost_eur`` beside the key entity ``fuel_cost`` was left shadowed by the
    key, so "fuel cost by route" / 各航线的燃料成本 named no metric at all.

    >>> _without_unit(["fuel", "cost", "eur"]), _without_unit(["crossing", "hours"])
    (['fuel', 'cost'], ['crossing', 'hours'])
    """
    if len(words) > 1 and is_currency(words[-1]):
        return words[:-1]
    return words


def metric_by_entity_name(p: ParseState) -> None:
    """With no metric named, an entity item named like one sum metric's amount is that metric
    (also when an earlier pass took it as a breakdown or as the question's context thing)."""
    for it in p.its:
        if it.kind != "domain" or not it.senses or any(s.kind != "entity" for s in it.senses):
            continue
        grouped = it.sense is not None and it.sense.name in p.group_by
        context = any(x is it for x in p.context_entities)
        if it.used and not (grouped or context):
            continue
        names = {s.name for s in it.senses}
        if len(names) != 1:
            continue
        metric = _amount_metric(p, next(iter(names)))
        if metric is None:
            continue
        if grouped and it.sense is not None:
            p.group_by.remove(it.sense.name)  # a breakdown by the key was never asked
        p.context_entities = [x for x in p.context_entities if x is not it]
        it.used = True
        p.add_metric(metric)
        p.result.notes.append(f"'{it.text}' is the metric {metric}")
        return


def entity_amount_metric(p: ParseState, it: Item) -> str | None:
    """The sum metric an entity item is named like (see the module docstring), else None.

    Why here too: "港口航线的燃料成本是多少" asks 多少 ("how much") of such an entity; read as a
    count ("how many"), it was refused for a count of keys the model never defines, while the
    one sum the words name answers it.
    """
    if it.kind != "domain" or not it.senses or any(s.kind != "entity" for s in it.senses):
        return None
    names = {s.name for s in it.senses}
    return _amount_metric(p, next(iter(names))) if len(names) == 1 else None
