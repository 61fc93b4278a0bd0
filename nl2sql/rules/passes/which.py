"""Pass: "which channel ...", "哪个渠道...": group by the noun the question word picks.

A "which" not followed by such a noun ("京东和天猫哪个GMV高") is a choice between values named
elsewhere; it is remembered in ``p.open_which`` so the values pass compares them side by side.

"What" is a determiner only when no verb stands between it and the noun: in "what was the
parking revenue" it is the pronoun of "what was X", and a noun said right before a metric
("parking revenue", "widget sales") names the metric's kind, not the rows to split it by —
read as "which" it grouped the total by every row of that entity (a wrong answer). "What is
the lot with the most revenue" still groups: there the noun is not a metric's modifier.
"""

from __future__ import annotations

from nl2sql.rules.items import Item
from nl2sql.rules.state import ParseState
from nl2sql.rules.value_or_group import drop_unreachable_values

#: the copulas that make "what" the pronoun of "what is X" rather than a determiner
_COPULAS = frozenset({"is", "was", "are", "were", "'s", "be", "been"})


def _modifies_metric(p: ParseState, which: Item, noun: Item) -> bool:
    """Whether ``noun`` follows a copula after ``which`` and is said right before a metric."""
    between = [it for it in p.all if which.end <= it.start and it.end <= noun.start]
    if not any(it.kind == "stop" and it.text.lower() in _COPULAS for it in between):
        return False
    after = next((it for it in p.all if it.start >= noun.end), None)
    return after is not None and after.kind == "domain" and after.is_kind("metric")


def _thing(x: Item | None) -> bool:
    """A dimension or entity word that is not also a value."""
    return (
        x is not None
        and x.kind == "domain"
        and (x.is_kind("dimension") or x.is_kind("entity"))
        and not x.is_kind("value")
    )


def _modifier(x: Item | None) -> bool:
    """A value (市区, "downtown") or a negation (非, "non") said before a noun."""
    if x is None or x.used:
        return False
    if x.kind == "role":
        return x.role == "neg"
    return x.kind == "domain" and x.is_kind("value") and not _thing(x)


def _listed_noun(p: ParseState, i: int) -> int | None:
    """The noun a "which" at ``i`` lists when values (or a negation) stand between them
    ("有哪些非市区分馆", "which downtown branches"), or when it ends the question right after
    the noun ("市区分馆有哪些"). Why: read as an open "which", no group was made and the rows
    were *counted* ("branch count = 3") where the question lists them — a wrong answer."""
    j = i + 1
    while _modifier(p.at(j)):
        j += 1
    if j > i + 1 and _thing(p.at(j)):
        return j
    if p.at(i + 1) is None and i > 0 and _thing(p.at(i - 1)) and _modifier(p.at(i - 2)):
        return i - 1
    return None


def read_which(p: ParseState) -> None:
    """Group by the dimension/entity right after each "which" word."""
    for i, it in enumerate(p.its):
        if it.kind != "role" or it.role != "which":
            continue
        nxt = p.at(i + 1)
        it.used = True
        listed = _listed_noun(p, i)
        if listed is not None:
            noun = p.its[listed]
            name = p.group_name(noun)
            if name:
                p.add_group(name)
                noun.used = True
                continue
        if (
            nxt is not None
            and nxt.kind == "domain"
            and (nxt.is_kind("dimension") or nxt.is_kind("entity"))
            and (not nxt.is_kind("value") or drop_unreachable_values(p, nxt))
        ):
            if it.text.lower() == "what" and _modifies_metric(p, it, nxt):
                continue
            name = p.group_name(nxt)
            if name:
                p.add_group(name)
                nxt.used = True
        else:
            p.open_which = True
