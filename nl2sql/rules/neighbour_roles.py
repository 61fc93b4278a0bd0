"""Tokens whose meaning their neighbours decide, read once every word is matched.

Why its own module: tokenizing (:mod:`nl2sql.rules.tokenize`) matches each span of the question
on its own; a few words mean something only next to another item — "no" after "with" before a
model word (no rows), a verb of movement before a value with a side ("leaving LGA"), "times"
after a number (occasions), a bare number beside no dimension of its values (a number, not a
value) — and these passes over the finished item list are a job of their own.
"""

from __future__ import annotations

from nl2sql.lexicon import Lexicon
from nl2sql.rules.items import Item
from nl2sql.rules.roles import FROM_VERBS, MOTION_LINKS, TO_VERBS, role_of


def neighbour_roles(items: list[Item], lex: Lexicon) -> list[Item]:
    """``items`` (in question order) with the words their neighbours give a role re-read."""
    return _with_no(_motion_verbs(_times_after_numbers(_numbers_not_values(items)), lex))


def _with_no(items: list[Item]) -> list[Item]:
    """ "customers *with no* orders": "no" after "with" and before a model word is the
    ``none`` role (``rules.absence``); "no fewer than" is a comparison of its own, matched
    whole, and "no" elsewhere stays unknown (refused)."""
    out = list(items)
    for k in range(1, len(out) - 1):
        it, prev, nxt = out[k], out[k - 1], out[k + 1]
        said = it.kind == "unknown" and it.text.lower() == "no"
        if said and prev.text.lower() == "with" and nxt.kind == "domain":
            out[k] = Item("role", it.text, it.start, it.end, role="none")
    return out


def _motion_verbs(items: list[Item], lex: Lexicon) -> list[Item]:
    """ "flights *leaving* LGA", "*arriving at* LAX": a verb of movement right before a value
    (across at / in / on) says which side of a role-playing table the value is on, which
    ``rules.roles.direction_before`` reads from the text; as a stop word it is not refused as
    unknown. Anywhere else it stays unknown ("flights arriving late": refused, never dropped),
    and so does a verb before a value with no side to take ("orders leaving Berlin" on a
    customer's city, "customers who left Paris"): dropped, it answered the rows *in* Berlin."""
    out = list(items)
    for k, it in enumerate(out):
        if it.kind != "unknown" or it.text.lower() not in FROM_VERBS | TO_VERBS:
            continue
        j = k + 1
        link = out[j].text.strip().lower() if j < len(out) else ""
        if link in MOTION_LINKS or link in ("from", "to", "into"):  # "arriving from LAX"
            j += 1
        nxt = out[j] if j < len(out) else None
        if nxt is not None and nxt.kind == "domain" and _has_side(nxt, lex):
            out[k] = Item("stop", it.text, it.start, it.end)
    return out


def _has_side(it: Item, lex: Lexicon) -> bool:
    """Whether a value item can sit on a side of a role-playing table: one of its dimensions
    goes through an entity named for a direction (origin / destination, source / target),
    itself or through one of its role paths."""
    for s in it.senses:
        if s.kind != "value":
            continue
        dim = lex.catalog.dimension(s.name)
        paths = [s.name, *(r.name for r in (dim.roles if dim is not None else ()))]
        if any(role_of(name) is not None for name in paths):
            return True
    return False


#: the English counter of occasions ("ordered more than 3 times"); Chinese 次 is a classifier
_TIMES_WORDS = frozenset({"times", "time"})


def _times_after_numbers(items: list[Item]) -> list[Item]:
    """ "more than 3 times": "times" right after a number counts occasions of the verb before
    the comparison (``rules.entity_conditions``), a ``counter_times`` role; anything that does
    not read it leaves it unclaimed, and an unclaimed one is refused (``passes.leftovers``) —
    never dropped, as "2 times the average" would change the number's meaning."""
    out = list(items)
    for k in range(1, len(out)):
        it, prev = out[k], out[k - 1]
        if prev.kind == "num" and it.kind == "unknown" and it.text.lower() in _TIMES_WORDS:
            out[k] = Item("role", it.text, it.start, it.end, role="counter_times")
    return out


def _numbers_not_values(items: list[Item]) -> list[Item]:
    """A bare number is a number ("top 5 stores", "more than 12"), not a value of a
    small-integer dimension, unless that dimension is named right next to it ("hour 5",
    "5 seats", "5号仓")."""
    out = list(items)
    real = [i for i, it in enumerate(out) if it.kind != "stop"]
    for pos, i in enumerate(real):
        it = out[i]
        if it.kind != "domain" or not _is_number(it.text):
            continue
        if not all(s.kind == "value" for s in it.senses):
            continue
        dims = {s.name for s in it.senses}
        near = [out[real[k]] for k in (pos - 1, pos + 1) if 0 <= k < len(real)]
        named = [s for x in near if x.kind == "domain" for s in x.senses if s.kind == "dimension"]
        if any(s.name in dims for s in named):
            it.senses = [s for s in it.senses if s.name in {d.name for d in named}]
            continue
        out[i] = Item("num", it.text, it.start, it.end, number=float(it.text))
    return out


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True
