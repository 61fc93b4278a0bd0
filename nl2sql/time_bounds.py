"""Open-ended and one-day variants of a time expression already found: "since March" /
"3月以来", "before 2026" / "2026年之前", "in or before 2022" / "2022年及之前", "until dec 31" /
"截至12月31日", and "the first/last day of" / "第一天/最后一天".

Why its own module: these words sit *around* a period that ``nl2sql.timeparse`` matched and
change its bounds (or shrink it to one day); keeping them apart from the period patterns keeps
each convention in one place — "after X" starts when X ends, "or before/or after" keeps X
itself, "since X" runs to today inclusive.
"""

from __future__ import annotations

import datetime as dt
import re

from nl2sql.calendar_ranges import DAY
from semantic_layer.query import TimeRange

_SINCE = re.compile(r"(?:since|from)\s*$|(?:自|从)\s*$")
#: "after November 2002": from the end of the period on (the period itself is not after it)
_AFTER = re.compile(r"\bafter\s*$")
_SINCE_AFTER = re.compile(r"^\s*(?:以来|以后|起|开始)")
#: "2026年8月之后": after the period, as "after August" (read as 以来 it took August in)
_AFTER_ZH = re.compile(r"^\s*之后")
_BEFORE = re.compile(r"(?:before|prior to)\s*$")
_BEFORE_AFTER = re.compile(r"^\s*(?:之前|以前|前)")
#: "in or before 2022", "on or after March": the period itself is included (read as "before" /
#: "after" alone, the answer left out the very period named)
_OR_BEFORE = re.compile(r"\bor\s+before\s*$")
_OR_AFTER = re.compile(r"\bor\s+after\s*$")
#: the Chinese forms, after the period: "2022年及之前", "2月及以后" (the suffix was left unread,
#: and the answer was the named period alone)
_OR_BEFORE_ZH = re.compile(r"^\s*(?:及|以及|和|或)\s*(?:之前|以前)")
_OR_AFTER_ZH = re.compile(r"^\s*(?:及|以及|和|或)\s*(?:之后|以后|以来)")
#: "截至12月31日", "until dec 31": everything up to and including that time
#: "as of June 30" too: the flow up to that day (read as the one day, it answered June 30's)
_THROUGH = re.compile(r"(?:until|through|up to|\bas of|截至|截止到|截止|直到)\s*$")


#: "the first day of March 2022", "on the last day of 2021": one day of the period after it
_FIRST_LAST_EN = re.compile(
    r"(?:\bon\s+)?\b(?:the\s+)?(first|last|final)\s+day\s+(?:of\s+(?:the\s+)?)?$"
)
#: "2022年3月第一天", "3月的最后一天": one day of the period before it
_FIRST_LAST_ZH = re.compile(r"^\s*的?\s*(第一天|第1天|头一天|首日|最后一天|最后1天|末日)")


def _one_end_day(rng: TimeRange, first: bool) -> TimeRange | None:
    """The first or last day of ``rng`` as a one-day range (None for an open or one-day range).

    Why: "transaction amount on the first day of April 2022" was refused ("first" unknown) and
    "3月最后一天" read 最后 as a ranking word; the words pick one day of the period named.
    """
    if rng.start is None or rng.end is None or rng.end - rng.start <= DAY:
        return None
    day = rng.start if first else rng.end - DAY
    return TimeRange(start=day, end=day + DAY)


def first_or_last_day(
    text: str, start: int, end: int, rng: TimeRange
) -> tuple[int, int, TimeRange] | None:
    """(start, end, one day) when "the first/last day of" comes before the period found at
    ``text[start:end]`` or 第一天/最后一天 after it; else None."""
    fl_en, fl_zh = _FIRST_LAST_EN.search(text[:start]), _FIRST_LAST_ZH.match(text[end:])
    if fl_en and not fl_en.group(0).rstrip().endswith(("of", "the")):
        # "of" belongs to the period's own match ("of 2021") or is missing ("last day")
        fl_en = fl_en if text[start:end].lstrip().startswith("of ") else None
    if fl_en is not None:
        one = _one_end_day(rng, fl_en.group(1) == "first")
        return None if one is None else (fl_en.start(), end, one)
    if fl_zh is not None:
        one = _one_end_day(rng, fl_zh.group(1) in ("第一天", "第1天", "头一天", "首日"))
        return None if one is None else (start, end + fl_zh.end(), one)
    return None


def open_bound(
    text: str, start: int, end: int, rng: TimeRange, zh: str, en: str, today: dt.date
) -> tuple[int, TimeRange, str, str]:
    """(end, range, zh label, en label) of the period at ``text[start:end]`` after the
    open-ended words around it; ``end`` grows over a suffix read (以来, 及之前, 之前)."""
    before, after = text[:start], text[end:]
    if (ob := _OR_BEFORE_ZH.match(after)) or _OR_BEFORE.search(before):
        rng = TimeRange(start=None, end=rng.end)
        zh, en = f"截至{zh}", f"through {en}"
        if ob:
            end += ob.end()
    elif (oa := _OR_AFTER_ZH.match(after)) or _OR_AFTER.search(before):
        if not en.startswith("since"):
            rng = TimeRange(start=rng.start, end=max(today + DAY, rng.end or today))
            zh, en = f"{zh}以来", f"since {en}"
        if oa:
            end += oa.end()
    elif ((a := _AFTER_ZH.match(after)) or _AFTER.search(before)) and rng.end is not None:
        rng = TimeRange(start=rng.end, end=max(today + DAY, rng.end))
        zh, en = f"{zh}之后", f"after {en}"
        if a:
            end += a.end()
    elif (s := _SINCE_AFTER.match(after)) or _SINCE.search(before):
        if not en.startswith("since"):
            rng = TimeRange(start=rng.start, end=today + DAY)
            zh, en = f"{zh}以来", f"since {en}"
        if s:
            end += s.end()
    elif _THROUGH.search(before):
        rng = TimeRange(start=None, end=rng.end)
        zh, en = f"截至{zh}", f"through {en}"
    elif (b := _BEFORE_AFTER.match(after)) or _BEFORE.search(before):
        rng = TimeRange(start=None, end=rng.start)
        zh, en = f"{zh}之前", f"before {en}"
        if b:
            end += b.end()
    return end, rng, zh, en
