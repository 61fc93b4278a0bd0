"""A count word before a metric that sums money: "number of cancellations", "取消笔数".

Why: a model may name a money sum after its event ("Cancellations" = the USD value of the
cancelled transactions). "number of cancellations" asks how many there were, but the count
word was taken as naming that metric (every simple metric read as a number) or dropped, and
the USD total was answered as the count — a wrong answer. A count of money has no reading the
model gives, so the question is refused, naming the amount; the amount itself is offered as
the runnable reading, since the asker may have meant it.
"""

from __future__ import annotations

from nl2sql.interpret import metric_label
from nl2sql.rules.items import Item, Refusal
from nl2sql.rules.money import is_count_metric, is_money_metric
from nl2sql.rules.state import ParseState


def money_only(p: ParseState, it: Item | None) -> bool:
    """Whether every reading of ``it`` is a metric summing money (no entity, value or count)."""
    if it is None or it.kind != "domain" or it.used or not it.senses:
        return False
    if any(s.kind != "metric" for s in it.senses):
        return False
    metrics = [p.catalog.metric(s.name) for s in it.senses]
    return all(
        m is not None
        and m.metric_type == "simple"
        and is_money_metric(m)
        and not is_count_metric(m)
        for m in metrics
    )


def refuse_count_of_money(p: ParseState, count: Item, it: Item) -> None:
    """Refuse "<count word> <money metric>" (or "<money metric><count suffix>")."""
    q = p.result.question
    start, end = min(count.start, it.start), max(count.end, it.end)
    span = q[start:end]
    names = [s.name for s in it.senses]
    en = " or ".join(metric_label(p.catalog, n, "en") for n in names)
    zh = "或".join(metric_label(p.catalog, n, "zh") for n in names)
    raise Refusal(
        f"'{span}' asks for a number of things, and {en} is an amount of money, not a count; "
        f"ask for {en} itself, or name what to count",
        zh=f"“{span}”问的是个数，而{zh}是金额，不是计数；请直接问{zh}，或说明要统计的对象",
        words=[
            span,
            *(metric_label(p.catalog, n, "zh" if not q.isascii() else "en") for n in names),
        ],
        kind="replace",
    )
