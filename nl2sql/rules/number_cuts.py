"""A suggestion may leave one of the question's numbers out, never cut one.

Why a module of its own: it is the one safety check every rewrite of a refused question
(:mod:`nl2sql.rules.suggest`) passes before the engine runs it — "over 1,5" with the unknown
"5" dropped was offered as "over 1," and answered as GMV > 1.
"""

from __future__ import annotations

import re
from collections.abc import Callable

#: whether the engine answers a candidate question
Check = Callable[[str], bool]


# a number with any mark between its digits ("1,5", "1.234.567", "1'000", "1٬000", "3/4"; a
# space, no-break or thin space before three digits: "1\u202f000"), its exponent ("1e4",
# "10^100", "2 ** 10", "10²": read by none) or a lowered index ("5₀")
_NUMBER = re.compile(
    r"\d+(?:(?:[^\w\s]|_|[ \u00a0\u2009\u202f](?=\d{3}(?!\d)))\d+)*"
    r"(?:[eE][+-]?\d+|[ ]?(?:\^|\*\*)[ ]?[+-]?\d+|[\u00b9\u00b2\u00b3\u2070-\u208b]+)?"
)


def cuts_a_number(question: str, candidate: str) -> bool:
    """Whether ``candidate`` holds part of one of the question's numbers as a number of its own.

    >>> cuts_a_number("channels with GMV over 1,5", "channels with GMV over 1,")
    True
    >>> cuts_a_number("GMV over 1.234.567", "GMV over 1.234.")
    True
    >>> cuts_a_number("channels with GMV over 1 000", "channels with GMV over 1")
    True
    >>> cuts_a_number("top 5 SKUs by zzz", "top 5 SKUs"), cuts_a_number("GMV 7 zzz", "GMV")
    (False, False)

    Dropping an exponent's letter joins the digits around it (session 22: ``over 1e4`` offered
    ``over 14``, ``前1e100名`` ``前1100名``, ``over 10^100`` ``over 10^``, each answered):

    >>> [cuts_a_number(f"GMV {q}", f"GMV {c}") for q, c in (("over 1e4", "over 14"),
    ...  ("前1e100名", "前1100名"), ("over 10^100", "over 10^"), ("over 2 ** 5", "over 2 **"))]
    [True, True, True, True]
    """
    whole = _NUMBER.findall(question)
    digits = {re.sub(r"\D", "", w) for w in whole}
    return any(
        n not in whole and (n in digits or any(w.startswith(n) or w.endswith(n) for w in whole))
        for n in _NUMBER.findall(candidate)
    )


def keeping_numbers(question: str, check: Check) -> Check:
    """``check`` that also refuses a candidate cutting one of the question's numbers."""
    return lambda candidate: not cuts_a_number(question, candidate) and check(candidate)
