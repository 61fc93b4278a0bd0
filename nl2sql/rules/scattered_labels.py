"""A metric label said with its words apart: "how much funding was awarded" is Awarded Funding.

Why: a label is matched as a phrase, so "funding ... awarded" left "funding" a partial name
(asked back: "'funding' could mean Awarded Funding; say which one") and "awarded" unknown,
although every word of the label is in the question (a session-18 fresh project showed it). When an unknown word's only readings
are partial names of one metric, and each other word of that metric's label is another
unknown word of the question (compared by lemma: "award" / "awarded"), the words together are
that metric. Only unknown words count: a word the model reads otherwise ("funding by program")
is not taken from its reading, and a label word missing from the question leaves the
clarification as it was.
"""

from __future__ import annotations

from dataclasses import replace

from nl2sql.lexicon import Sense, normalize
from nl2sql.rules.items import Item
from nl2sql.rules.money_words import is_money_metric
from nl2sql.rules.state import ParseState
from nl2sql.vocabulary import morphology
from nl2sql.vocabulary.english import singular


def _forms(word: str) -> set[str]:
    """A word's lower case, singular and verb lemmas ("called" → call)."""
    w = word.lower()
    return {w, singular(w), *morphology.verb_lemmas(w)}


def settle_scattered_labels(p: ParseState) -> None:
    """Turn an unknown partial metric name whose other label words are all said into it."""
    unknown = [it for it in p.its if it.kind == "unknown" and it.text.isascii()]
    # a verb form read by ``read_verbs`` ("called") is no model term either
    loose = [
        it
        for it in p.all
        if it.text.isascii() and (it.kind == "unknown" or (it.kind == "stop" and it.role == "verb"))
    ]
    for it in unknown:
        senses = p.lex.clarify.get(normalize(it.text), [])
        metrics = {s.name for s in senses if s.kind == "metric"}
        if len(metrics) != 1 or len(senses) != 1:
            continue
        sense = senses[0]
        m = p.catalog.metric(sense.name)
        if m is None:
            continue
        label = [w for w in normalize(m.label).split() if w.isalpha()]
        own = _forms(it.text)
        others = [w for w in label if not (_forms(w) & own)]
        if len(others) != len(label) - 1 or not others:
            continue
        said: list[Item] = []
        for w in others:
            hit = next(
                (x for x in loose if x is not it and x not in said and _forms(x.text) & _forms(w)),
                None,
            )
            if hit is None:
                break
            said.append(hit)
        else:
            new = Item(
                "domain",
                it.text,
                it.start,
                it.end,
                senses=[replace(sense, strong=False, via=m.label)],
            )
            p.all[p.all.index(it)] = new
            p.its[p.its.index(it)] = new
            for x in said:
                p.all[p.all.index(x)] = Item("stop", x.text, x.start, x.end)
            p.its = [x for x in p.all if x.kind != "stop"]
            return


def settle_told_apart(p: ParseState) -> None:
    """An unknown word (or a term) read weakly as several metrics ("units": Quantity Baked or Discarded
    Quantity) is the one metric whose own label word the question says right beside it
    ("units discarded", "quantity baked", "how many units were discarded").

    Why: the word alone fits every candidate, so the question was asked back although the word
    next to it tells them apart; "discarded units" (the label's order) was already read. A label
    word tells its metric apart only when no other candidate's label has it (compared by
    lemma); it must stand right before or after the word (a form of "to be" may stand between),
    unread by anything else (unknown, a verb form, or the verb picking a time axis, which keeps
    that reading). When another candidate's own word is said anywhere, or none is, or a
    negation stands between ("units not discarded"), the question is asked back as before.
    """
    loose = [
        x
        for x in p.all
        if x.text.isascii()
        and (x.kind == "unknown" or (x.kind in ("stop", "role") and x.role in ("verb", "axis")))
    ]
    for k, it in enumerate(p.all):
        if not it.text.isascii():
            continue
        senses = _weak_metric_readings(p, it)
        if len(senses) < 2 or any(s.kind != "metric" for s in senses):
            continue
        labels = {}
        for s in senses:
            m = p.catalog.metric(s.name)
            if m is None:
                break
            labels[s.name] = (m.label, {f for w in normalize(m.label).split() for f in _forms(w)})
        else:
            near = {id(x) for x in (_said(p.all, k, -1), _said(p.all, k, 1)) if x is not None}
            told = []
            for s in senses:
                others = {f for n, (_, fs) in labels.items() if n != s.name for f in fs}
                own = labels[s.name][1] - others - _forms(it.text)
                told += [(s, x) for x in loose if x is not it and _forms(x.text) & own]
            if len(told) != 1 or id(told[0][1]) not in near:
                continue
            sense, word = told[0]
            new = Item(
                "domain",
                it.text,
                it.start,
                it.end,
                senses=[replace(sense, via=labels[sense.name][0])],
            )
            p.all[k] = new
            if word.kind != "role":  # a time axis's verb stays that axis
                p.all[p.all.index(word)] = Item("stop", word.text, word.start, word.end)
            p.its = [x for x in p.all if x.kind != "stop"]
            return


