"""Pass: "ratio of A to B" / "A与B之比" is the model's ratio metric of those two metrics.

Why: a dbt project defines its ratios as ``numerator`` / ``denominator`` metrics, and users ask
for them by their parts — "ratio of free meetings booked to scheduled", "GMV与订单数之比" —
rather than by the owner's label. "Ratio" was an unknown word and the question was refused.
The pass runs before unknown words are refused, and claims the question only when the model
has exactly that ratio (A over B, in that order); a ratio the model does not define is refused
by name, never computed: the owner's ratio carries its own filters and time axes.

B may be said by its event alone when A names the thing counted: "free meetings booked to
scheduled" is booked meetings over scheduled meetings (``rules.count_events``).
"""

from __future__ import annotations

from nl2sql.interpret import metric_label
from nl2sql.lexicon import Sense
from nl2sql.rules.count_events import event_words, says
from nl2sql.rules.counting import count_metric
from nl2sql.rules.items import Item, Refusal
from nl2sql.rules.state import ParseState

#: words that join the two sides of a ratio ("A to B", "A and B", "A与B")
_JOINS = frozenset({"to", "and", "vs", "versus", "over", "against", "和", "与", "跟", "同"})


def _is_marker(p: ParseState, k: int) -> bool:
    """Whether the non-stop item ``k`` is a ratio word the model does not itself name."""
    it = p.at(k)
    if it is None or it.used:
        return False
    text = it.text.strip().lower()
    if text in ("ratio", "比值") and it.kind in ("unknown", "role"):
        return True
    nxt = p.at(k + 1)
    return text == "之" and nxt is not None and nxt.text == "比"


def _joined(p: ParseState, a: Item, b: Item) -> bool:
    """A join word stands between the two sides (stop words included)."""
    ia = next(i for i, x in enumerate(p.all) if x is a)
    ib = next(i for i, x in enumerate(p.all) if x is b)
    return any(x.text.strip().lower() in _JOINS for x in p.all[ia + 1 : ib])


def _metric(p: ParseState, it: Item) -> str | None:
    """The metric an item names: its one metric sense, else the count of the thing it names
    ("订单" before a count suffix: 订单数)."""
    if it.kind != "domain":
        return None
    names = {s.name for s in it.senses if s.kind == "metric"}
    if len(names) == 1:
        return names.pop()
    if not names and any(s.kind == "entity" for s in it.senses):
        return count_metric(p, it)
    return None


def _by_event(p: ParseState, it: Item, first: str) -> str | None:
    """The other count of the thing ``first`` counts whose event ``it`` says ("scheduled")."""
    m = p.catalog.metric(first)
    if m is None or not m.counts:
        return None
    nouns = {m.counts.replace("_", " ")}
    hits = [
        o.name
        for o in p.catalog.metrics
        if o.name != first
        and o.counts == m.counts
        and (own := event_words(o, nouns) - event_words(m, nouns))
        and says(it, own)
    ]
    return hits[0] if len(hits) == 1 else None


def _is_join(it: Item | None) -> bool:
    return it is not None and it.kind in ("role", "stop") and it.text.strip().lower() in _JOINS


def _pair(p: ParseState, first: int, step: int) -> tuple[Item, Item] | None:
    """Two sides read from ``first`` in direction ``step``, a join word between them."""
    x = p.at(first)
    gap = 2 if _is_join(p.at(first + step)) else 1
    y = p.at(first + gap * step)
    if x is None or y is None or x.used or y.used:
        return None
    a, b = (x, y) if step > 0 else (y, x)
    return (a, b) if _joined(p, a, b) else None


def _sides(p: ParseState, k: int) -> tuple[Item, Item] | None:
    """The two items of the ratio around the marker at ``k``: after "ratio of", else before
    ("A to B ratio", "A与B之比")."""
    marker = p.at(k)
    english = marker is not None and marker.text.isascii()
    last = k - 1
    if _is_count_suffix(p.at(last)):  # 订单数之比: the noun before its count suffix
        last -= 1
    return (_pair(p, k + 1, 1) if english else None) or _pair(p, last, -1)


def _is_count_suffix(it: Item | None) -> bool:
    return it is not None and it.kind == "role" and it.role == "howmany" and not it.text.isascii()


def read_named_ratio(p: ParseState) -> None:
    """Claim "ratio of A to B" as the model's ratio A / B, or refuse when it has none."""
    for k in range(len(p.its)):
        if not _is_marker(p, k):
            continue
        sides = _sides(p, k)
        if sides is None:
            continue
        a, b = sides
        num = _metric(p, a)
        den = (_metric(p, b) or _by_event(p, b, num)) if num else None
        if num is None or den is None:
            continue
        hits = [m.name for m in p.catalog.metrics if tuple(m.ratio_of) == (num, den)]
        if len(hits) != 1:
            en = [metric_label(p.catalog, n, "en") for n in (num, den)]
            zh = [metric_label(p.catalog, n, "zh") for n in (num, den)]
            raise Refusal(
                f"the model defines no ratio of {en[0]} to {en[1]}",
                zh=f"模型中没有定义{zh[0]}与{zh[1]}之比",
                words=[p.at(k).text],  # type: ignore[union-attr]
            )
        marker = [p.at(k), p.at(k + 1)] if p.at(k).text == "之" else [p.at(k)]  # type: ignore[union-attr]
        suffix = [p.at(k - 1)] if _is_count_suffix(p.at(k - 1)) else []
        ia, ib = (next(i for i, x in enumerate(p.all) if x is y) for y in (a, b))
        joins = [x for x in p.all[ia + 1 : ib] if _is_join(x)]
        for x in [a, b, *marker, *suffix, *joins]:
            if x is not None:
                x.used = True
                if x.kind == "unknown":  # read here, so no longer an unknown word
                    x.kind, x.role = "role", "ratio"
        a.sense = b.sense = Sense("metric", hits[0])
        p.add_metric(hits[0])
        p.named_metrics.append(hits[0])
        return
