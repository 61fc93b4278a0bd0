"""A verb of *another* thing's event, on a count dated by that event, keeps only the rows where it
happened: "how many customers ordered" counts customers with a first order date.

Why: a model may count customers on the date of their first order (``agg_time_dimension:
first_order_date``), which is empty for customers who never ordered. "How many customers
ordered" had "ordered" absorbed as restating that date (the metric's own time) and answered
every customer, those who never ordered included — a wrong answer (issue #12). When the verb
is another entity's own word (order ≠ customer) and the question gives no period, the verb is a
condition: the event's date is set. A verb of the counted thing's own event ("orders placed",
"customers signed up") still restates it and adds nothing.

With a period ("how many customers ordered last month") the count's date is the *first*
event's: the range would keep the customers whose first order fell in it, while the question
asks for every customer who ordered in it (one who first ordered a year ago and again last month
is left out) — a wrong answer; by month, likewise. It is refused, naming the date the count is kept by and offering
the count by that date as a question that runs.

A count of *times* ("VIP骑手的租赁次数", "租赁了多少次", "how many times … rented") counts the
events, never the things: read as the things with an event date set it answered how many riders
ever rented (3) for how many rentals they made (4) — a wrong answer (issue #12). It is refused,
offering the model's counts of the event's own entity.
"""

from __future__ import annotations

from nl2sql.lexicon import Sense, key_of
from nl2sql.rules.items import Item, Refusal
from nl2sql.rules.state import ParseState
from nl2sql.vocabulary import morphology
from semantic_layer.query import DimensionFilter


def other_entity_event(
    p: ParseState, verb: Item, hit: Sense, more: tuple[Sense, ...] = ()
) -> str | None:
    """The time dimension to keep set (``is not null``) for ``verb`` read as ``hit``, or None.

    ``hit`` is the sense the verb was absorbed as; only a time dimension that is the question's
    metrics' own time qualifies, with no filter on it yet, and only when
    the verb names a model entity (a reading of it, or its lemma) that none of the metrics
    counts. ``more`` are senses of the verb besides the item's own (the lexicon's verb readings
    of a word that was taken as a time axis).
    """
    if hit.kind != "dimension":
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
    named = {s.name for s in (*verb.senses, *more) if s.kind == "entity"} | (lemmas & entities)
    if not named or named & counted:
        return None
    return hit.name


def keep_event_rows(p: ParseState, verb: Item, hit: Sense) -> None:
    """Add ``<date> is not null`` when :func:`other_entity_event` says the verb is a condition;
    refuse when the question also gives a period or a grain (the count is kept by the first
    event's date)."""
    dim = other_entity_event(p, verb, hit)
    if dim is None:
        return
    if _counts_times(p):
        raise _times_of_event(p, verb)
    if dated(p):
        if kept_by_first_event(p, dim):
            raise _dated_event(p, verb, dim)
        return  # counted over the event's own rows: the period already keeps those it names
    p.filters.append(DimensionFilter(dimension=dim, op="is not null", values=[]))


#: counting words that count occasions, not things (次数 "number of times", 多少次, 几次)
_TIMES_WORDS = frozenset({"次数", "多少次", "几次", "times", "how many times"})


def _counts_times(p: ParseState) -> bool:
    """Whether the question counts occasions ("次数", "多少次", "how many times")."""
    return any(x.text.strip().lower() in _TIMES_WORDS for x in p.all)


def _times_of_event(p: ParseState, verb: Item) -> Refusal:
    """The refusal of a count of times of another thing's event (module doc)."""
    lemmas = set(morphology.verb_lemmas(verb.text.strip().lower()))
    named = {s.name for s in verb.senses if s.kind == "entity"} | lemmas
    counts = [
        Sense("metric", m.name)
        for m in p.catalog.metrics
        if m.counts and m.counts in named and m.metric_type == "simple" and not m.filtered
    ]
    return Refusal(
        f"'{verb.text}' with a count of times asks how often it happened, but the count here is "
        "of the things that did it; ask for the count of those events by name",
        zh=f"“{verb.text}”加次数问的是发生了多少次，而这里的计数是做过这件事的对象个数；"
        "请直接按名称询问这些事件的次数",
        senses=counts,
        kind="metrics" if counts else "",
    )


def kept_by_first_event(p: ParseState, dim: str) -> bool:
    """Whether a count kept by ``dim`` has one row per counted thing (the date is then each
    thing's *first* event: a period on it keeps only the first ones), not one row per event.

    Why: a count of distinct buyers over the sales rows, kept by the sale date, read with "in
    June" counts every buyer who bought in June — the rows are the events; only a count over
    the things' own table, dated by a column of that table, has one date per thing. The
    date's owner is the prefix of its qualified name (``guest__first_stay_date`` on guests).
    """
    owner = dim.split("__", 1)[0]
    metrics = [cm for m in p.metrics if (cm := p.catalog.metric(m)) is not None]
    return any(cm.counts == owner for cm in metrics)


def dated(p: ParseState) -> bool:
    """Whether the question puts a period or a time grain on the metrics' own time."""
    grains = any(g.startswith("metric_time__") for g in p.group_by)
    return p.result.time is not None or grains


def refuse_dated_event(p: ParseState, verb: Item, dim: str) -> None:
    """Refuse a period on a count kept by ``dim`` when ``verb`` is another thing's event
    (:func:`other_entity_event`); return when it is not. Called where the verb beside a date
    names the time axis (``passes.time_axis``: "guests booked in June")."""
    readings = tuple(p.lex.verbs.get(key_of(verb.text.strip().lower()), ()))
    hit = Sense("dimension", dim, via=verb.text)
    if other_entity_event(p, verb, hit, readings) is not None and kept_by_first_event(p, dim):
        raise _dated_event(p, verb, dim)


def _dated_event(p: ParseState, verb: Item, dim: str) -> Refusal:
    """The refusal of a period or grain on a count kept by ``dim``, another thing's event."""
    d = p.catalog.dimension(dim)
    date = (d.label if d is not None and d.label else dim).replace("_", " ")
    labels = [cm.label or cm.name for m in p.metrics if (cm := p.catalog.metric(m)) is not None]
    label = labels[0] if labels else dim
    said = verb.text.strip()
    zh = p.result.lang == "zh"
    return Refusal(
        f"'{label}' is counted on each one's {date}, so a date range or a time grain counts "
        f"them by their {date}, not by every time they {said}; ask for {label} by {date}",
        zh=f"“{label}”按{date}统计，限定时间或按时间分组只会按{date}计，"
        f"而不是按每次“{said}”的时间；可以按{date}查询{label}",
        words=[f"按{date}统计的{label}" if zh else f"{label} by {date}"],
        kind="questions",
    )
