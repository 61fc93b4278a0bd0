"""Direction words onto join roles: "flights *to* ORD" is the destination airport, "*from* JFK"
the origin, "sales *shipped to* TX" the ship-to customer.

Why: when one table plays two roles (origin and destination airports, bill-to and ship-to
customers), the same value is reachable through two entities, and taking the wrong one is a
wrong answer with a plausible interpretation. The role is read from the entity names the model
gives the paths (``destination_airport``, ``ship_to_customer``, ``origin``): general direction
words, no model vocabulary. A direction word that contradicts the only reachable role is a
refusal, never ignored.

>>> role_of("destination_airport__faa"), role_of("origin__name"), role_of("order__channel")
('to', 'from', None)
"""

from __future__ import annotations

from nl2sql.lexicon import Sense
from nl2sql.rules.items import Item, Refusal
from nl2sql.rules.view import StateView

_TO_WORDS = {
    "to",
    "into",
    "toward",
    "towards",
    "飞往",
    "前往",
    "发往",
    "运往",
    "寄往",
    "去往",
    "开往",
    "往",
    "到",
    "至",
    "飞抵",
    "抵达",
}
_FROM_WORDS = {"from", "从", "自", "来自", "离开"}
_TO_STEMS = {"dest", "destination", "to", "arrival", "arr", "recipient", "receiver", "consignee"}
_FROM_STEMS = {"origin", "orig", "source", "src", "from", "departure", "dep", "sender", "shipper"}


def role_of(name: str) -> str | None:
    """``to`` / ``from`` when a qualified name goes through an entity named for a direction."""
    words = {w for part in name.split("__")[:-1] for w in part.split("_")}
    to, frm = bool(words & _TO_STEMS), bool(words & _FROM_STEMS)
    if to == frm:
        return None
    return "to" if to else "from"


def direction_before(p: StateView, it: Item) -> str | None:
    """The direction word right before ``it`` in the question ("to ORD", "从EWR"), if any."""
    pos = next((k for k, x in enumerate(p.all) if x is it), -1)
    if pos <= 0:
        return None
    word = p.all[pos - 1].text.strip()
    if word in _TO_WORDS:
        return "to"
    if word in _FROM_WORDS:
        return "from"
    return None


def prefer_direction(p: StateView, it: Item, cands: list[Sense]) -> list[Sense]:
    """The candidates whose role matches the direction word before ``it`` (all if none)."""
    want = direction_before(p, it)
    if want is None:
        return cands
    same = [s for s in cands if role_of(s.name) == want]
    return same or cands


def check_direction(p: StateView, it: Item, sense: Sense) -> None:
    """Refuse a value whose only reading contradicts the direction word before it."""
    want = direction_before(p, it)
    got = role_of(sense.name)
    if want is not None and got is not None and want != got:
        raise Refusal(
            f"'{it.text}' is reachable only as {sense.name}, which is not the '{want}' side "
            "the question asks for",
            zh=f"“{it.text}”只能按{sense.name}理解，与问题中的方向不符",
            words=[it.text],
        )


def roles_differ(cands: list[Sense]) -> bool:
    """Whether the candidates go through entities of different directions (origin vs dest)."""
    return len({role_of(s.name) for s in cands}) > 1
