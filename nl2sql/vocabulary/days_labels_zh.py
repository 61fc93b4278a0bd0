"""Chinese for a metric of days: the event's Chinese first, 天数 last ("Avg Days Late" 平均延迟天数).

Why: English puts the unit first and the event after it ("average days to first login", "days
late", "days payment to delivery"), Chinese the event first and 天数 last (首次登录的平均天数,
平均延迟天数, 付款到交付的平均天数). Word-by-word compounds keep the English order (平均天数
延迟), a string nobody types, so every such metric was refused in Chinese. The average or
median word moves as Chinese puts it: 平均 before the compound or 的平均天数 after the event;
天数的中位数 after it. "to" between two events is 到 (付款到交付); a leading "to" ("days to
first login") has no Chinese of its own.
"""

from __future__ import annotations

import itertools

from nl2sql.vocabulary.anchors import ACCEPT, Anchor
from nl2sql.vocabulary.chinese import compounds, renderings
from nl2sql.vocabulary.ecdict import clean_item, split_items, translation

#: the unit word, as the anchors spell it (singular) and as a label does
DAYS_WORDS = frozenset({"day", "days"})
AVERAGE_WORDS = frozenset({"avg", "average", "mean"})
MEDIAN_WORDS = frozenset({"median"})
#: words that make a phrase measure something else than days ("day late rate" is a rate)
OTHER_HEADS = frozenset(
    "rate ratio share count number percent percentage pct amount total sum cost value".split()  # noqa: SIM905
)
#: the longest event phrase rendered (words, "to" excluded)
MAX_EVENT_WORDS = 3
#: a guessed compound: slightly below a dictionary word (as chinese_anchors.COMPOUND)
COMPOUND = 0.95


def _event(words: list[str], verbs_of) -> list[tuple[str, float]]:
    """The Chinese of an event phrase of one to three words, best first."""
    if not 1 <= len(words) <= MAX_EVENT_WORDS:
        return []
    if len(words) == 1:
        stems = tuple(verbs_of(words[0])) if verbs_of else ()
        return list(renderings(words[0], stems)) or intransitive_words(stems)
    return compounds(words, verbs_of)


#: how surely ECDICT's first intransitive verb names the event (as a first noun sense, 0.85)
INTRANSITIVE = 0.85


def intransitive_words(stems: tuple[str, ...]) -> list[tuple[str, float]]:
    """ECDICT's first word on the "vi." line of the first stem that has one.

    Why: a label counts the days something went on ("Days queueing"); CC-CEDICT glosses 排队
    only "to line up", so "queue" as a verb has no Chinese there, while ECDICT's intransitive
    line says 排队. Only the event of a days label reads it, and only when CC-CEDICT and the
    glossary have nothing: an intransitive verb is what a thing does over the days counted.

    >>> intransitive_words(("queueing", "queue"))
    [('排队', 0.85)]
    >>> intransitive_words(("zzz",))
    []
    """
    for stem in stems:
        for line in translation(stem).split("\\n"):
            if line.strip().startswith("vi."):
                items = [w for i in split_items(line.strip()[3:]) if (w := clean_item(i))]
                if items:
                    return [(items[0], INTRANSITIVE)]
    return []


def _events(rest: list[str], verbs_of) -> list[tuple[str, float]]:
    """The event's Chinese; "<A> to <B>" as <A>到<B>."""
    if rest[:1] == ["to"]:
        rest = rest[1:]
    if "to" in rest:
        k = rest.index("to")
        left, right = _event(rest[:k], verbs_of), _event(rest[k + 1 :], verbs_of)
        return [(f"{a}到{b}", sa * sb) for (a, sa), (b, sb) in itertools.product(left, right)]
    return _event(rest, verbs_of)


def days_forms(event: str, agg: str | None) -> tuple[str, ...]:
    """The Chinese ways to say the average / median / plain days of an event.

    >>> days_forms("延迟", "avg")
    ('平均延迟天数', '延迟平均天数', '延迟的平均天数')
    >>> days_forms("交付", "median")
    ('交付天数中位数', '交付天数的中位数', '交付的天数中位数')
    """
    if agg == "avg":
        return (f"平均{event}天数", f"{event}平均天数", f"{event}的平均天数")
    if agg == "median":
        return (f"{event}天数中位数", f"{event}天数的中位数", f"{event}的天数中位数")
    return (f"{event}天数",)


def days_label_anchors(a: Anchor, verbs_of=None) -> list[Anchor]:
    """Chinese anchors for a metric phrase "[avg|median] days <event>" or "[avg|median]
    <event> days".

    >>> a = Anchor("avg day late", "metric", "m", None, "Avg Days Late", "name", 1.0)
    >>> [x.phrase for x in days_label_anchors(a)][:3]
    ['平均延迟天数', '延迟平均天数', '延迟的平均天数']
    >>> days_label_anchors(Anchor("day late rate", "metric", "r", None, "", "name", 1.0))
    []
    """
    words = a.phrase.split()
    if a.kind != "metric" or "thesaurus" in a.source or not DAYS_WORDS & set(words):
        return []
    agg = None
    if words[0] in AVERAGE_WORDS | MEDIAN_WORDS:
        agg = "avg" if words[0] in AVERAGE_WORDS else "median"
        words = words[1:]
    if words[0] in DAYS_WORDS:
        rest = words[1:]
    elif words[-1] in DAYS_WORDS:
        rest = words[:-1]
    else:
        return []
    if not rest or DAYS_WORDS & set(rest) or OTHER_HEADS & set(rest):
        return []
    source = "compound" if a.source == "name" else f"{a.source}+compound"
    out: list[Anchor] = []
    for zh, score in _events(rest, verbs_of):
        total = a.score * score * COMPOUND
        if total >= ACCEPT:
            out += [
                Anchor(form, a.kind, a.name, a.value, a.via, source, total)
                for form in days_forms(zh, agg)
            ]
    return out