def _weak_metric_readings(p: ParseState, it: Item) -> list[Sense]:
    """An unknown word's weak readings, or a term's when every one is a weak metric reading
    ("applications" reaching "Applications finished" and "Applications that arrived" through
    the label words they share: the same ask-back as an unknown word's)."""
    if it.kind == "unknown":
        return list(p.lex.clarify.get(normalize(it.text), []))
    if it.kind == "domain" and all(s.kind == "metric" and not s.strong for s in it.senses):
        return list(it.senses)
    return []


#: forms of "to be" that may stand between a noun and its participle ("units were returned")
_BE = frozenset({"is", "are", "was", "were", "been", "being", "be"})


def _said(items: list[Item], k: int, step: int) -> Item | None:
    """The first item from ``k`` in direction ``step``, spaces and forms of "to be" skipped."""
    j = k + step
    while 0 <= j < len(items) and (
        not items[j].text.strip() or items[j].text.strip().lower() in _BE
    ):
        j += step
    return items[j] if 0 <= j < len(items) else None


#: words saying "the total amount of" right after a word (退款总额, "refund amount")
_AMOUNT_AFTER = frozenset({"总额", "金额", "总金额", "amount", "total"})


def settle_amount_of_value_word(p: ParseState) -> None:
    """ "<word>总额": a word read only weakly as a money metric and as values spelt the same
    (a metric "Refunds" and a payment kind ``refund``), with an amount word right after it,
    is the metric.

    Why: the bridge reached both readings equally and the question was asked back ("'<word>'
    could mean Refunds or refund"), while "the total amount of refunds" is that money metric;
    the values would need another amount to sum. Only when the metric is money, its label is
    the values' own word, an amount word follows and the question names no other metric;
    "<word>笔数" (a count) or "<word>是多少" stay asked back.
    """
    for k, it in enumerate(p.all):
        if it.kind != "unknown":
            continue
        senses = p.lex.clarify.get(normalize(it.text), [])
        metrics = [s for s in senses if s.kind == "metric"]
        values = [s for s in senses if s.kind == "value"]
        if len(metrics) != 1 or not values or len(metrics) + len(values) != len(senses):
            continue
        m = p.catalog.metric(metrics[0].name)
        if m is None or not is_money_metric(m):
            continue
        label = normalize(m.label).split()
        if len(label) != 1 or any(
            singular(str(s.value or "").lower()) != singular(label[0]) for s in values
        ):
            continue
        nxt = next((x for x in p.all[k + 1 :] if x.text.strip()), None)
        if nxt is None or nxt.text.strip().lower() not in _AMOUNT_AFTER:
            continue
        if any(x.kind == "domain" and x.is_kind("metric") for x in p.its):
            continue
        new = Item("domain", it.text, it.start, it.end, senses=[replace(metrics[0], via=m.label)])
        p.all[k] = new
        p.its[p.its.index(it)] = new
        return
