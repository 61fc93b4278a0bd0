"""Pass: "12月日均收入", "平均每天多少趟", "average daily revenue", "average trips per day".

Why: these ask for one number per group — the mean over the days of each day's total — and were
refused ("the model's metrics are totals per period"), although the model's daily totals answer
them: the query grouped by day, each metric averaged over the days (``Derived("mean")``,
:mod:`nl2sql.derived`). The readings taken are the average word right before the period word
(平均每天, 平均每日, average daily), a word that says both (日均, 月均, 年均), and English "average
<metric> per <period>". The period word comes second: "daily average X", "每天的平均X" and
"X by day" ask for the series of days and are read as before.
"""

from __future__ import annotations

from nl2sql.derived import Derived
from nl2sql.rules.items import Item, Refusal
from nl2sql.rules.state import ParseState


def _role(it: Item | None, prefix: str) -> str | None:
    """The grain of a role item whose role starts with ``prefix`` ("grainadj:" -> "day")."""
    if it is not None and it.kind == "role" and it.role.startswith(prefix):
        return it.role.split(":")[1]
    return None


def _is_avg(it: Item | None) -> bool:
    return it is not None and it.kind == "role" and it.role == "avg"


def _per_grain(words: list[Item], k: int) -> tuple[str, list[Item]] | None:
    """English "average <metric words> per <period>": the grain and the per/period items."""
    for j in range(k + 1, min(k + 5, len(words) - 1)):
        per = words[j]
        if per.kind == "role" and per.role == "group" and per.text.strip().lower() == "per":
            grain = _role(words[j + 1], "grain:")
            return (grain, [per, words[j + 1]]) if grain else None
    return None


def _find(words: list[Item]) -> tuple[str, list[Item]] | None:
    for k, it in enumerate(words):
        grain = _role(it, "periodavg:")
        if grain:
            return grain, [it]
        if not _is_avg(it) or it.used:
            continue
        nxt = words[k + 1] if k + 1 < len(words) else None
        grain = _role(nxt, "grainadj:")
        if grain and nxt is not None:
            return grain, [it, nxt]
        per = _per_grain(words, k)
        if per is not None:
            return per[0], [it, *per[1]]
    return None


def read_period_mean(p: ParseState) -> None:
    """Record the mean over periods (``p.period_mean``); the period is no breakdown."""
    words = [it for it in p.all if it.text.strip() and it.text.strip() != "的"]
    found = _find(words)
    if found is None:
        return
    grain, items = found
    for it in items:
        it.used = True
        if _is_avg(it):  # read: no later rule takes it for "average <metric>"
            it.role = f"periodavg:{grain}"
    group = f"metric_time__{grain}"
    if group in p.group_by:
        p.group_by.remove(group)
    p.period_mean = grain


def settle_period_mean(p: ParseState) -> None:
    """Turn the recorded mean into the query's derived computation (at build time)."""
    if p.period_mean is None:
        return
    if p.derived is not None:
        raise Refusal(
            "a mean over periods cannot be combined with a share or a change here; ask for "
            "one of them",
            zh="按期平均不能与占比或环比/同比同时计算；请分开提问",
        )
    p.derived = Derived("mean", grain=p.period_mean)
