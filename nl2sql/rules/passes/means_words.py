"""Pass: 通过 / 经由 / 借助 ("by way of") right before a value is the preposition of that value.

Why: Chinese names the means of an event with a preposition before it — 通过app支付的停车次数
("sessions paid through the app"), as 用app支付 does with 用, which is a grammar word already.
通过 was an unknown word and the question was refused, though the value after it (``app`` of a
payment method) is the whole condition. 通过 is also a verb ("to pass": 审核通过的申请 are the
approved applications), so it is read as the preposition only when a value of the model follows
it directly; anywhere else it stays what it was (unknown, or a term of the model).
"""

from __future__ import annotations

from nl2sql.rules.state import ParseState

#: prepositions of means ("through", "via", "with the help of"), read only before a value
MEANS_PREPOSITIONS = frozenset({"通过", "经由", "借助"})


def absorb_means_prepositions(p: ParseState) -> None:
    """Make each means preposition written right before a value a grammar word."""
    for k, it in enumerate(p.all[:-1]):
        nxt = p.all[k + 1]
        if (
            it.kind == "unknown"
            and it.text in MEANS_PREPOSITIONS
            and nxt.kind == "domain"
            and it.end == nxt.start
            and any(s.kind == "value" for s in nxt.senses)
        ):
            it.kind, it.used = "stop", True
    p.its = [it for it in p.all if it.kind != "stop"]
