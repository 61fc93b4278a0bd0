"""Which of several counts of one thing a question asks: the one whose event it names.

Why: models count one entity on several events, each on its own date — "The number of free
meetings booked" (by booking date) and "… scheduled" (by meeting date), "Orders placed" and
"Orders shipped". Both metrics count the entity's key, so the noun alone ("how many free
meetings") is ambiguous; the word that tells them apart is the event in the label after (or
before) the noun, and a question that says it ("were booked", "预约了") asks for that count.
A date's verb the question ties to a time ("scheduled in April") is read as that date's axis
and picks the count on it. The word is then the metric's own, not a filter: a status value "BOOKED" spelled like the
event must not also restrict the rows (56 upcoming meetings instead of every booking).

When the question names no event and no time at all, counts that differ *only* in the date
they are counted on (same model, aggregation, expression and no filter) give the same number:
either answers, and the first by name is taken. Any time word keeps the clarification, since
then the dates decide which rows fall in the range.
"""

from __future__ import annotations

import re

from nl2sql.rules.items import Item
from nl2sql.rules.view import StateView
from nl2sql.vocabulary import chinese, morphology
from nl2sql.vocabulary.english import singular
from semantic_layer.catalog import CatalogMetric

#: label words that say how a count is taken or are grammar, never which event it counts
COUNT_WORDS = frozenset(
    "the a an number of count total distinct unique all and or per in on at by for".split()  # noqa: SIM905
)
#: roles of items that put time into the question (a range, a grain, a date's verb, a trend)
_TIME_ROLES = ("grain", "axis", "trend", "compare")


def _lemmas(word: str) -> set[str]:
    """The word, its singular and the verbs it is a form of ("booked" -> book)."""
    w = word.lower()
    return {w, singular(w), *morphology.source_verbs(w)}


def event_words(metric: CatalogMetric | None, nouns: set[str]) -> set[str]:
    """The words of a count's label that are neither the counted noun nor counting words:
    "The number of free meetings booked." with noun "free meetings" -> {"booked"}.

    >>> m = CatalogMetric("n", "The number of free meetings booked.")
    >>> sorted(event_words(m, {"free meetings"}))
    ['booked']
    """
    if metric is None:
        return set()
    noun_words = {singular(w) for n in nouns for w in re.findall(r"[a-z]+", n.lower())}
    words = re.findall(r"[a-z]+", (metric.label or metric.name.replace("_", " ")).lower())
    return {w for w in words if w not in COUNT_WORDS and singular(w) not in noun_words}


def says(item: Item, events: set[str]) -> bool:
    """Whether ``item`` is one of the event words, in English or as a Chinese rendering."""
    text = item.text.lower().strip()
    if not text:
        return False
    if text.isascii():
        said = {lemma for w in text.split() for lemma in _lemmas(w)}
        return bool(said & {lemma for e in events for lemma in _lemmas(e)})
    core = text.removeprefix("已")
    for e in events:
        verbs = morphology.source_verbs(e) or (e,)
        zh = {w.removeprefix("已") for w, _ in chinese.renderings(e, tuple(verbs))}
        if core in zh:
            return True
    return False


def _open(item: Item, counted: Item) -> bool:
    """An item that may carry the event: not the counted noun, not yet claimed, and a word
    (a verb, an unplaced word or a value that spells the event), not a time or a number."""
    if item is counted or item.used:
        return False
    return item.kind in ("domain", "unknown") or item.role == "verb"


def _has_time(p: StateView) -> bool:
    """Whether the question (or the answer it follows up) restricts or groups by time."""
    for it in p.all:
        if it.kind == "time" or it.role.startswith(_TIME_ROLES):
            return True
    ctx = p.context
    if ctx is None:
        return False
    timed = [g for g in ctx.group_by if g.startswith("metric_time") or _is_time(p, g)]
    return ctx.time_range is not None or bool(timed)


def _is_time(p: StateView, name: str) -> bool:
    dim = p.catalog.dimension(name) or p.catalog.dimension(name.rsplit("__", 1)[0])
    return dim is not None and dim.dim_type == "time"


def _same_count(metrics: list[CatalogMetric | None]) -> bool:
    """Whether the metrics count the same rows the same way, only on different dates: one
    aggregation of one expression in one semantic model (the owner of their dates), no filter.
    The key of one entity counted in two tables (orders, shipments) is not the same rows."""
    if any(m is None or m.metric_type != "simple" or m.filtered for m in metrics):
        return False
    shapes = {
        (m.agg, m.measure_expr, m.counts, (m.agg_time_dimension or "").split("__")[0])
        for m in metrics
        if m is not None
    }
    return len(shapes) == 1 and all(next(iter(shapes))[2:])


def pick_counted_event(p: StateView, it: Item, names: list[str], nouns: set[str]) -> str | None:
    """The one count among ``names`` the question asks for, else None (still ambiguous).

    The count whose event word the question says wins, and that word is claimed (it restates
    the metric, so no later pass reads it as a filter value). With no event said and no time
    anywhere, counts of the same rows on different dates are equal: the first by name.
    """
    metrics = {n: p.catalog.metric(n) for n in names}
    # a date's verb read as a time axis ("scheduled in April", "上个月预约"): the count on
    # that date is the one asked; the axis stays for the time pass (it is the metric's own)
    axes = {s.name for x in p.all if x.role == "axis" for s in x.senses}
    on_axis = [n for n, m in metrics.items() if m is not None and m.agg_time_dimension in axes]
    if len(on_axis) == 1:
        return on_axis[0]
    events = {n: event_words(metrics[n], nouns) for n in names}
    saying: dict[str, list[Item]] = {}
    for n in names:
        own = events[n] - set().union(*(events[o] for o in names if o != n))
        if own:
            hits = [x for x in p.all if _open(x, it) and says(x, own)]
            if hits:
                saying[n] = hits
    if len(saying) == 1:
        name, hits = next(iter(saying.items()))
        for x in hits:
            x.used = True
        return name
    if not saying and not _has_time(p) and _same_count(list(metrics.values())):
        return sorted(names)[0]
    return None
