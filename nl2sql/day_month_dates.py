"""English dates written day first: "on 3 March 2026", "since 1 Feb 2026", "between 1 and 7
March 2026", "from 1 March to 7 March 2026", "the 3rd of March".

Why its own rules: British and international English put the day before the month; the
month-first rules of :mod:`nl2sql.timeparse` left the day an unknown number ("I don't know what
the number '1' refers to") and refused. A bare number before a month name is a day only where
it cannot be a count: with a year after the month, an ordinal suffix ("3rd"), "of" ("3 of
March" is not English, "the 3rd of March" is), or a date preposition right before it ("on 3
March", "since 1 Feb"); "top 5 may …" stays a number ("may" needs the year). The year rule is
the month-first one: without a year, the most recent such day that has begun.
"""

from __future__ import annotations

import datetime as dt
import re

from nl2sql.calendar_ranges import DAY
from semantic_layer.query import TimeRange

MONTHS = (
    "january february march april may june july august september october november december".split()  # noqa: SIM905
)
_ALT = "|".join(sorted({*MONTHS, *(m[:3] for m in MONTHS), "sept"}, key=len, reverse=True))
_DAY = r"(\d{1,2})(st|nd|rd|th)?"
_MONTH = rf"(?:of\s+)?({_ALT})\.?(?![a-z])"
_YEAR = r"(?:\s*,?\s*(\d{4})(?!\d))?"
#: the words after which a bare number before a month is a day ("on 3 March")
_DATE_WORDS = re.compile(
    r"(?:\b(?:on|since|from|until|till|through|before|after|between|by|to|and|starting|"
    r"ending|as of)|[-–])\s*$"
)

#: "3 March 2026", "1st of feb", "on 3 mar"
ONE_DAY = rf"(?<![\d.\-/])\b{_DAY}\s+{_MONTH}{_YEAR}"
#: "1 and 7 March 2026", "1-7 march", "1 March to 7 March 2026"
SPAN = (
    rf"(?:(?:from|between)\s+)?(?<![\d.\-/])\b{_DAY}(?:\s+{_MONTH})?\s*(?:to|through|until|and|-|–)"
    rf"\s*{_DAY}\s+{_MONTH}{_YEAR}"
)


def _month(word: str) -> int:
    return next(i for i, m in enumerate(MONTHS, 1) if m.startswith(word.rstrip(".")[:3]))


def _in_year(month: int, day: int, year: str | None, today: dt.date) -> dt.date | None:
    try:
        got = dt.date(int(year) if year else today.year, month, day)
    except ValueError:
        return None
    if not year and got > today:
        try:
            got = dt.date(today.year - 1, month, day)
        except ValueError:
            return None
    return got


def _dated(m: re.Match[str], suffix: str | None, month: str, year: str | None) -> bool:
    """Whether the number before the month is a day here (see the module docstring)."""
    said_of = m.group(0).split()[1:2] == ["of"]
    before = _DATE_WORDS.search(m.string[: m.start()])
    if month.startswith("may") and not year:
        return False  # "top 5 may …": the verb
    return bool(year or suffix or said_of or before)


def one_day(m: re.Match[str], today: dt.date) -> tuple[TimeRange, str, str] | None:
    """ "on 3 March 2026": that day.

    >>> import re as _re
    >>> t = dt.date(2026, 11, 20)
    >>> one_day(_re.search(ONE_DAY, "gmv on 3 march 2026"), t)[0].start
    datetime.date(2026, 3, 3)
    >>> one_day(_re.search(ONE_DAY, "top 5 may orders"), t) is None
    True
    """
    day, suffix, month, year = m.groups()
    if not _dated(m, suffix, month, year):
        return None
    got = _in_year(_month(month), int(day), year, today)
    if got is None:
        return None
    return TimeRange(start=got, end=got + DAY), f"{got}", f"{got}"


def span(m: re.Match[str], today: dt.date) -> tuple[TimeRange, str, str] | None:
    """ "between 1 and 7 March 2026": both days and the days between.

    >>> import re as _re
    >>> r = span(_re.search(SPAN, "gmv between 1 and 7 march 2026"), dt.date(2026, 11, 20))[0]
    >>> r.start, r.end
    (datetime.date(2026, 3, 1), datetime.date(2026, 3, 8))
    """
    d1, s1, m1, d2, s2, m2, year = m.groups()
    if not (year or s1 or s2 or m1 or m.group(0).startswith(("from", "between"))):
        before = _DATE_WORDS.search(m.string[: m.start()])
        if before is None:
            return None
    if m2.startswith("may") and not year and not m1:
        return None
    b = _in_year(_month(m2), int(d2), year, today)
    if b is None:
        return None
    first_month = _month(m1) if m1 else b.month
    a_year = b.year if (first_month, int(d1)) <= (b.month, b.day) else b.year - 1
    a = _in_year(first_month, int(d1), str(a_year), today)
    if a is None or b < a:
        return None
    return TimeRange(start=a, end=b + DAY), f"{a} 至 {b}", f"{a} to {b}"
