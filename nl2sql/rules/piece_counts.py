""" "卖出了多少件植物", "被退回了多少件", "卖掉的件数": pieces counted after a verb are the model's
quantity of that event.

Why: 件 is the counter of pieces of goods (:data:`nl2sql.counters.PIECE_COUNTERS`), so "how
many 件" asks for a quantity of units, never for how many rows or things there are — the
English "how many units were sold". The Chinese question was refused ("no metric counts
植物", or "'多少件' counts plant") on models whose "Units Sold" every user means by it,
because the noun after the counter (植物, the model's plant entity) was taken
for the thing counted.

The quantity is named by the verb, as the English one is (``rules.scattered_labels.
settle_told_apart``: "how many units were returned"): among the model's quantity metrics (a
quantity word — units, quantity, pieces — in their name, label or measure), the ones the
question's verb names through the lexicon's verb readings (卖出 -> "sold"). When that leaves
several, only the plain quantity of the event counts: the one whose label says nothing but the
quantity word and the event ("units sold", not "units sold and later returned"). Exactly one
must be left, or nothing is decided here and the question goes on as before (refused). A
goods noun right after the counter (植物, an entity or a name column of the thing) is what the
pieces are of and is absorbed; a value there (a plant type) stays a condition.

The same verb before 数量 (退回的数量) is asked back when it is also a count's noun: the count
of returns or the units returned (:func:`ask_quantity_or_count`), as the noun form already was.

Not read: a model that names a metric by the counter's own count (件数 as a model term: the
count passes read it), no verb naming a quantity (今年多少件植物), two verbs naming different
quantities.
"""

from __future__ import annotations

import re

from nl2sql.counters import PIECE_COUNTERS, QUANTITY_SUFFIXES, QUANTITY_WORDS
from nl2sql.lexicon import Sense, key_of, normalize
from nl2sql.rules.counting import count_metric
from nl2sql.rules.items import Item, Refusal
from nl2sql.rules.sense_phrases import distinct_phrases
from nl2sql.rules.state import ParseState
from semantic_layer.catalog import CatalogMetric

#: "how many" words a piece counter follows (多少件, 几件)
_HOW_MANY = frozenset({"多少", "几"})

#: words of a label that say nothing of which event it counts
_PLAIN = frozenset({"total", "number", "of", "the", "count"})

_WORD = re.compile(r"[a-z]+")


def quantity_metrics(metrics: tuple[CatalogMetric, ...] | list[CatalogMetric]) -> set[str]:
    """The metrics that are a quantity of pieces: a quantity word in their name, label or
    measure ("Units Sold", ``pieces_packed``)."""
    return {
        m.name
        for m in metrics
        if QUANTITY_WORDS & {w for t in (m.name, m.label, m.measure) for w in key_of(t or "")}
    }


def _plain(m: CatalogMetric) -> bool:
    """Whether ``m``'s label says only its quantity word and one other word, the event
    ("units sold", "Returned Pieces"; not "units sold and later returned").

    >>> from semantic_layer.catalog import CatalogMetric as M
    >>> _plain(M(name="units_sold", label="units sold")), _plain(M(name="c", label="units sold and later returned"))
    (True, False)
    """
    words = [w for w in _WORD.findall(normalize(m.label or m.name).replace("_", " "))]
    rest = [w for w in words if w not in QUANTITY_WORDS and w not in _PLAIN]
    return len(rest) == 1 and len(rest) < len(words)


def _piece_count_at(p: ParseState, k: int) -> Item | None:
    """The counter item when ``p.all[k]`` asks for pieces (多少件 / 几件 / 件数), else None."""
    it = p.all[k]
    if it.kind != "role" or it.role != "howmany" or it.used or it.text.isascii():
        return None
    word = it.text.strip()
    if word in PIECE_COUNTERS:  # 卖出的件数
        return it
    if word not in _HOW_MANY:
        return None
    nxt = next((x for x in p.all[k + 1 :] if x.text.strip()), None)
    if nxt is not None and nxt.kind == "stop" and nxt.text.strip() in PIECE_COUNTERS:
        return nxt
    return None


def _told(p: ParseState, item: Item, quantities: set[str]) -> set[str]:
    """The quantity metrics ``item`` names as a verb (its verb readings in the lexicon)."""
    if item.kind not in ("role", "domain", "unknown", "stop") or not item.text.strip():
        return set()
    word = item.text.strip()
    verbs = p.lex.verbs.get(key_of(word), [])
    told = {s.name for s in verbs if s.kind == "metric"} & quantities
    # a verb the lexicon keeps only as a compound part (卖 "sell": "sold", "selling")
    english = p.lex.parts.get(word, set())
    for name in quantities - told:
        m = p.catalog.metric(name)
        if m is not None and english & set(_WORD.findall((m.label or "").lower())) - QUANTITY_WORDS:
            told.add(name)
    return told


