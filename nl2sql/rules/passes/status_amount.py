"""Pass: "total refunded for damaged returns" — a status value that is also an amount's word.

Why: a status dimension often holds a value ('Paid', 'Refunded', 'Shipped') whose word also
names an amount measure (``paid_amount``, "Store Refunded Amount"). Read as the status filter,
"total refunded for damaged returns" became a *count* of the refunded returns where the sum
of the refunded amount was asked. When the word is asked for as an amount — right after "total",
"sum of" or "how much" — and it names exactly one amount metric of the model, and the question
names no other metric, the word is that metric. Kept as they were: "how many refunded returns"
(a count of a status) and "total requested amount of refunded returns" (another metric,
filtered by the status).

Asked back instead of answered: "total refunded returns" — the value before a noun may describe
the noun (a count of the refunded returns: "total" as in "total orders") or name the amount
("total refunded", the sum). Both are common, so the question is refused with each reading
written out as a runnable suggestion ("number of refunded returns", "Store Refunded Amount").
So is "total paid" when the word names two amount metrics ("Cash Paid Amount", "Credit Paid
Amount"): picking one would be a guess.
"""

from __future__ import annotations

from nl2sql.interpret import metric_label
from nl2sql.lexicon import Sense
from nl2sql.normalize import key_of
from nl2sql.rules.items import Item, Refusal
from nl2sql.rules.money import is_count_metric
from nl2sql.rules.state import ParseState
from nl2sql.vocabulary.english import singular
from nl2sql.vocabulary.morphology import verb_lemmas
from semantic_layer.catalog import CatalogMetric

#: words that ask for an amount of what follows ("total X", "sum of X", "how much X")
_AMOUNT_CUES = (("total",), ("sum", "of"), ("sum",), ("how", "much"))
#: Chinese words after a verb or value that ask for its amount ("退款总额", "支付合计")
_ZH_AMOUNT_CUES = frozenset({"总额", "总计", "合计", "总和", "金额"})
#: light words that may stand between the cue and the word ("sum of the paid")
_LIGHT = frozenset({"the", "of"})
#: a verb "to be" between "how much" and the word ("how much was paid")
_COPULAS = frozenset({"was", "were", "is", "are", "been", "has", "have", "had"})


def _cue_start(p: ParseState, pos: int) -> int | None:
    """Where the words asking for an amount of ``p.all[pos]`` begin ("total", "sum of",
    "how much" right before it, light words allowed between); None when none does."""
    before = [k for k, x in enumerate(p.all[:pos]) if x.text.strip()]
    low = [p.all[k].text.strip().lower() for k in before]
    while low and low[-1] in _LIGHT and low[-2:] != ["sum", "of"]:
        low.pop()
    copula = False
    while low and low[-1] in _COPULAS:
        low.pop()
        copula = True
    for cue in _AMOUNT_CUES[-1:] if copula else _AMOUNT_CUES:
        if len(low) >= len(cue) and tuple(low[-len(cue) :]) == cue:
            return before[len(low) - len(cue)]
    return None


def _lemmas(word: str) -> set[str]:
    """A word's singular and verb lemmas ("refunded" -> refund, "paid" -> pay)."""
    w = word.lower()
    return {singular(w), *verb_lemmas(w)}


def _words(m: CatalogMetric) -> set[str]:
    """The words of a metric's name, label and measure name (singular and verb lemmas)."""
    return {x for t in (m.name, m.label, m.measure) for w in key_of(t) for x in _lemmas(w)}


def _amount_metrics(p: ParseState, word: str) -> list[CatalogMetric]:
    """The model's amount (not count) simple metrics one of whose words is ``word`` (by lemma:
    "refunded" names Refund Amount)."""
    w = _lemmas(word)
    return [m for m in p.catalog.metrics if _is_amount(m) and w & _words(m)]


def _axis_amount(p: ParseState, pos: int, x: Item) -> None:
    """ "how much was refunded last month": a verb read as a date ("refunded" = the refund
    date) after an amount cue, with no noun after it, is the one amount metric it names; the
    question named no metric, and "how much" asks for an amount, never a count."""
    if _cue_start(p, pos) is None or len(key_of(x.text)) != 1:
        return
    nxt = next((y for y in p.all[pos + 1 :] if y.text.strip()), None)
    if nxt is not None and nxt.kind != "time":
        return
    found = _amount_metrics(p, x.text.strip())
    if len(found) == 1:
        # the metric joins the date word, which still says which date the time is on
        p.all.insert(
            pos, Item("domain", x.text, x.start, x.start, senses=[Sense("metric", found[0].name)])
        )
        p.its = [it for it in p.all if it.kind != "stop"]


