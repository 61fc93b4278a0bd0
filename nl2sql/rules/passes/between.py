"""Pass: "<metric> between X and Y" is the metric at least X and at most Y.

Why: "countries with an unemployment rate between 6 and 9 percent", "facilities with total
revenue between 50000 and 90000" were refused ("I don't know what the number '6' refers to"):
"between" is a grammar word the time parser reads for dates only, and the two numbers found no
comparison word. Both bounds apply to the metric written right before "between" (an inclusive
range, as SQL's BETWEEN); a percent sign on the upper bound alone ("between 5 and 10%") marks
both. Chinese says 在X到Y之间 / 介于X和Y之间. Anything else — no metric right before, a bound
that is no plain number, years ("between 2023 and 2025" is a time range) — is left as it was.
"""

from __future__ import annotations

from nl2sql.rules.items import Item
from nl2sql.rules.state import ParseState

#: the words that open a range before its first number
_OPENERS = frozenset({"between", "在", "介于"})
#: the words between the two numbers
_JOINERS = frozenset({"and", "to", "到", "至", "和", "与"})
#: the words that may close a Chinese range after the second number
_CLOSERS = frozenset({"之间", "间"})
#: the words that may stand between the metric and the range ("is", "was", 的)
_COPULAS = frozenset({"is", "was", "are", "were", "be", "of"})


def _year(it: Item) -> bool:
    n = it.number
    return not it.pct and n is not None and float(n).is_integer() and 1900 <= n <= 2100


def _range_at(p: ParseState, k: int) -> tuple[Item, Item, list[Item]] | None:
    """(low, high, the range's other words) when ``p.all[k]`` opens a numeric range."""
    words = p.all
    if k + 3 >= len(words) or words[k].text.strip().lower() not in _OPENERS:
        return None
    low, join, high = words[k + 1], words[k + 2], words[k + 3]
    if low.kind != "num" or high.kind != "num" or join.text.strip().lower() not in _JOINERS:
        return None
    if low.used or high.used or (_year(low) and _year(high)):
        return None
    extra = [words[k], join]
    after = words[k + 4] if k + 4 < len(words) else None
    if after is not None and after.text.strip() in _CLOSERS:
        extra.append(after)
    elif words[k].text.strip() != "between":
        return None  # 在X到Y without 之间 is a span of something else (dates, ranks)
    return low, high, extra


def _metric_before(p: ParseState, k: int) -> Item | None:
    """The metric item written right before the range (copulas and articles skipped)."""
    for it in reversed(p.all[:k]):
        text = it.text.strip().lower()
        if it.kind == "stop" and text in _COPULAS:
            continue
        if it.kind == "domain" and not it.used and p.subject_metric(it):
            return it
        return None
    return None


def read_between(p: ParseState) -> list[tuple[Item, Item, Item, list[Item]]]:
    """Every "<metric> between X and Y" of the question, as (metric item, low, high, other
    words); the threshold pass turns each into two conditions."""
    out = []
    for k in range(len(p.all)):
        found = _range_at(p, k)
        if found is None:
            continue
        low, high, extra = found
        metric = _metric_before(p, k)
        if metric is None:
            continue
        if high.pct and not low.pct:
            low.pct = True  # "between 5 and 10%": both are percentages
        out.append((metric, low, high, extra))
    return out
