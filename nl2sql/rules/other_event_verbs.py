"""A verb of *another* thing's event, on a count dated by that event, keeps only the rows where it
happened: "how many customers ordered" counts customers with a first order date.

Why: a model may count customers on the date of their first order (``agg_time_dimension:
first_order_date``), which is empty for customers who never ordered. "How many customers
ordered" had "ordered" absorbed as restating that date (the metric's own time) and answered
every customer, those who never ordered included — a wrong answer (issue #12). When the verb
is another entity's own word (order ≠ customer) and the question gives no period, the verb is a
condition: the event's date is set. A verb of the counted thing's own event ("orders placed",
"customers signed up") still restates it and adds nothing; a dated question ("customers who
ordered last month") already puts its range on that date.
"""

from __future__ import annotations

from nl2sql.lexicon import Sense
from nl2sql.rules.items import Item
from nl2sql.rules.state import ParseState
from nl2sql.vocabulary import morphology
from semantic_layer.query import DimensionFilter


def other_entity_event(p: ParseState, verb: Item, hit: Sense) -> str | None:
    """The time dimension to keep set (``is not null``) for ``verb`` read as ``hit``, or None.

    ``hit`` is the sense the verb was absorbed as; only a time dimension that is the question's
    metrics' own time qualifies, with no period asked and no filter on it yet, and only when
    the verb names a model entity (a reading of it, or its lemma) that none of the metrics
    counts.
    """
    if hit.kind != "dimension" or p.result.time is not None:
        return None
    dim = p.catalog.dimension(hit.name)
    if dim is None or dim.dim_type != "time":
        return None
    metrics = [cm for m in p.metrics if (cm := p.catalog.metric(m)) is not None]
    if not metrics or any(cm.agg_time_dimension != hit.name for cm in metrics):
        return None
    if any(f.dimension.startswith(hit.name) for f in p.filters):
        return None
    counted = {cm.counts for cm in metrics if cm.counts}
    if not counted:
        return None  # an amount, not a count of things: no "which things" to narrow
    entities = {e.name for e in p.catalog.entities}
    lemmas = set(morphology.verb_lemmas(verb.text.strip().lower()))
    # the entities the verb names: the lexicon's readings of it ("booked" → booking) and an
    # entity spelled as its lemma ("ordered" → order)
    named = {s.name for s in verb.senses if s.kind == "entity"} | (lemmas & entities)
    if not named or named & counted:
        return None
    return hit.name


def keep_event_rows(p: ParseState, verb: Item, hit: Sense) -> None:
    """Add ``<date> is not null`` when :func:`other_entity_event` says the verb is a condition."""
    dim = other_entity_event(p, verb, hit)
    if dim is not None:
        p.filters.append(DimensionFilter(dimension=dim, op="is not null", values=[]))
