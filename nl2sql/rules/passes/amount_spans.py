"""Pass: "orders with GMV from 2000 to 2100" — years, or a range of each row's amount? Ask.

Why: the English year span ("from 2019 to 2021", ``nl2sql.year_spans``) is read before any
rule sees the amount word in front of it. After "with / having / whose <amount>" the pair is
as likely the amount's own range; taken as years, "orders with GMV from 2000 to 2100" counted
every order placed 2000-2100 (20,000 where 207 have such a GMV; probes18) and the amount word
was silently absorbed. Session 17 refused the same shape with an article ("a GMV from …",
``year_spans._ONE_THINGS_VALUE``); without one it still answered. The question is refused,
offering the span written first (the dates reading).

Left alone: a span after a count ("customers with orders from 2024 to 2025": orders placed
in those years), a span with no "with / having / whose" before the amount ("GMV from 2019
to 2021"), and a span already written first ("from 2019 to 2021, orders with GMV").
"""

from __future__ import annotations

import re

from nl2sql.rules.items import Item, Refusal
from nl2sql.rules.state import ParseState
from semantic_layer.measure_facts import counts_rows

#: the English span of whole years, as ``nl2sql.year_spans`` reads it
FROM_SPAN = re.compile(r"^from\s+(\d{4})\s+(?:to|through|thru|until|till)\s+(\d{4})$", re.I)
#: words that make the next noun a condition on each row ("orders *with* GMV …")
_ROW_CONDITION = frozenset({"with", "having", "whose", "where", "had", "has", "have"})


def _amount_before(p: ParseState, time_item: Item) -> Item | None:
    """The metric word right before ``time_item`` when it names an amount (no row count)."""
    k = next((n for n, y in enumerate(p.all) if y is time_item), -1)
    prev = next((y for y in reversed(p.all[:k]) if y.text.strip() and y.kind != "stop"), None)
    if prev is None or prev.kind != "domain":
        return None
    metrics = [p.catalog.metric(s.name) for s in prev.senses if s.kind == "metric"]
    if not metrics or any(m is None or counts_rows(m.agg, m.measure_expr) for m in metrics):
        return None
    return prev


def ask_amount_span(p: ParseState) -> None:
    """Refuse "with <amount> from A to B" read as years (see the module's docstring)."""
    if p.result.time is None:
        return
    it = next((x for x in p.all if x.kind == "time" and x.time is p.result.time), None)
    span = FROM_SPAN.match(it.text.strip()) if it is not None else None
    if it is None or span is None:
        return
    amount = _amount_before(p, it)
    if amount is None:
        return
    before = p.result.question[: amount.start].split()
    if not before or before[-1].lower() not in _ROW_CONDITION:
        return
    q = p.result.question
    said, word = q[it.start : it.end], q[amount.start : amount.end]
    rest = " ".join(f"{q[: it.start]} {q[it.end :]}".split())
    a, b = span.group(1), span.group(2)
    raise Refusal(
        f"'{word} {said}': I can't tell whether {a} and {b} are years or values of "
        f"{word}; for the dates, put the time first ('{said}, {rest}')",
        zh=f"“{word} {said}”：无法确定{a}和{b}是年份还是{word}的取值；"
        f"指日期请把时间写在前面（“{said}, {rest}”）",
        words=[f"{said}, {rest}"],
        kind="questions",
    )
