""" "orders not shipped" where the status also holds "awaiting_shipment": one stage of several.

Why: a status column records where each row is *now*. "not shipped" read as
``order_status != 'shipped'`` kept every delivered and completed order — orders that were
shipped and moved on — and answered the GMV of nearly all orders (24.9M of 25.0M on the demo
warehouse) where the orders still waiting to ship were asked for (0.9M). The model itself shows
that the event has stages when the same column holds another value naming that event as not
done yet ("awaiting_shipment", "pending_payment" beside "paid"): the negated word then names an
event, not just one value, and which rows it leaves is the model's lifecycle, which it does
not state. The question is asked back, each reading a runnable suggestion: the waiting value(s),
and the value excluded as written.

Kept as they were: a negated value whose event no other value names ("not cancelled": a final
state, ``!= 'cancelled'``), a negated value that is no verb form ("not tmall"), and the positive
value ("shipped orders" = ``= 'shipped'``).
"""

from __future__ import annotations

from nl2sql.normalize import key_of
from nl2sql.rules.items import Refusal
from nl2sql.rules.state import ParseState
from nl2sql.vocabulary.english import verb_stems
from nl2sql.vocabulary.morphology import verb_lemmas


def _event(value: str) -> str | None:
    """The verb a one-word value is an inflected form of ("shipped" -> ship), else None."""
    words = key_of(value)
    if len(words) != 1:
        return None
    w = words[0]
    lemmas = [x for x in verb_lemmas(w) if x != w]
    return lemmas[0] if lemmas else None


def _names_event(value: str, event: str, negated: str) -> bool:
    """Whether a value's words name ``event`` by its noun ("awaiting_shipment": shipment, from
    ship; "pending_payment": payment, from pay) or the negated word's opposite ("unpaid"). A
    value that repeats the verb itself ("partially_refunded" beside "refunded") is a variant of
    that stage, not its waiting state: "excluding refunded" stays ``!= 'refunded'``."""
    for w in key_of(value):
        if w == f"un{negated}":
            return True
        if w == event or (event in verb_stems(w)[1:] and event not in verb_lemmas(w)):
            return True  # the event as a noun (dispatch, shipment, payment), not its -ed form
    return False


def _span(p: ParseState, dim: str, value: str) -> tuple[int, int] | None:
    """Where "not <value>" is written: the value's item and the negation next to it; None when
    the dimension itself is named ("order status not shipped" asks for the column as written)."""
    its = p.its
    for x in its:
        if x.kind == "domain" and any(s.kind == "dimension" and s.name == dim for s in x.senses):
            return None
    for i, x in enumerate(its):
        sense = x.sense
        if sense is None or sense.kind != "value" or sense.name != dim or sense.value != value:
            continue
        negs = [its[j] for j in (i - 1, i + 1) if p.role_at(j, "neg")]
        items = [x, *negs]
        return min(y.start for y in items), max(y.end for y in items)
    return None


def refuse_negated_stage(p: ParseState, dim: str, value: str) -> None:
    """Ask back "not <value>" when another value of ``dim`` names the same event."""
    event = _event(value)
    d = p.catalog.dimension(dim)
    if event is None or d is None:
        return
    stages = [v for v in d.values if v != value and _names_event(v, event, key_of(value)[0])]
    span = _span(p, dim, value) if stages else None
    if span is None:
        return
    label = d.label or dim.split("__")[-1].replace("_", " ")
    written = p.result.question[span[0] : span[1]]
    literal = f"with {label} not {value}" if written.isascii() else f"{label}不是{value}"
    shown = " or ".join(f"'{v}'" for v in stages)
    raise Refusal(
        f"'{written}' may mean {label} {shown} (not {value} yet) or any {label} but "
        f"'{value}' (which also keeps rows {value} earlier and past that stage now); say which",
        zh=f"“{written}”可能指{label}为{'或'.join(stages)}（尚未{value}），也可能指{label}不是"
        f"{value}的全部（包括已{value}且已进入后续状态的）；请说明是哪一个",
        words=[written, *stages, literal],
        kind="replace",
    )
