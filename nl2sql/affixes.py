"""English prefixes that negate the word they stand before ("unpaid", "inactive", "non-urgent").

Why a module of its own: two readers that bend a word toward a model word — the typo fix
(:mod:`nl2sql.lexicon`, :mod:`nl2sql.rules.typo`) — must never read "unresolved" as
"resolved": two letters in front flip the meaning, and "unresolved tickets" counted the
resolved ones. The prefixes are general English morphology, the same on any model.
"""

from __future__ import annotations

from collections.abc import Callable

#: prefixes that negate or reverse the word after them
NEGATING_PREFIXES = ("un", "non", "non-", "in", "im", "il", "ir", "dis", "mis", "de", "anti")


def negated(word: str, other: str) -> bool:
    """Whether one word is the other with a negating prefix in front ("unpaid" / "paid").

    >>> negated("unresolved", "resolved"), negated("active", "inactive"), negated("retrun", "return")
    (True, True, False)
    """
    a, b = word.lower(), other.lower()
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_ == p + short for p in NEGATING_PREFIXES)


def negated_stem(word: str, known: Callable[[str], bool]) -> str | None:
    """The ``known`` word that ``word`` negates with a prefix ("unresolved" -> "resolved"),
    or None; the suggestion for a refused "unresolved" is then "not resolved", never the
    question with the word dropped (which would count every ticket).

    >>> negated_stem("unshipped", {"shipped"}.__contains__), negated_stem("unit", {"it"}.__contains__)
    ('shipped', None)
    """
    w = word.lower()
    for p in sorted(NEGATING_PREFIXES, key=len, reverse=True):
        stem = w[len(p) :]
        if w.startswith(p) and len(stem) >= 4 and known(stem):
            return stem
    return None
