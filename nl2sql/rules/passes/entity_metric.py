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

from nl2sql.rules.state import ParseState
from nl2sql.vocabulary.english import name_words
from nl2sql.vocabulary.english_anchors import LEAD_WORDS


def _amount_metric(p: ParseState, entity: str) -> str | None:
    """The one sum metric whose name, without its leading aggregation words, is ``entity``."""
    fits = []
    for m in p.catalog.metrics:
        words = name_words(m.name)
        lead = next((i for i, w in enumerate(words) if w not in LEAD_WORDS), len(words))
        if m.agg == "sum" and lead > 0 and words[lead:] == name_words(entity):
            fits.append(m.name)
    return fits[0] if len(fits) == 1 else None


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
