"""Pass: a word naming both a metric and a thing ("orders", "customers") is the thing when
another word of the question is unambiguously a metric ("GMV of refunded orders", "top 10
customers by GMV"); so is a count metric's word after a value ("takings from kiosk orders").

Why before every other pass: the later passes read ``senses``; dropping the metric reading
here keeps "orders" a grouping/filter noun everywhere after.
"""

from __future__ import annotations

import re

from nl2sql.negation_words import NEGATING_NEXT_EN
from nl2sql.rules.items import Item
from nl2sql.rules.passes.grouping import PER_WORDS
from nl2sql.rules.state import ParseState
from nl2sql.rules.units import metric_unit
from nl2sql.unit_words import kind_of
from nl2sql.vocabulary.aggregate_heads import TOTAL_AFTER_WORD, TOTAL_BEFORE_WORD
from semantic_layer.catalog import CatalogMetric


def _only_metric(x: Item) -> bool:
    return x.kind == "domain" and all(s.kind == "metric" for s in x.senses)


def prefer_nouns(p: ParseState) -> None:
    """Drop the metric senses of metric-or-noun words when another word is only a metric."""
    qualify_generic_heads(p)
    if not any(_only_metric(x) for x in p.its):
        return
    for i, x in enumerate(p.its):
        if p.listed(i) or _asked_of_described(p, i):
            continue
        if (
            x.kind == "domain"
            and not _only_metric(x)
            and any(s.kind == "metric" for s in x.senses)
            and any(s.kind in ("entity", "dimension") for s in x.senses)
        ):
            x.senses = [s for s in x.senses if s.kind != "metric"]
    _value_noun_phrases(p)


def _asked_of_described(p: ParseState, i: int) -> bool:
    """Whether word ``i`` is what is asked about things a condition describes: "orders of
    regions with revenue above 30", "orders by region with revenue above 30",
    "收入超过30的地区的订单". Every other metric word there is a condition's subject (a
    comparison follows it), and the word is said of another noun — "X of/by <noun>", or last
    after "<noun>的" — so it is the metric asked, not a noun. Read as a noun, the answer gave the
    condition's revenue alone (a wrong answer). "customers with revenue above 100" is unchanged:
    there the word is the noun the condition describes."""
    others = [k for k, x in enumerate(p.its) if k != i and _only_metric(x)]
    if not others or not all(p.role_at(k + 1, "cmp") for k in others):
        return False
    return said_of_noun(p, p.its[i])


def said_of_noun(p: ParseState, x: Item) -> bool:
    """ "X of/by/per <noun>" or a last "<noun>的X": ``x`` is said of another noun."""
    pos = next(k for k, y in enumerate(p.all) if y is x)
    after = [y for y in p.all[pos + 1 :] if y.text.strip()]
    if after and after[0].text.strip().lower() in _OF_WORDS:
        nxt = next((y for y in after[1:] if y.kind != "stop"), None)
        return nxt is not None and nxt.kind == "domain" and _is_noun(nxt)
    before = [y for y in p.all[:pos] if y.text.strip()]
    rest = [y for y in after if y.kind != "stop"]
    if not rest and len(before) >= 2 and before[-1].text.strip() == "的":
        return before[-2].kind == "domain" and _is_noun(before[-2])
    return False


#: words after which a noun names whose (or by what) the word before them is said
_OF_WORDS = frozenset({"of", "by", "per", "for", "across"})


def _is_noun(x: Item) -> bool:
    return any(s.kind in ("dimension", "entity") for s in x.senses) and not _only_metric(x)


def _value_noun_phrases(p: ParseState) -> None:
    """ "late fees from *weekend rentals*": a count metric's word right after a value, in a
    question with another metric, names the rows the value selects, not a second metric."""
    metric_items = [i for i, x in enumerate(p.its) if _only_metric(x)]
    for i in metric_items:
        x, prev = p.its[i], p.at(i - 1)
        others = [j for j in metric_items if j != i]
        if (
            others
            and not p.listed(i)
            and prev is not None
            and prev.kind == "domain"
            and prev.senses
            and all(s.kind == "value" for s in prev.senses)
        ):
            x.used = True  # the value's filter carries the meaning
            x.senses = []


_WORD = re.compile(r"[a-z0-9]+|[\u4e00-\u9fff]+")


def _words(*texts: str) -> set[str]:
    return {w for t in texts for w in _WORD.findall(t.replace("_", " ").lower())}


