"""Pass: "借阅增长最快的分馆", "fastest loan growth": the fastest growth is the highest growth.

Why: "fastest" / 最快 (and "slowest" / 最慢) are ranking words whose direction the general
vocabulary sets for a *duration* — the fastest delivery takes the least time, so they read as
"bottom" ("top" for slowest). Said of a growth, speed is size: the library branch whose loans
grew fastest has the *largest* growth rate. Read as a duration, "借阅增长最快的分馆" (on a "Loan
Growth Rate (%)" metric) answered the branch of the lowest growth — a wrong answer. So when
the ranked word names a growth (the words the question says for it, or its metric's name or
label, hold a growth word: growth, 增长, 增速, 涨幅…), fastest ranks from the top and slowest
from the bottom. Durations and every other metric keep the general direction.
"""

from __future__ import annotations

from nl2sql.rules.items import Item
from nl2sql.rules.state import ParseState

#: speed superlatives -> their direction when said of a growth
_SPEED = {
    "fastest": "top",
    "quickest": "top",
    "最快": "top",
    "slowest": "bottom",
    "最慢": "bottom",
}
#: words that make a metric a growth (change per period), in English and Chinese
_GROWTH_EN = frozenset({"growth", "growing", "grew", "grow", "grows"})
_GROWTH_ZH = ("增长", "增速", "增幅", "涨幅", "上涨", "增加")


def _says_growth(text: str) -> bool:
    low = text.lower()
    return bool(_GROWTH_EN & set(low.replace("_", " ").split())) or any(
        w in text for w in _GROWTH_ZH
    )


def _names_growth(p: ParseState, x: Item) -> bool:
    """Whether ``x`` (a term) names a growth: its own words, or a metric it may mean. A
    growth *word* alone ("销售额增长最快": a change the engine computes) is not one: which rows
    rank is then the change's, settled by the comparison passes."""
    if x.kind != "domain":
        return False
    if _says_growth(x.text):
        return True
    for s in x.senses:
        m = p.catalog.metric(s.name) if s.kind == "metric" else None
        if m is not None and (_says_growth(m.name) or _says_growth(m.label or "")):
            return True
    return False


def read_growth_speed(p: ParseState) -> None:
    """Turn "fastest"/最快 after or before a growth into "top" (and slowest into "bottom")."""
    for k, it in enumerate(p.its):
        if it.kind != "role" or it.used or it.role not in ("top", "bottom"):
            continue
        direction = _SPEED.get(it.text.strip().lower())
        if direction is None:
            continue
        near = [p.at(k - 1), p.at(k + 1)]
        if any(x is not None and _names_growth(p, x) for x in near):
            it.role = direction
