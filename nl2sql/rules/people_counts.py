"""人数 after an event: "预订人数", "订单人数" — the model's count of the distinct people who
took part in that event.

Why: 人数 counts people. After a person ("客户人数") it is that person's count
(``passes.counts``); after an event ("下单人数": the people who placed orders, "预订人数": the
people who booked) it is not the event's count, and it was refused. A model that counts those
people has a metric for it: a distinct count of a person entity (`customer_id`, `guest_id`)
aggregated on the event's own rows (its time is the event's, not the person's sign-up date).
That metric answers when it is the only one on the rows of the fact the noun before 人数 names
(an entity of a fact, or a metric counting the fact's rows). Anything else stays refused: a
verb ("购买人数" where the model's purchases have no count of their people, and another fact
has one), a metric that sums or flags part of the rows ("退款人数": the people refunded are not
the people of the rides), two such metrics, or people counted on their own table.
"""

from __future__ import annotations

from nl2sql.counters import PERSON_WORDS
from nl2sql.lexicon import key_of
from nl2sql.rules.items import Item
from nl2sql.rules.state import ParseState
from semantic_layer.catalog import Catalog, CatalogMetric


def persons(catalog: Catalog) -> set[str]:
    """The entities whose name, label or synonyms say they are people."""
    return {
        e.name
        for e in catalog.entities
        if {w for t in (e.name, e.label, *e.synonyms) for w in key_of(t)} & PERSON_WORDS
    }


def _people_metrics(catalog: Catalog) -> list[CatalogMetric]:
    """Distinct counts of a person entity on an event's rows (not on the person's own table)."""
    people = persons(catalog)
    return [
        m
        for m in catalog.metrics
        if m.agg == "count_distinct"
        and m.counts in people
        and not m.filtered
        and m.agg_time_dimension
        and m.rows_entity not in people
    ]


def _counts_rows(m: CatalogMetric) -> bool:
    """A plain count of rows: ``count``, or the sum of the constant 1."""
    return m.agg == "count" or (m.agg == "sum" and m.measure_expr.strip() == "1")


def _event_entities(p: ParseState, it: Item) -> set[str]:
    """The facts a noun names as a whole: its entities, and the entity whose rows a metric of it
    counts ("预订" → bookings, a count of booking rows). A metric that sums or flags something
    of the rows ("退款" → a refund amount on the rides) names no fact: the people who got a
    refund are not the people of the rides."""
    out: set[str] = set()
    for s in it.senses:
        if s.kind == "entity":
            out.add(s.name)
        m = p.catalog.metric(s.name) if s.kind == "metric" else None
        if m is not None and m.counts and not m.filtered and _counts_rows(m):
            out.add(m.counts)
    return out - persons(p.catalog)


def person_count_metric(p: ParseState, noun: Item) -> str | None:
    """The metric ``noun`` names when it already counts distinct people, else None.

    "访客人数" (visitors: a distinct count of users), "活跃司机人数" (active drivers: distinct
    drivers): 人数 after such a metric restates what it counts, the same number. Only a noun
    whose one metric reading is a distinct count of a person entity, unfiltered; a count of
    things ("订单人数") or a sum stays with :func:`people_metric` or is refused.
    """
    people = persons(p.catalog)
    metrics = {s.name for s in noun.senses if s.kind == "metric"}
    if len(metrics) != 1:
        return None
    m = p.catalog.metric(next(iter(metrics)))
    if m is None or m.agg != "count_distinct" or m.filtered:
        return None
    if (m.counts or m.counts_some) not in people:
        return None
    return m.name


def people_metric(p: ParseState, howmany: Item) -> tuple[str, Item] | None:
    """The metric counting the people of the event written right before ``howmany`` (人数),
    with the word that named the event, or None."""
    pos = next((k for k, x in enumerate(p.all) if x is howmany), 0)
    before = p.all[pos - 1] if pos > 0 else None
    if before is None:
        return None
    if before.kind != "domain" or before.used:
        return None  # a verb ("下单人数", "购买人数") names no fact of the model: refused
    events = _event_entities(p, before)
    picked = [
        m
        for m in _people_metrics(p.catalog)
        if (m.agg_time_dimension or "").split("__")[0] in events
    ]
    return (picked[0].name, before) if len(picked) == 1 else None