#: words that negate the word after them in a description ("across all NON-CANCELED orders",
#: "excluding freight")
_NEGATORS = NEGATING_NEXT_EN


def _affirmed_words(text: str) -> set[str]:
    """The words of a description that it does not negate.

    Why: "Item revenue across all NON-CANCELED orders" says the metric leaves canceled orders
    out; read as a bag of words it claimed "canceled", and "canceled revenue" picked it — the
    opposite of what was asked.
    """
    words = _WORD.findall(text.replace("_", " ").lower())
    return {
        w
        for k, w in enumerate(words)
        if w not in _NEGATORS and (k == 0 or words[k - 1] not in _NEGATORS)
    }


def _is_amount(m: CatalogMetric | None) -> bool:
    """Money: a currency-formatted metric or one counted in a currency."""
    if m is None:
        return False
    unit = metric_unit(m)
    return m.value_format == "currency" or (unit is not None and kind_of(unit) == "money")


def qualify_generic_heads(p: ParseState) -> None:
    """ "取消金额", "快速购买的总金额", "cancellation amount": a generic head word ("金额",
    "amount") that fits several metrics, right after a word that qualifies it, is the one
    metric the qualifier picks:

    - the qualifier itself names exactly one metric of the head's kind (all the head's metrics
      are money and so is "取消" → ``cancellations``, whose measure is a USD value): that one;
    - else the qualifier's words (its text and the model words it was matched through) occur
      in the name, label or description of exactly one of the head's metrics: that one, and
      the qualifier is part of the metric's name, not a filter of its own.

    Anything else stays ambiguous and is refused with a clarification (``rules.resolve``).
    """
    for i, head in enumerate(p.its):
        names = [s.name for s in head.senses if s.kind == "metric"]
        if head.kind != "domain" or head.used or len(names) < 2 or len(names) != len(head.senses):
            continue
        agg = _aggregation_before(p, head)
        picked = [n for n in names if agg and _aggregates(p.catalog.metric(n), agg)]
        if len(picked) == 1:  # "平均里程", "total mileage": the one average / total
            head.senses = [s for s in head.senses if s.name == picked[0]]
            continue
        told = _told_by_verbs(p, names)
        if len(told) == 1:  # "退款金额": 退款 (to refund) is the event of one amount only
            head.senses = [s for s in head.senses if s.name == told[0]]
            p.result.notes.append(f"'{head.text}' is {told[0]}")
            continue
        q = p.at(i - 1)
        if q is None or q.kind != "domain" or q.used or not q.senses or _after_per(p, i - 1):
            continue
        metrics = [p.catalog.metric(n) for n in names]
        own = [s.name for s in q.senses if s.kind == "metric"]
        if (
            len(own) == 1
            and len(q.senses) == 1
            and all(_is_amount(m) for m in metrics)
            and _is_amount(p.catalog.metric(own[0]))
        ):
            head.used, head.senses = True, []  # "取消金额": the cancellations metric is one
            p.result.notes.append(f"'{q.text}{head.text}' is {own[0]}")
            continue
        # the qualifier in the model's words: what a bridged word was matched through
        via = [s.via for s in q.senses if s.via]
        said = _words(*via) if via else _words(q.text)
        fits = [
            m.name
            for m in metrics
            if m is not None
            and said
            and said <= _words(m.name, m.label) | _affirmed_words(m.description or "")
        ]
        if len(fits) == 1 and not _extends_unsaid(p, fits[0], names, said):
            head.senses = [s for s in head.senses if s.name == fits[0]]
            q.used = True
            p.result.notes.append(f"'{q.text}' picks {fits[0]} for '{head.text}'")


def _after_per(p: ParseState, i: int) -> bool:
    """Whether item ``i`` follows a "per"/"each" word (每个, 每位, per, each): it is then the
    thing that word divides by or breaks down by, not a qualifier of the head after it.

    Why: in "平均每个顾客的会员积分" 顾客 is what 每个 counts (the average per member); taken
    as the qualifier picking one of the points metrics it left 每个 without its noun, and the
    question was refused although the model's average per member answers it.
    """
    before = p.at(i - 1)
    return (
        before is not None
        and before.kind == "role"
        and before.role == "group"
        and before.text.strip().lower() in PER_WORDS
    )


#: label words that name no kind of a metric ("Total Ticket Revenue" is plain ticket revenue)
_PLAIN_WORDS = frozenset({"total", "sum", "amount", "overall", "all"})


