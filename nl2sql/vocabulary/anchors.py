"""The records bridges are made of: a model term's phrase (:class:`Anchor`) and a user's word
linked to a term (:class:`Bridge`).

Why a module of their own: the rules that derive phrases live in several modules
(``bridges``, ``heads``), and each needs these records without importing the others.
"""

from __future__ import annotations

from dataclasses import dataclass

#: a bridge at or above this score is understood; below it only feeds a clarification
ACCEPT = 0.65


@dataclass(frozen=True)
class Bridge:
    """One word a user may type, the model term it reaches, and how."""

    term: str  # what the user types: "门店", "store", "gross profit"
    kind: str  # metric | dimension | entity | value
    name: str
    value: str | None
    via: str  # the model's own word it reaches ("location", "Order Gross Profit")
    source: str  # suffix | description | thesaurus | cedict (chained: "thesaurus+cedict")
    score: float

    @property
    def accepted(self) -> bool:
        """Strong enough to answer on (else only offered in a clarification)."""
        return self.score >= ACCEPT


@dataclass(frozen=True)
class Anchor:
    """A phrase of the model's own wording (or derived from it) that names one model term."""

    phrase: str  # lower-case English words
    kind: str
    name: str
    value: str | None
    via: str
    source: str
    score: float
