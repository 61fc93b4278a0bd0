"""Running totals against period totals: what a cumulative word or metric asks for.

Why a rule of its own: the two readings give different numbers on the same rows and both look
plausible. "2024年每月的累计收入" is a running total per month; read as the month's own total (累计
is otherwise a filler, "累计收入" = the total) it answered each month alone. A cumulative metric
with a window or a grain-to-date ("GMV month to date", "revenue over the trailing 2 months") has
a value only on a day; asked with no time grain it summed every row of all time.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from nl2sql.rules.items import Refusal
from nl2sql.rules.state import GRAINS, ParseState
from semantic_layer.query import TimeRange

#: words that make a per-period breakdown a running total
RUNNING_WORDS = frozenset({"累计", "累积", "cumulative", "running", "cumulatively"})


def _time_grouped(p: ParseState) -> bool:
    return any(g.startswith("metric_time__") or g.rpartition("__")[2] in GRAINS for g in p.group_by)


def check_running_total(p: ParseState) -> None:
    """Refuse a running-total word over periods when no metric asked is cumulative.

    Only with a time breakdown: without one "累计收入" / "截至6月底的累计航班数" is the total
    over the range, which the metric gives as it is.
    """
    if not _time_grouped(p) or not any(it.text.lower() in RUNNING_WORDS for it in p.all):
        return
    if any(
        (m := p.catalog.metric(name)) is not None and m.metric_type == "cumulative"
        for name in p.metrics
    ):
        return
    word = next(it.text for it in p.all if it.text.lower() in RUNNING_WORDS)
    raise Refusal(
        f"'{word}' asks for a running total over the periods, and the model has no cumulative "
        "metric for this; ask for the total of each period, or for the total up to a date",
        zh=f"“{word}”要求按期间逐期累加，而模型中没有对应的累计指标；"
        "请改问每期的数值，或截至某日的总数",
        words=[word],
        kind="negation",  # the word must not be rewritten away by a suggestion
    )


def check_windowed_grain(p: ParseState) -> None:
    """Refuse a windowed cumulative metric asked without a time grain: read on which day?"""
    if _time_grouped(p):
        return
    for name in p.metrics:
        m = p.catalog.metric(name)
        if m is not None and m.windowed:
            raise Refusal(
                f"{m.label} is a running total read on each day (a window or a period to date); "
                "ask for it by day, week or month, or ask for the plain metric over a period",
                zh=f"{m.label}是按日滚动累计的指标；请按天、周或月查看，或改问某一期间的普通指标",
                kind="period",
            )


#: words saying "up to and including" a date ("ARR as of August 31", "截至8月31日的ARR")
_AS_OF = (("as", "of"), ("截至",), ("截止",), ("截止到",), ("截至到",))


def _all_time_running(p: ParseState, name: str) -> bool:
    """Whether ``name`` is a running total over all time (a cumulative metric without window
    or period to date, or a derived metric of such metrics: MRR = ARR / 12)."""
    m = p.catalog.metric(name)
    return m is not None and m.running


def _as_of_said(p: ParseState) -> bool:
    words = [it.text.strip().lower() for it in p.all if it.text.strip()]
    return any(tuple(words[k : k + len(w)]) == w for w in _AS_OF for k in range(len(words)))


def as_of_today(p: ParseState, tr: TimeRange | None) -> TimeRange | None:
    """ "What is our ARR today?": a running total over all time asked for today (or "as of" /
    截至 one day) is its value up to that day, not the sum of that day's rows alone.

    Why: the range "today" kept only the rows dated today, so a running total recorded by month
    (ARR as the sum of monthly movements) answered NULL, and any other one the day's movement —
    a different number from the one asked for. Only today or a day said "as of": a named period
    ("ARR in September", "ARR on August 31") stays the period's rows, as the model's own
    compiler reads it.
    """
    today = p.today
    if tr is None or tr.start is None or tr.end != tr.start + dt.timedelta(days=1):
        _say_period_rows(p, tr)
        return tr  # only one day: a named period stays the period's rows
    if (
        (tr.start != today and not _as_of_said(p))
        or not p.metrics
        or _time_grouped(p)
        or not all(_all_time_running(p, m) for m in p.metrics)
    ):
        return tr
    up_to = TimeRange(start=None, end=tr.end)
    if p.result.time is not None:  # the interpretation says so: "up to today (< 2026-11-01)"
        day = tr.start.isoformat() if tr.start != today else ""
        p.result.time = dataclasses.replace(
            p.result.time,
            range=up_to,
            label_zh=f"截至{day or '今天'}",
            label_en=f"up to {day or 'today'}",
        )
    return up_to


def _say_period_rows(p: ParseState, tr: TimeRange | None) -> None:
    """ "cumulative revenue in September": the period's own rows (its movement), as MetricFlow
    compiles a running total under a time constraint — not the running total at the period's
    end, which a reader may well expect. The time label says which one was computed."""
    if tr is None or tr.start is None or tr.end is None or p.result.time is None:
        return
    if not p.metrics or _time_grouped(p) or not all(_all_time_running(p, m) for m in p.metrics):
        return
    t = p.result.time
    if "movement" in t.label_en:
        return
    p.result.time = dataclasses.replace(
        t,
        label_en=f"{t.label_en} (the rows dated in it: its movement, not the running total at "
        "its end)",
        label_zh=f"{t.label_zh}（该期间内的发生额，不是期末的累计值）",
    )
