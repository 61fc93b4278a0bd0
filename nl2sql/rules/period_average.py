""" "average daily X" / "平均每天X" answered as X by day is refused: the average is of the days.

Why: with the average word right before a period word, "average daily cancellation rate" asks
for one number — the mean over the days of the day's value — and the engine, which does not
compute a mean over periods, read "daily" as a breakdown and the average as restating the
rate: the answer was the 365 daily rates, a different result from the one asked for. "daily
average X", "每天的平均X" and "X by day" ask for the series and are answered as before; an
average word that no rule used is refused elsewhere (``passes.leftovers``).
"""

from __future__ import annotations

import re

from nl2sql.rules.items import Item, Refusal
from nl2sql.rules.state import ParseState

_ZH = {"day": "天", "week": "周", "month": "月", "quarter": "季度", "year": "年"}


def _is_avg(it: Item) -> bool:
    return it.kind == "role" and it.role == "avg"


def _is_period(it: Item) -> bool:
    return it.kind == "role" and it.role.startswith("grainadj:")


def _said(question: str, text: str) -> str:
    """``text`` as the question spells it (its case and spaces), else ``text``."""
    words = [re.escape(w) for w in text.split()]
    hit = re.search(r"\s+".join(words), question, flags=re.IGNORECASE) if words else None
    return hit.group(0) if hit else text


def refuse_average_by_period(p: ParseState) -> None:
    """Refuse "<average word><period word>" when the period became a time breakdown."""
    words = [it for it in p.all if it.text.strip()]
    for k in range(len(words) - 1):
        avg, period = words[k], words[k + 1]
        if not (_is_avg(avg) and _is_period(period)):
            continue
        grain = period.role.split(":")[1]
        if f"metric_time__{grain}" not in p.group_by:
            continue
        question = p.result.question
        both = _said(question, f"{avg.text} {period.text}")
        if both not in question:  # Chinese: no space between the words
            both = _said(question, avg.text + period.text)
        raise Refusal(
            f"'{avg.text} {period.text}' asks for the mean over the {grain}s, which is not "
            f"computed here; ask for the metric by {grain} ('{period.text} …') or for its "
            "average over the whole range",
            zh=f"“{avg.text}{period.text}”要求按{_ZH[grain]}求平均，这里不计算；"
            f"请按{_ZH[grain]}查看该指标，或问整个时间范围内的平均值",
            words=[both, _said(question, period.text), _said(question, avg.text)],
            kind="replace",
        )
