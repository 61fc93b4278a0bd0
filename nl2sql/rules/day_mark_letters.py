"""The letter of a day mark written onto its number ("D3回访率"), read with the number.

Why: "D3回访率" left "d" a word of its own, asked back ("'d' could mean D3-returned riders or
…") before the number could pick "D3 return rate" (:mod:`nl2sql.rules.numbered_metrics`). A
single letter glued to a number is part of the mark only when the metric word after them
reaches a label that writes exactly that letter and number as one word.
"""

from __future__ import annotations

import re

from nl2sql.rules.items import Item
from nl2sql.rules.numbered_metrics import DAY_WORDS
from nl2sql.rules.state import ParseState


def settle_day_mark_letter(p: ParseState) -> None:
    """The letter of a day mark written onto its number ("D3回访率"): no unknown word of its
    own when the metric word after the number reaches a label marked with that letter and
    number (``D3 return rate``); the number then picks the metric (:func:`numbered_metric`).
    """
    for k in range(len(p.all) - 2):
        letter, num = p.all[k], p.all[k + 1]
        if letter.kind not in ("unknown", "domain") or num.kind != "num" or letter.end != num.start:
            continue
        t = letter.text.strip().lower()
        if len(t) != 1 or not t.isascii() or not t.isalpha() or num.number is None:
            continue
        j = k + 2
        while j < len(p.all) and p.all[j].text.strip() in DAY_WORDS:
            j += 1
        if j >= len(p.all) or p.all[j].kind != "domain":
            continue
        mark = f"{t}{int(num.number)}"
        labels = [
            (m.label or m.name).lower()
            for s in p.all[j].senses
            if s.kind == "metric" and (m := p.catalog.metric(s.name)) is not None
        ]
        if any(re.search(rf"(?<![a-z0-9]){mark}(?![a-z0-9])", lab) for lab in labels):
            p.all[k] = Item("stop", letter.text, letter.start, letter.end)
            p.its = [x for x in p.all if x.kind != "stop"]
            return
