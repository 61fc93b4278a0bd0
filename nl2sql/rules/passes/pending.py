"""Pass: "permits to be issued", "orders yet to ship" — a state not reached yet.

Why a refusal: "to be <state>" and "yet to <state>" say the thing has *not* reached that
state ("invoices to be paid" are unpaid), while the state's word alone is a filter on it. Read word by word, the
question was answered with the things already in that state — the opposite set, a wrong
answer. The reading "not <state>" is likely but not certain ("expected to be delivered
tomorrow" asks about a schedule the model may not hold), so the question is refused with that
reading offered as a runnable suggestion.
"""

from __future__ import annotations

from nl2sql.rules.items import Item, Refusal
from nl2sql.rules.state import ParseState

#: words a pending state may open with ("yet to be paid", "still to be shipped")
_LEADS = frozenset({"yet", "still"})


def _states(it: Item) -> bool:
    """Whether ``it`` names a state: a value (a status, a yes/no flag) or an event verb."""
    if it.kind == "domain":
        return any(s.kind == "value" for s in it.senses)
    return it.role == "verb"


def _opening(words: list[Item], k: int) -> int | None:
    """Where the pending phrase before word ``k`` opens: "(yet|still) to be", "to be",
    "(yet|still) to"; None when ``k`` follows none of them."""
    low = [w.text.lower() for w in words[max(0, k - 3) : k]]
    low = [""] * (3 - len(low)) + low
    if low[1:] == ["to", "be"]:
        return k - 3 if low[0] in _LEADS else k - 2
    if low[1] in _LEADS and low[2] == "to":  # "yet to ship", "still to arrive"
        return k - 2
    return None


def refuse_pending_states(p: ParseState) -> None:
    """Refuse "to be <state>" and "yet to <state>", offering "not <state>" in its place."""
    words = p.all
    for k, it in enumerate(words):
        first = _opening(words, k)
        if first is None or not _states(it):
            continue
        question = p.result.question
        span = question[words[first].start : it.end]
        state = question[it.start : it.end]
        raise Refusal(
            f"'{span}' says it has not happened yet; ask for those not {state}",
            zh=f"“{span}”表示尚未发生；请改问未{state}的",
            words=[span, f"not {state}"],
            kind="replace",
        )
