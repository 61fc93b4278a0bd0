"""A bare year written as a metric's modifier: "2002 sales", "what were the 2024 bookings".

Why: English puts a year before the noun it dates without a preposition ("2002 loans where the
guest member lives in OH"); the date rules (``nl2sql.timeparse``) only read a year after
"in / for / during / of" or with 年, so the number was left over and the question refused.
A four-digit number is read as a year only where nothing else could take it: right before a
metric of the model (or right after one, ending the question: "sales 2002"), never after a
word other than a determiner or a verb of asking (:data:`YEAR_LEADS`: never after "top", "over",
"than", "with", "$", "#"), never with a separator or decimal, and only from 1900 to 2100. Everything else stays a number for the other rules (a count, a
threshold, a value), which refuse it when they cannot place it.

>>> import datetime as dt
>>> [m.group(1) for m in YEAR.finditer("2002 sales, 2,002 orders, 20021 rows, $2002")]
['2002']
"""

from __future__ import annotations

import re

from nl2sql.lexicon import Lexicon, Sense, units
from nl2sql.timeparse import TimeMatch, year_range

#: a four-digit year standing alone (no thousands separator, decimal, sign or unit around it)
YEAR = re.compile(r"(?<![\d.,$#¥€£\-/])\b((?:19|20)\d{2})\b(?![\d.,%\-/])")
#: the question may end after the year with punctuation only
_END = re.compile(r"^\s*[?!.,]*\s*$")


def _edge_senses(text: str, lex: Lexicon, *, at_end: bool) -> list[Sense]:
    """The senses of the longest model term at the start (or, ``at_end``, the end) of ``text``."""
    us = units(text)
    for length in range(min(lex.max_len, len(us)), 0, -1):
        span = us[len(us) - length :] if at_end else us[:length]
        senses = lex.terms.get(tuple(u.text for u in span))
        if senses:
            return senses
    return []


def _starts_metric(text: str, lex: Lexicon) -> bool:
    """Whether the longest model term at the start of ``text`` is (also) a metric."""
    return any(s.kind == "metric" for s in _edge_senses(text, lex, at_end=False))


def _ends_metric(text: str, lex: Lexicon) -> bool:
    """Whether the longest model term ending ``text`` is (also) a metric."""
    return any(s.kind == "metric" for s in _edge_senses(text, lex, at_end=True))


#: the only words a bare year may follow: determiners and the verbs of asking ("what were the
#: 2002 sales", "show our 2024 revenue"); after any other word ("with 2000 seats", "more than
#: 2000 seats") the number is a quantity
YEAR_LEADS = frozenset("the our my their its what were was are is show me list give get".split())  # noqa: SIM905


def _takes_number(before: str) -> bool:
    """Whether the text before the number leaves it a quantity (anything but the start of the
    question or a word of :data:`YEAR_LEADS`)."""
    words = before.split()
    return bool(words) and words[-1] not in YEAR_LEADS


def bare_years(text: str, times: list[TimeMatch], lex: Lexicon) -> list[TimeMatch]:
    """Year ranges for the bare years of normalized ``text`` that no time rule took."""
    out: list[TimeMatch] = []
    for m in YEAR.finditer(text):
        if any(t.start < m.end() and m.start() < t.end for t in times):
            continue
        before, after = text[: m.start()], text[m.end() :]
        leading = not _takes_number(before) and _starts_metric(after, lex)
        trailing = bool(_END.match(after)) and _ends_metric(before, lex)
        if not (leading or trailing):
            continue
        year = int(m.group(1))
        if not 1900 <= year <= 2100:
            continue
        out.append(TimeMatch(m.start(), m.end(), year_range(year), f"{year}年", f"{year}"))
    return out


#: the bound words a bare year follows in ``timeparse``'s year-bound rule ("before 2023")
_BOUND_BEFORE = re.compile(r"\b(?:before|after|until)\s*$")


def _ends_year_dimension(text: str, lex: Lexicon) -> bool:
    """Whether the longest model term ending ``text`` is a dimension whose name says "year"."""
    senses = _edge_senses(text, lex, at_end=True)
    return any(s.kind == "dimension" and "year" in s.name.lower() for s in senses)


def _year_bound(text: str, t: TimeMatch) -> bool:
    """Whether ``t`` is a bare year after before/after/until ("model years before 2019").

    Why: the year-bound date rule reads "hired before 2023" as a date range, but after a
    year-valued dimension's name the number compares with that dimension on each row
    (``passes.dimension_comparisons``: ``model_year < 2019``); taken as a date it filtered the
    sale date instead, a wrong answer that reads right. Callers check the term with
    :func:`_ends_year_dimension`.
    """
    return text[t.start : t.end].isdigit() and bool(_BOUND_BEFORE.search(text[: t.start]))


def drop_dimension_year_bounds(text: str, times: list[TimeMatch], lex: Lexicon) -> list[TimeMatch]:
    """``times`` without the bare-year bounds that follow a year dimension's name."""
    return [
        t
        for t in times
        if not (
            _year_bound(text, t)
            and _ends_year_dimension(_BOUND_BEFORE.sub("", text[: t.start]), lex)
        )
    ]
