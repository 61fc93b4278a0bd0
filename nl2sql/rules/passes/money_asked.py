"""Pass: "how much was paid for orders last month" — an amount asked, a count found.

Why: "how much", 多少钱 and a paying verb before 多少 (付了多少, 花了多少) ask for an amount of
money. When the words around them name only a count ("orders" is the order count's label;
"customers ... pay" the buyers count; "paid last month" the payment date), the reading ends
on that count, and the number of orders paid last month was answered where the money paid for
them was asked — a wrong answer, not a refusal. Every earlier pass reads its own words right;
only the whole reading shows the clash, so this check runs once the metrics are settled.

The question is asked back: the amount metrics the question's own words name (a word shared
with the metric, by lemma: "paid"/"pay"/"支付" (its payment date) -> "paid amount") each
written in as a runnable suggestion; with none, the model's money amounts recorded on the same
date axis as the count. "how many orders were paid", 多少订单支付了, 支付的订单数 are counts and
are kept (no amount cue, or 多少 before the counted noun).
"""

from __future__ import annotations

import re

from nl2sql.interpret import metric_label
from nl2sql.normalize import key_of
from nl2sql.rules.items import Item, Refusal
from nl2sql.rules.money import is_count_metric, is_money_metric
from nl2sql.rules.state import ParseState
from nl2sql.vocabulary.english import singular, verb_stems
from nl2sql.vocabulary.morphology import verb_lemmas
from semantic_layer.catalog import CatalogMetric

#: Chinese amount cues: 多少 with a money word after it, or a paying verb right before it and
#: nothing nominal after it (付了多少订单 counts orders: 多少 before a noun is "how many")
_ZH_CUE = re.compile(
    r"多少(?:钱|元|块|金额)"
    r"|(?:付|支付|付款|花|花费|花掉|退|退款|退还|收|收取|赚|消费|缴|缴纳|充值)了?多少(?![\u4e00-\u9fff])"
)
#: most suggestions offered when no word of the question names an amount
_MAX_FALLBACK = 3


def _cue(p: ParseState) -> tuple[int, int] | None:
    """Where the words asking for an amount are in the question (start, end), else None."""
    q = p.result.question
    if not q.isascii():
        m = _ZH_CUE.search(q)
        return (m.start(), m.end()) if m else None
    m = re.search(r"\bhow\s+much\b(?!\s+of\b)", q, re.IGNORECASE)
    if m:
        return m.start(), m.end()
    words = [it for it in p.all if it.text.strip()]
    for k, it in enumerate(words[:-1]):
        nxt = words[k + 1]
        verb = (nxt.kind == "role" and nxt.role == "axis") or (
            nxt.kind == "stop" and nxt.role == "verb"
        )
        if it.text.strip().lower() == "total" and verb:
            return it.start, it.end  # "total paid for orders last month": a verb after "total"
    return None


def _lemmas(word: str) -> set[str]:
    """A word with its singular and verb lemmas ("paid" -> paid, pay)."""
    w = word.lower()
    return {w, singular(w), *verb_lemmas(w)}


def _metric_words(m: CatalogMetric) -> set[str]:
    """The lemmas of a metric's name, label and measure words ("paid amount" -> pay, amount)."""
    out: set[str] = set()
    for w in {w for t in (m.name, m.label, m.measure) for w in key_of(t)}:
        out |= _lemmas(w) | set(verb_stems(w)[1:])
    return out


def _item_words(it: Item) -> set[str]:
    """The English words an item stands for: its own text when English, else the names of
    the model terms it was read as (支付 read as the payment date -> paid, at)."""
    if it.text.isascii():
        return {w for w in key_of(it.text)}
    return {w for s in it.senses for w in key_of(s.name.split("__")[-1])}


def _amounts(p: ParseState) -> list[CatalogMetric]:
    """The model's simple money amounts (sums of money, not counts)."""
    return [
        m
        for m in p.catalog.metrics
        if m.metric_type == "simple" and m.agg and not is_count_metric(m) and is_money_metric(m)
    ]


def _named_amounts(p: ParseState, words: set[str]) -> list[CatalogMetric]:
    """The amounts one of whose words is a word of the question (by lemma)."""
    lemmas = {x for w in words for x in _lemmas(w)} - {"amount", "total", "value"}
    return [m for m in _amounts(p) if _metric_words(m) & lemmas]


def _span(p: ParseState, cue: tuple[int, int]) -> tuple[int, int]:
    """The words that asked for the amount: from the cue to the counted noun or verb (English),
    or from the counted noun to the cue (Chinese); a time or a "by" ends them."""
    q = p.result.question
    stops = [it for it in p.all if it.kind == "time" or (it.kind == "role" and it.role == "group")]
    if q.isascii():
        after = [it.start for it in stops if it.start >= cue[1]]
        end = min(after) if after else len(q)
        return cue[0], len(q[:end].rstrip())
    before = [it.end for it in stops if it.end <= cue[0]]
    start = max(before) if before else 0
    return start + len(q[start : cue[0]]) - len(q[start : cue[0]].lstrip()), cue[1]


def refuse_count_for_money(p: ParseState) -> None:
    """Ask back a question that asks for money ("how much", 多少钱) but reads as a count."""
    if p.counted or not p.metrics:
        return
    metrics = [p.catalog.metric(name) for name in p.metrics]
    if not all(m is not None and is_count_metric(m) for m in metrics):
        return
    cue = _cue(p)
    if cue is None:
        return
    start, end = _span(p, cue)
    words = {
        w
        for it in p.all
        if start <= it.start < end and not any(s.kind in ("entity", "metric") for s in it.senses)
        for w in _item_words(it)
    }
    found = _named_amounts(p, words)
    if not found:
        axes = {m.agg_time_dimension for m in metrics if m is not None}
        found = [m for m in _amounts(p) if m.agg_time_dimension in axes][:_MAX_FALLBACK]
    q = p.result.question
    lang = "en" if q.isascii() else "zh"
    span = q[start:end]
    counts = " / ".join(metric_label(p.catalog, name, lang) for name in p.metrics)
    labels = [metric_label(p.catalog, m.name, lang) for m in found]
    shown = " or ".join(f"'{x}'" for x in labels) or "an amount of money"
    raise Refusal(
        f"'{span}' asks for an amount of money, and {counts} counts things; "
        f"ask for {shown} instead",
        zh=f"“{span}”问的是金额，而{counts}是计数；请改问{'或'.join(labels) or '金额指标'}",
        words=[span, *labels],
        kind="replace",
    )
