"""Which entity keys are short codes a user types alone ("T04", "SKU12"), read as values.

Why: a key such as ``title_id`` with values T01 .. T06 has no dimension of its own, so its
values were never in the catalog; "T04的付费转化率" or "net revenue for T02" was refused ("I
don't know 't'") although the code names one title as surely as "游戏T04" does. Only a few
values, each letters then digits (an optional ``-`` / ``_`` between), are kept: a surrogate
hash, a plain number or a name is no code a user types alone.
"""

from __future__ import annotations

import re

#: letters then digits, as ids are written ("T01", "C003", "SKU-12"); not a year after a
#: separator ("BOS-2024" is a team's season: "2024" is read as the year)
_CODE = re.compile(r"^[A-Za-z]{1,3}(?![-_](?:19|20)\d\d$)[-_]?\d{1,6}$")


def code_values(values: tuple[str, ...]) -> tuple[str, ...]:
    """``values`` when every one is a code (see the module doc), else ().

    >>> code_values(("T01", "T02")), code_values(("T01", "alpha")), code_values(("7", "8"))
    (('T01', 'T02'), (), ())
    >>> code_values(("BOS-2024",)), code_values(("BEV-101",))
    ((), ('BEV-101',))
    """
    return values if values and all(_CODE.match(v) for v in values) else ()
