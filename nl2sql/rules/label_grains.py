"""A periodicity word that is part of a metric's label also asks for that grain.

Why: an owner labels a metric "Monthly Shipments" or "Daily Litres" when the number is
kept per period. A user asking "show monthly shipments for 2023" says the label's own word,
so the longest-match reading took "monthly shipments" as the metric alone and answered one
total for the year where twelve monthly numbers were asked — a wrong answer, not a
refusal. The word keeps naming the metric, and it also groups by its grain, as "monthly" does
anywhere else in a question.

Only when:
- the metric's label is the periodicity word and one more word ("Monthly Hires"); a longer
  label ("Monthly Recurring Revenue", "Monthly Active Users") names a measure defined per
  period, whose own word is no request to break the answer down;
- the question's words for the metric begin with a periodicity word of the same grain
  ("monthly", 月度, 按月, 每月) — the bare head ("shipments in 2023") stays one total;
- no grain, period mean ("average monthly …") or comparison is asked already.
"""

from __future__ import annotations

from nl2sql.general import ROLES
from nl2sql.rules.state import ParseState

_ADJ = "grainadj:"


def _grain_of(word: str) -> str | None:
    """The grain a periodicity word names ("monthly" -> month), None for any other word."""
    role = ROLES.get(word.strip().lower(), "")
    return role[len(_ADJ) :] if role.startswith(_ADJ) else None


def _leading_grain(text: str) -> str | None:
    """The grain of the periodicity word ``text`` begins with ("monthly shipments", 月度发货)."""
    text = text.strip().lower()
    first = text.split()[0] if text.split() else ""
    if first and first != text and (grain := _grain_of(first)):
        return grain
    for n in (4, 3, 2):  # Chinese: no spaces; the longest periodicity prefix
        if len(text) > n and not text[:n].isascii() and (grain := _grain_of(text[:n])):
            return grain
    return None


def group_by_label_grain(p: ParseState) -> None:
    """Group by the grain of a metric label's periodicity word the question said."""
    if p.period_mean or p.derived is not None:
        return
    if any(g.startswith("metric_time__") for g in p.group_by):
        return
    for it in p.its:
        if it.kind != "domain" or it.sense is None or it.sense.kind != "metric":
            continue
        metric = p.catalog.metric(it.sense.name)
        if metric is None or it.sense.name not in p.metrics:
            continue
        label_words = (metric.label or "").split()
        if len(label_words) != 2 or (grain := _grain_of(label_words[0])) is None:
            continue
        if _leading_grain(it.text) == grain:
            p.add_group(f"metric_time__{grain}")
            return
