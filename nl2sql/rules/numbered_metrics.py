"""A number said right before a metric word that names several numbered metrics picks the one
whose label carries that number: "14天回访率" / "3日回访率" / "D3回访率" among "D3 / D14 return
rate".

Why: a model that publishes one rate per window labels them with the window's day number
("D3 return rate", "14-day return rate"). The Chinese rate word (回访率) reaches every one of
them, and the number before it was left as a loose number, so the question was asked back
("'回访率' is ambiguous: it could be D3 … or D14 …") although the number says which.
Only a whole number right before the word (a day word 天/日/day may stand between, and a
single letter glued to the number as in "D7"), and only when exactly one candidate's label has
that number as a day mark (``d7``, ``7-day``, ``7 days``); the number is then read, not kept
as a count or a limit. A number no label has, or two labels with it, leave the question asked.
"""

from __future__ import annotations

import re

from nl2sql.rules.items import Item
from semantic_layer.catalog import Catalog

#: words that say the number counts days (between the number and the metric word)
DAY_WORDS = frozenset({"天", "日", "day", "days"})


def day_marks(label: str) -> set[int]:
    """The day numbers a label marks: "D3 return rate" -> {3}, "14-day returns" -> {14}.

    >>> sorted(day_marks("D14 return rate")), sorted(day_marks("Returns (3 days)"))
    ([14], [3])
    >>> day_marks("Revenue (USD)")
    set()
    """
    text = label.lower()
    marks = {int(n) for n in re.findall(r"(?<![a-z0-9])d(\d{1,3})(?![a-z0-9])", text)}
    marks |= {int(n) for n in re.findall(r"(?<![a-z0-9])(\d{1,3})[- ]?days?(?![a-z])", text)}
    return marks


def numbered_metric(before: list[Item], catalog: Catalog, names: list[str]) -> str | None:
    """The one of ``names`` whose label marks the day number said right before the metric word
    (``before`` are the items before it); the number (and a glued letter) are then read."""
    k = len(before) - 1
    while k >= 0 and before[k].kind in ("role", "stop") and before[k].text.strip() in DAY_WORDS:
        k -= 1
    if k < 0 or before[k].kind != "num" or before[k].number is None or before[k].used:
        return None
    num = before[k]
    value = num.number
    if value is None or value != int(value) or value < 0:
        return None
    hits = []
    for name in names:
        m = catalog.metric(name)
        if m is not None and int(value) in day_marks(m.label or m.name):
            hits.append(name)
    if len(hits) != 1:
        return None
    num.used = True
    letter = before[k - 1] if k > 0 else None
    if (
        letter is not None
        and letter.end == num.start
        and len(letter.text.strip()) == 1
        and letter.text.strip().isascii()
        and letter.text.strip().isalpha()
        and letter.kind in ("unknown", "domain")
    ):
        letter.kind = "stop"  # the "D" of "D7": part of the day mark, not a word of its own
        letter.senses = []
    return hits[0]
