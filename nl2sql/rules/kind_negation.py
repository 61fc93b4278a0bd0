"""A prefix negation before a flag that names the row's own kind: "非重复退款", "non-repeat
boardings" — asked back, never read one way.

Why: a flag ``is_<words>_<kind>`` whose last word is a value of its rows' class dimension
("refund" of ``transaction_type``, ``rules.row_kind_flags``) says of each row that it *is* such
a thing. Negated by a word written before what it excludes as *a prefix of a noun* (non-, 非),
the words read two ways that give different numbers: the things of that kind which are not
flagged ("non-duplicate refunds": refunds that are no duplicates) or every row that is not a
flagged one (the refunds' duplicates excluded from all transactions). The flag alone was read
as the second (``flag = 0`` over every row): a wrong number for the first reading (issue #12,
session 26: 非重复退款的交易笔数). "Transactions that are not duplicate refunds" negates a
predicate, not a noun, and keeps the one reading (every other row). The refusal offers the
question with each reading written out in place of the words (a ``replace`` refusal),
verified runnable by the suggestions.
"""

from __future__ import annotations

import re

from nl2sql.negation_words import PREFIX_NEGATIONS
from nl2sql.rules.items import Item, Refusal
from nl2sql.rules.row_kind_flags import row_kind_count
from nl2sql.rules.state import ParseState
from nl2sql.vocabulary.english import name_words


def _is_cjk(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def _noun_after(p: ParseState, flag: Item) -> Item | None:
    """The entity or metric noun right after the flag ("non-repeat boarding *stays*"); read in
    the full item list, since a noun taken as context has left the working one."""
    k = p.all.index(flag)
    nxt = next((x for x in p.all[k + 1 :] if x.text.strip()), None)
    if nxt is None or nxt.kind != "domain" or _is_cjk(nxt.text):
        return None
    return nxt if any(s.kind in ("entity", "metric") for s in nxt.senses) else None


def _readings(
    question: str, neg: Item, flag: Item, noun: Item | None, kind: str, things: str
) -> list[str]:
    """The words as said in ``question``, then each reading written out in their place (the
    kind kept first, then every other row); [] when they are not found as said. ``things``
    names the rows when no noun follows the flag (their count metric's label)."""
    said_neg, said_flag = neg.text.strip(), flag.text.strip()
    if _is_cjk(said_neg):
        found = re.search(re.escape(said_neg) + r"\s*" + re.escape(said_flag), question)
        if found is None:
            return []
        heads = [said_flag[-2:], kind] if len(said_flag) > 2 else [kind]
        return [
            found.group(0),
            *(f"{h}中不是{said_flag}" for h in heads),
            f"不是{said_flag}",
        ]
    tail = r"\s+" + re.escape(noun.text.strip()) if noun is not None else ""
    found = re.search(
        r"\b" + re.escape(said_neg) + r"[\s-]*" + re.escape(said_flag) + tail, question, re.I
    )
    if found is None:
        return []
    if noun is None and things.lower().rstrip("s") in question[: found.start()].lower():
        return []  # "transactions that are non-duplicate refunds": no place for a rewrite
    rows = noun.text.strip() if noun is not None else things
    return [
        found.group(0),
        f"{kind} {rows} that are not {said_flag}",
        f"{rows} that are not {said_flag}",
    ]


def ask_negated_kind(p: ParseState, flag: Item, dimension: str) -> None:
    """Raise :class:`Refusal` when the flag item ``flag`` (read as ``dimension``) is negated by
    a noun prefix (:data:`PREFIX_NEGATIONS`) right before it and names its rows' own kind."""
    k = p.its.index(flag)
    neg = p.at(k - 1)
    if neg is None or neg.kind != "role" or neg.text.strip().lower() not in PREFIX_NEGATIONS:
        return
    counted = row_kind_count(p.catalog, dimension)
    if counted is None:
        return
    metric = p.catalog.metric(counted)
    things = (metric.label or metric.name) if metric is not None else counted
    kind = name_words(dimension.rpartition("__")[2])[-1].lower()
    said = f"{neg.text.strip()}{'' if _is_cjk(neg.text) else '-'}{flag.text.strip()}"
    raise Refusal(
        f"'{said}' reads two ways: the {kind} rows that are not {flag.text.strip()}, or every "
        f"row that is not one; say which",
        zh=f"“{said}”有两种理解：{kind}中不是{flag.text.strip()}的，或所有不是"
        f"{flag.text.strip()}的记录；请说明是哪一种",
        words=_readings(p.result.question, neg, flag, _noun_after(p, flag), kind, things),
        kind="replace",
    )
