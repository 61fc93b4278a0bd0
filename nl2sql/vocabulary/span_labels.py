"""A metric labelled by the span of time it looks over ("30-Day Readmission Rate", "7-Day
Active Users") is asked with the span written apart ("30 day readmission rate") or in Chinese
("30天再入院率", "7日活跃用户").

Why: the label's own key holds the hyphen ("30", "-", "day", ...), so a question that writes the
span without it, or in Chinese, left the number over: "I don't know what the number '30' refers
to" — a refusal of the metric's own name. The span is the metric's, so its other spellings name
it as firmly as the label; only a span that opens the label counts, and only the time units
every language writes the same way (general words: ``nl2sql.unit_words``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

#: "30-Day Readmission Rate": the number, its time unit and the rest of the label
_SPAN = re.compile(r"^\s*(\d+)\s*-\s*(hour|day|week|month|year)s?\s+(\S.*)$", re.IGNORECASE)
#: how a span's unit is written after a number in Chinese (30天, 7日, 12周, 3个月, 1年)
_ZH_UNITS = {
    "hour": ("小时",),
    "day": ("天", "日"),
    "week": ("周",),
    "month": ("个月", "月"),
    "year": ("年",),
}


def span_of(label: str) -> tuple[str, str, str] | None:
    """(number, unit, rest) of a label that opens with a hyphenated span of time, else None.

    >>> span_of("30-Day Readmission Rate"), span_of("Readmission Rate")
    (('30', 'day', 'Readmission Rate'), None)
    """
    m = _SPAN.match(label or "")
    return (m.group(1), m.group(2).lower(), m.group(3).strip()) if m else None


def span_spellings(label: str, rest_in_chinese: Iterable[str]) -> list[str]:
    """The label's span written apart, and in Chinese before each Chinese name of the rest.

    >>> span_spellings("7-Day Active Users", ["活跃用户"])
    ['7 day Active Users', '7天活跃用户', '7日活跃用户']
    """
    span = span_of(label)
    if span is None:
        return []
    number, unit, rest = span
    out = [f"{number} {unit} {rest}"]
    for zh in dict.fromkeys(rest_in_chinese):
        out += [f"{number}{u}{zh}" for u in _ZH_UNITS[unit]]
    return out