def _extends_unsaid(p: ParseState, name: str, names: list[str], said: set[str]) -> bool:
    """Whether metric ``name`` is another of ``names`` with words added to its label that the
    qualifier does not all say: "cinema" before "ticket revenue" is no "Same-Cinema Ticket
    Revenue" beside "Total Ticket Revenue" — "same" is unsaid, so the qualifier is not the
    kind's name (it picked the same-cinema kind for "cinema ticket revenue", a wrong answer).

    >>> from semantic_layer.catalog import Catalog, CatalogMetric as M
    >>> from types import SimpleNamespace as NS
    >>> cat = Catalog((M("a", "Total Ticket Revenue"), M("b", "Same-Cinema Ticket Revenue")), (), ())
    >>> p = NS(catalog=cat)
    >>> _extends_unsaid(p, "b", ["a", "b"], {"cinema"}), _extends_unsaid(p, "b", ["a", "b"], {"same", "cinema"})
    (True, False)

    Words the two share are not the kind's ("electric" alone picks "Electric Fare Amount" beside
    "Fare Amount"):

    >>> cat = Catalog((M("f", "Fare Amount"), M("e", "Electric Fare Amount")), (), ())
    >>> _extends_unsaid(NS(catalog=cat), "e", ["f", "e"], {"electric"})
    False
    """
    m = p.catalog.metric(name)
    if m is None:
        return False
    own = _words(m.label or m.name)
    for other in names:
        o = p.catalog.metric(other)
        if other == name or o is None:
            continue
        plain = _words(o.label or o.name)
        base = plain - _PLAIN_WORDS
        if base and base < own and not (own - plain - _PLAIN_WORDS) <= said:
            return True
    return False


def _told_by_verbs(p: ParseState, names: list[str]) -> list[str]:
    """The metrics among ``names`` that the question's verbs name, when those verbs name
    nothing else.

    Why: "退款金额" on a model with "Order Amount" and "Refund Amount": 退款 ("to refund", a
    verb bridge of the label's "refund") says whose amount, but a verb is
    never a term, so "金额" was refused as ambiguous although only one of its metrics is the
    verb's event. A verb that also names a value or a dimension (支付: a status "Paid") may
    be a condition instead, so it picks nothing; the verb is absorbed later as restating the
    metric (``settle_verbs``).
    """
    told: set[str] = set()
    for it in p.all:
        if it.kind != "stop" or it.role != "verb" or it.used or not it.senses:
            continue
        if all(s.kind == "metric" and s.name in names for s in it.senses):
            told |= {s.name for s in it.senses}
    return sorted(told)


def _daily_before(x: Item) -> bool:
    """Whether ``x`` is a Chinese period word ("每天", "每月") written right before 平均."""
    return (
        x.kind == "role"
        and x.role.startswith("grainadj:")
        and any("\u4e00" <= ch <= "\u9fff" for ch in x.text)
    )


def _aggregation_before(p: ParseState, head: Item) -> str:
    """ "average" / "sum" when an aggregation word stands before ``head``, with at most two
    light words between ("平均飞行距离": 飞行 is a verb or a date word, not what is averaged),
    or "sum" when a Chinese total word follows it ("飞行距离合计": Chinese puts 合计/总和 after
    what it totals as often as before)."""
    k = p.all.index(head)
    for back in p.all[max(0, k - 3) : k][::-1]:
        text = back.text.strip()
        if back.kind == "role" and back.role == "avg":
            j = p.all.index(back)
            if j > 0 and _daily_before(p.all[j - 1]):
                return ""  # "每天平均距离": as much the mean daily total as the daily average
            return "average"
        if back.kind == "stop" and text in TOTAL_BEFORE_WORD:
            return "sum"
        if not (back.kind == "stop" or (back.kind == "role" and back.role == "axis")):
            break
    # a Chinese total word after the phrase, "的" at most between: "距离合计", "金额的总和"
    for nxt in p.all[k + 1 : k + 3]:
        text = nxt.text.strip()
        if nxt.kind == "stop" and text in TOTAL_AFTER_WORD:
            return "sum"
        if not (nxt.kind == "stop" and text == "的"):
            break
    return ""


def _aggregates(m: CatalogMetric | None, agg: str) -> bool:
    """Whether ``m`` is a simple metric aggregating by ``agg`` (average or sum)."""
    if m is None or m.metric_type != "simple":
        return False
    return m.agg == agg or (agg == "average" and m.agg == "avg")
