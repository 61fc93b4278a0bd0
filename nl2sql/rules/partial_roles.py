"""A partial name that fits a place in two roles and one other thing: "Delta flights".

Why: "Delta" starts the names of two airports (each an origin *or* a destination of a flight)
and of one airline. With no direction word ("to", "from", 出发) and no role named, the airport
readings cannot be answered anyway — a place of a role-playing table needs its role, and the
engine would ask "origin or destination?" — while the airline reading needs nothing more. So
the one reading that is not a role-playing place is the question's; the user asked about
"Delta flights", not about flights of some airport in some role. With a direction word, a
role named, or two non-role readings left, the clarification stays.
"""

from __future__ import annotations

from dataclasses import replace

from nl2sql.lexicon import normalize
from nl2sql.rules.items import Item
from nl2sql.rules.roles import direction_before, role_of
from nl2sql.rules.state import ParseState


def _role_named(p: ParseState) -> bool:
    """A direction word or a role-qualified entity/dimension appears in the question."""
    for it in p.all:
        for s in it.senses if it.kind == "domain" else []:
            if s.kind == "entity" and role_of(f"{s.name}__x"):
                return True
            if s.kind == "dimension" and role_of(s.name):
                return True
        if it.kind in ("domain", "unknown") and direction_before(p, it) is not None:
            return True
    return False


def _role_dims(p: ParseState) -> set[str]:
    """Every dimension name of a table that plays several roles (its base and its copies)."""
    return {name for base, names in p.lex.roles.items() for name in (base, *names)}


def settle_partial_roles(p: ParseState) -> None:
    """Turn each unknown word whose only non-role reading is one value into that value."""
    unknown = [it for it in p.its if it.kind == "unknown"]
    if not unknown or not p.lex.roles:
        return
    roles = _role_dims(p)
    named: bool | None = None
    for it in unknown:
        senses = p.lex.clarify.get(normalize(it.text), [])
        if not senses or any(s.kind != "value" for s in senses):
            continue
        placed = [s for s in senses if s.name in roles]
        other = list(dict.fromkeys((s.name, s.value) for s in senses if s.name not in roles))
        if not placed or len(other) != 1:
            continue
        if named is None:
            named = _role_named(p)
        if named:
            return
        sense = next(s for s in senses if (s.name, s.value) == other[0])
        new = Item(
            "domain",
            it.text,
            it.start,
            it.end,
            senses=[replace(sense, strong=False, via=sense.via or sense.value or "")],
        )
        p.all[p.all.index(it)] = new
        p.its[p.its.index(it)] = new