def _is_amount(m: CatalogMetric) -> bool:
    """A simple metric that adds up (or averages) a column, not one that counts rows."""
    return m.metric_type == "simple" and bool(m.agg) and not is_count_metric(m)


def _zh_verb_amounts(p: ParseState) -> None:
    """ "退款总额": a verb whose readings are a status value and one amount metric, followed by
    a word asking for an amount, is that metric (left a verb, the question named no metric)."""
    for k, x in enumerate(p.all):
        if x.kind != "stop" or x.role != "verb" or not any(s.kind == "value" for s in x.senses):
            continue
        nxt = next((y for y in p.all[k + 1 :] if y.text.strip()), None)
        if nxt is None or nxt.text.strip() not in _ZH_AMOUNT_CUES:
            continue
        names = {s.name for s in x.senses if s.kind == "metric"}
        found = [m for m in p.catalog.metrics if m.name in names and _is_amount(m)]
        if len(found) == 1:
            p.all[k] = Item(
                "domain", x.text, x.start, nxt.end, senses=[Sense("metric", found[0].name)]
            )
            nxt.used = True
    p.its = [it for it in p.all if it.kind != "stop"]


def _ask_back(p: ParseState, start: int, x: Item, noun: Item | None) -> None:
    """Refuse "total <value> [<noun>]" with each reading written out: the count of the rows
    in that state (when a noun follows) and each amount metric the word names."""
    q = p.result.question
    found = _amount_metrics(p, x.text.strip())
    end = noun.end if noun is not None else x.end
    span = q[p.all[start].start : end]
    value = q[x.start : x.end]
    readings = [f"number of {value} {q[noun.start : noun.end]}"] if noun is not None else []
    readings += [metric_label(p.catalog, m.name, "en") for m in found]
    amounts = " or ".join(f"'{metric_label(p.catalog, m.name, 'en')}'" for m in found)
    count = f"the number of {value} {q[noun.start : noun.end]} or " if noun is not None else ""
    raise Refusal(
        f"'{span}' may ask for {count}{amounts}: say which",
        zh=f"“{span}”可能指{'、'.join(readings)}：请说明是哪一个",
        words=[span, *readings],
        kind="replace",
    )


def _rows_after_for(p: ParseState, nxt: Item | None) -> Item | None:
    """The entity noun right after a "for" that follows the value word, else None."""
    if nxt is None or nxt.text.strip().lower() != "for":
        return None
    k = p.all.index(nxt)
    noun = next((y for y in p.all[k + 1 :] if y.text.strip()), None)
    return noun if noun is not None and noun.kind == "domain" and noun.is_kind("entity") else None


def read_status_amounts(p: ParseState) -> None:
    """A lone value word asked for as an amount is the one amount metric it names; asked back
    when it may also describe the noun after it, or names several amount metrics."""
    named = [x for x in p.its if x.kind == "domain" and any(s.kind == "metric" for s in x.senses)]
    if named and not all(x.is_kind("entity") for x in named):
        return  # another metric is named: the value is its filter
    if not named:
        _zh_verb_amounts(p)
        for pos, x in enumerate(p.all):
            if x.kind == "role" and x.role == "axis":
                _axis_amount(p, pos, x)
    for pos, x in enumerate(p.all):
        if x.kind != "domain" or not x.senses or any(s.kind != "value" for s in x.senses):
            continue
        start = _cue_start(p, pos) if len(key_of(x.text)) == 1 else None
        if start is None:
            continue
        found = _amount_metrics(p, x.text.strip())
        nxt = next((y for y in p.all[pos + 1 :] if y.text.strip()), None)
        noun = nxt if nxt is not None and nxt.kind == "domain" and nxt.is_kind("entity") else None
        if found and noun is not None and all(y is noun for y in named):
            # "total refunded returns": a count of those returns, or the refunded amount (the
            # noun may also be its count metric's label: "orders")
            _ask_back(p, start, x, noun)
        after = _rows_after_for(p, nxt)
        if found and after is not None and all(y is after for y in named):
            # "total paid for invoices", "how much was paid for invoices": the word is a verb,
            # but the noun after "for" is also its count metric's label, so the question names
            # a count too: asked back rather than answered with the count of the paid rows
            _ask_back(p, start, x, after)
        if named:
            continue  # a noun that is also a count metric's label ("total orders") stays one
        if len(found) > 1:
            _ask_back(p, start, x, None)  # "total paid": which of its amount metrics
        if len(found) == 1:
            x.senses = [Sense("metric", found[0].name)]
