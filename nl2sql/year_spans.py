"""Spans of whole years: "2019年到2024年", "从2019到2024年", "2019-2024年", "from 2019 to
2024", and the "whole year" word after a year ("去年全年", "2024年全年").

Why its own rule: the year rule of :mod:`nl2sql.timeparse` read "2019年到2024年" as two years,
and the question was refused ("names more than one time range"), though a span of years is how
a statistics user asks for a series ("2019年到2024年每年的GDP增长率"). The span is the first
year's 1 January up to the end of the last year. At least one side must carry 年 (or 年度): a
bare "2000到3000" is as likely an amount as years, so it is left to the number rules. A span
backwards ("2024年到2019年") is no span and is not read.

"全年" / "整年" after a year only says the year is meant whole, which a year range already is:
the word is taken into the time expression instead of being left unknown.
"""

from __future__ import annotations

import datetime as dt
import re

from semantic_layer.query import TimeRange

#: "(从)2019(年)到2024(年)", "2019-2024年", "2019年至2024年度"
SPAN = (
    r"(?<![\d.\-/])(?:从|自)?\s*(\d{4})\s*(年度|年)?\s*(?:到|至|~|-|—|－)\s*(\d{4})\s*(年度|年)?"
    r"(?![\d.\-/])"
)

#: "from 2019 to 2024", "from 2019 through 2024", "from 2019 until 2024": English says a span
#: of years with "from" and needs no 年; a currency sign or a unit after the second number
#: (2024 dollars, 2024 km, 2024%) makes the pair an amount range, left to the number rules
SPAN_EN = (
    r"(?<![$€£¥\w])\bfrom\s+(\d{4})\s+(?:to|through|thru|until|till)\s+(\d{4})\b(?![-/.,]\d)"
    r"(?!\s*(?:%|percent|[$€£¥]|dollars?\b|usd\b|eur\b|euros?\b|gbp\b|pounds?\b|yuan\b|rmb\b"
    r"|k\b|km\b|kg\b|miles?\b|units?\b|items?\b|minutes?\b|hours?\b|days?\b))"
)

#: the whole-year word right after a year: "去年全年", "2024年整年"
WHOLE_YEAR = re.compile(r"^\s*(?:全年度|全年|整年|一整年)")


def span(m: re.Match[str], today: dt.date) -> tuple[TimeRange, str, str] | None:
    """The years from the first through the last, both whole.

    >>> import re
    >>> m = re.search(SPAN, "2019年到2024年每年的gdp")
    >>> r, zh, en = span(m, dt.date(2025, 2, 15)); (r.start, r.end, zh, en)
    (datetime.date(2019, 1, 1), datetime.date(2025, 1, 1), '2019年至2024年', '2019 to 2024')
    >>> span(re.search(SPAN, "2000到3000"), dt.date(2025, 2, 15)) is None
    True
    """
    first, first_unit, last, last_unit = m.groups()
    if not (first_unit or last_unit):
        return None  # no 年 on either side: an amount range as likely as years
    a, b = int(first), int(last)
    if not (1900 <= a < b <= 2200):
        return None
    r = TimeRange(start=dt.date(a, 1, 1), end=dt.date(b + 1, 1, 1))
    return r, f"{a}年至{b}年", f"{a} to {b}"


#: "a GMV from", "an amount from", "a route number from": a noun with an indefinite article
#: right before the span is each row's own value, and the pair is its range, not years
_ONE_THINGS_VALUE = re.compile(r"\b(?:a|an)\s+[\w-]+(?:\s+[\w-]+)?\s*$", re.IGNORECASE)


def span_en(m: re.Match[str], today: dt.date) -> tuple[TimeRange, str, str] | None:
    """The years from the first through the last of "from 2019 to 2024", both whole.

    >>> import re
    >>> m = re.search(SPAN_EN, "total shipments from 2019 to 2021")
    >>> r, zh, en = span_en(m, dt.date(2025, 2, 15)); (r.start, r.end, en)
    (datetime.date(2019, 1, 1), datetime.date(2022, 1, 1), '2019 to 2021')
    >>> re.search(SPAN_EN, "orders from 1990 to 2000 dollars") is None
    True
    >>> span_en(re.search(SPAN_EN, "orders with a GMV from 2000 to 2100"), dt.date(2025, 2, 15))

    Why the article: "how many orders had a GMV from 2000 to 2100" was read as orders placed
    from 2000 to 2100 — every order (every row, where a few hundred have such an amount).
    """
    a, b = int(m.group(1)), int(m.group(2))
    if not (1900 <= a < b <= 2200) or _ONE_THINGS_VALUE.search(m.string[: m.start()]):
        return None
    r = TimeRange(start=dt.date(a, 1, 1), end=dt.date(b + 1, 1, 1))
    return r, f"{a}年至{b}年", f"{a} to {b}"


def whole_year_suffix(after: str, rng: TimeRange) -> int:
    """How many characters of ``after`` say "the whole year" of a calendar-year ``rng`` (0 if none).

    >>> whole_year_suffix("全年的gdp", TimeRange(start=dt.date(2024, 1, 1), end=dt.date(2025, 1, 1)))
    2
    >>> whole_year_suffix("全年的gdp", TimeRange(start=dt.date(2024, 3, 1), end=dt.date(2024, 4, 1)))
    0
    """
    m = WHOLE_YEAR.match(after)
    if m is None or rng.start is None or rng.end is None:
        return 0
    whole = (rng.start.month, rng.start.day, rng.end.month, rng.end.day) == (1, 1, 1, 1)
    return m.end() if whole and rng.end.year - rng.start.year == 1 else 0