def _resolved(p: ParseState) -> tuple[int, Item, str, list[Item]] | None:
    """(index of the "how many" word, its counter, the quantity metric, the verbs naming it)
    for the question's first piece count, or None when it names no one quantity."""
    for k in range(len(p.all)):
        counter = _piece_count_at(p, k)
        if counter is None:
            continue
        if any(s.kind == "metric" for s in p.lex.terms.get(key_of("件数"), [])):
            return None  # the model names a metric by 件数 itself: the count passes read it
        # only now: most questions have no piece count and pay nothing for this
        quantities = quantity_metrics(p.catalog.metrics)
        if not quantities:
            return None
        verbs = [
            (x, told) for x in p.all if x is not p.all[k] and (told := _told(p, x, quantities))
        ]
        named = set().union(*(t for _, t in verbs)) if verbs else set()
        if len(named) > 1:
            plain = {n for n in named if (m := p.catalog.metric(n)) is not None and _plain(m)}
            named = plain
        if len(named) != 1:
            return None
        return k, counter, next(iter(named)), [v for v, _ in verbs]
    return None


def absorb_piece_verbs(p: ParseState) -> None:
    """An unknown verb that names the one quantity a piece count asks for is that count's
    verb, not an unknown word: 卖掉了多少件 (卖掉 "to sell off", a compound part "sold").

    Run among the unknown-word readings; only when the whole piece count is settled by it
    (:func:`_resolved`), so a verb that leaves the quantity open stays unknown and refused.
    """
    got = _resolved(p)
    if got is None:
        return
    for k, it in enumerate(p.all):
        if it.kind == "unknown" and any(v is it for v in got[3]):
            p.all[k] = Item("stop", it.text, it.start, it.end, role="verb")
    p.its = [x for x in p.all if x.kind != "stop"]


def read_piece_counts(p: ParseState) -> None:
    """Add the quantity metric a verb names for "多少件" / "件数" (see the module docstring)."""
    got = _resolved(p)
    if got is None:
        return
    k, counter, name, verbs = got
    p.all[k].used = counter.used = True
    for verb in verbs:
        if verb.kind in ("domain", "unknown") or verb.role == "verb":
            verb.used = True  # the verb (退回 is also the returns' noun) is the quantity's
    j = p.all.index(counter) + 1
    goods = next((x for x in p.all[j:] if x.text.strip()), None)
    if (
        goods is not None
        and goods.kind == "domain"
        and not goods.used
        and goods.senses
        and all(s.kind in ("entity", "dimension") for s in goods.senses)
    ):
        goods.used = True  # 多少件植物: the goods the pieces are of
    metric = p.catalog.metric(name)
    said = p.all[k].text.strip() + ("" if counter is p.all[k] else counter.text.strip())
    p.add_metric(name)
    p.counted = True
    p.result.notes.append(f"'{said}' counts pieces: {name}")
    p.result.bridged.append(f"{said} → {metric.label if metric else name}")


def ask_quantity_or_count(p: ParseState) -> None:
    """ "退回的数量": a verb that is also a count's noun, then 数量, is asked back when the verb
    names one quantity of the model besides that count (Returns or Units Returned).

    Why: 数量 is as often a quantity of pieces as a number of rows (``nl2sql.counters``), and
    the noun form (退货数量, 退货的数量) was already asked back with both readings; said with
    the verb form, the count was answered alone — the number of returns where the units returned
    may be meant. Only when the verb's readings name exactly one quantity metric and
    the word is also a count metric of its own; anything else is left to the count passes.
    """
    for k, it in enumerate(p.all):
        if it.kind != "role" or it.role != "howmany" or it.used:
            continue
        if it.text.strip() not in QUANTITY_SUFFIXES:
            continue
        j = k - 1
        while j >= 0 and (not p.all[j].text.strip() or p.all[j].text.strip() == "的"):
            j -= 1
        noun = p.all[j] if j >= 0 else None
        if noun is None or noun.kind != "domain" or noun.used or noun.text.isascii():
            continue
        try:
            counted = count_metric(p, noun)  # the returns' own count (or the word's metric)
        except Refusal:
            continue
        m = p.catalog.metric(counted) if counted else None
        if m is None or not m.counts:
            continue
        told = _told(p, noun, quantity_metrics(p.catalog.metrics))
        if len(told) > 1:  # the plain quantity of the event, as for a piece count
            told = {n for n in told if (q := p.catalog.metric(n)) is not None and _plain(q)}
        if len(told) != 1 or m.name in told:
            continue
        cands = [Sense("metric", m.name), Sense("metric", next(iter(told)))]
        said = "".join(x.text for x in p.all[j : k + 1]).strip()
        en = [f[0] for f in distinct_phrases(p.catalog, cands, "en")]
        zh = [f[0] for f in distinct_phrases(p.catalog, cands, "zh")]
        raise Refusal(
            f"'{said}' is ambiguous: it could be " + " or ".join(en) + "; say which one",
            zh=f"“{said}”有歧义：可能是" + "或".join(zh) + "；请说明是哪一个",
            words=[said],
            senses=cands,
        )
