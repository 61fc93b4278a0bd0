"""Passes: "各渠道GMV占比", "每月订单数环比", "今年GMV同比", "GMV vs last month" — a share of
total or a change against an earlier period, computed over the result (``nl2sql.derived``).

Why two passes: the comparison words and a compared period ("vs *last month*", "比*上月*")
must be claimed before the time range is taken (two time expressions would be refused as two
ranges), while whether the comparison can be computed depends on the metrics and grains found
later. Nothing here is ignored: a comparison that cannot be computed is refused with the reason
and a question that can.

This module is the first pass (reading); the second, settling, is
``passes.settle_comparisons``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from nl2sql.derived import Derived, period_grain
from nl2sql.general import ROLES
from nl2sql.period_compare import period_label
from nl2sql.rules.items import Item, Refusal
from nl2sql.rules.passes.named_periods import (
    change_asked,
    one_year,
    read_named_periods,
    refuse_two_anchors,
)
from nl2sql.rules.state import ParseState
from nl2sql.timeparse import TimeMatch, add_months, year_range
from semantic_layer.query import TimeRange

_KINDS = ("share", "pop", "yoy", "growth")
_YEAR = re.compile(r"^(19|20)\d\d$")
#: the Chinese word of each time grain, for refusals that name the grain
GRAIN_ZH = {"day": "日", "week": "周", "month": "月", "quarter": "季度", "year": "年"}


def _role(it: Item) -> str:
    return it.role.split(":")[0] if it.kind == "role" else ""


def _comparison_words_over_metric_terms(p: ParseState) -> None:
    """ "每月订单数环比": a word that is both a comparison word and a model metric's synonym
    ("环比" of a GMV-growth metric) is the comparison when another metric is named."""
    for it in p.its:
        role = ROLES.get(it.text.strip().lower(), "")
        if it.kind != "domain" or role.split(":")[0] not in _KINDS:
            continue
        others = [x for x in p.its if x is not it and x.kind == "domain" and x.is_kind("metric")]
        if others:
            it.kind, it.role, it.senses = "role", role, []


def _next_period(tr: TimeRange, grain: str) -> TimeRange:
    assert tr.end is not None
    months = {"month": 1, "quarter": 3, "year": 12}.get(grain, 0)
    end = (
        add_months(tr.end, months)
        if months
        else tr.end + dt.timedelta(days=7 if grain == "week" else 1)
    )
    return TimeRange(start=tr.end, end=end)


#: "the previous month", "the prior quarter": a period named relative to another one
_PREVIOUS = re.compile(r"^(?:the\s+)?(?:previous|prior|preceding)\s+(day|week|month|quarter|year)$")


def _previous_period(p: ParseState) -> None:
    """ "GMV last month vs the previous month": after a comparison word, "the previous <grain>"
    is the period before the question's own named period, not the one before today.

    Why: the time parser reads "previous month" as last month (before today), so both periods
    were the same month and the question was refused as "the same period named twice"; after
    "vs" it names the month before the one asked about. Only with exactly one other named
    period of that grain; anything else is left as parsed.
    """
    times = [x for x in p.its if x.kind == "time" and x.time is not None]
    if len(times) != 2:
        return
    named, prev = times
    said = _PREVIOUS.match(prev.text.strip().lower())
    k = p.its.index(prev)
    if said is None or k == 0 or _role(p.its[k - 1]) != "compare":
        return
    grain = said.group(1)
    assert named.time is not None
    tr = named.time.range
    if tr.start is None or period_grain(tr) != grain:
        return
    months = {"month": 1, "quarter": 3, "year": 12}.get(grain)
    days = {"day": 1, "week": 7}.get(grain, 0)
    start = add_months(tr.start, -months) if months else tr.start - dt.timedelta(days=days)
    assert prev.time is not None
    prev.time = TimeMatch(
        prev.time.start,
        prev.time.end,
        TimeRange(start=start, end=tr.start),
        f"上一{GRAIN_ZH[grain]}",
        f"the previous {grain}",
    )


def _base_item(p: ParseState, i: int) -> tuple[Item, Item | None] | None:
    """The compared period of the comparison word at ``i`` and the word linking it, if any:
    "vs *last month*", "比*上月*", "*和上个月*比", "compare with *2024*" (a bare year after the
    word, as the base of a year)."""
    nxt, prv, link = p.at(i + 1), p.at(i - 1), p.at(i - 2)
    if nxt is not None and nxt.kind == "role" and nxt.role.startswith("grain:"):
        _period_before(p, p.its[i], nxt)
    if nxt is not None and nxt.kind == "time" and nxt.time is not None:
        return nxt, None
    if (
        prv is not None
        and prv.kind == "time"
        and prv.time is not None
        and link is not None
        and link.kind == "role"
        and link.role == "and"
    ):
        return prv, link  # "本月GMV和上月相比", "和去年比呢"
    if nxt is not None and nxt.kind == "num" and _YEAR.match(nxt.text.strip()):
        others = [x for x in p.its if x.kind == "time" and x.time is not None]
        if (p.context is not None and not others) or any(
            period_grain(x.time.range) == "year" for x in others if x.time is not None
        ):
            year = int(nxt.text.strip())
            nxt.kind = "time"
            nxt.time = TimeMatch(nxt.start, nxt.end, year_range(year), f"{year}年", str(year))
            return nxt, None
    return None


#: words after "the <grain>" that make it the period before the one named ("the month before")
_BEFORE = frozenset({"before", "earlier"})


def _period_before(p: ParseState, cmp: Item, grain_word: Item) -> None:
    """ "GMV last month vs the month before": "the <grain> before" after a comparison word is
    the period of that grain just before the question's own period; the grain item becomes that
    time. Before, "month" was read as a monthly breakdown and "before" as grammar, and the
    answer showed last month alone as if compared (a wrong answer)."""
    grain = grain_word.role.split(":", 1)[1]
    words = [x for x in p.all if x.text.strip()]
    k = words.index(grain_word) if grain_word in words else -1
    between = [x.text.strip().lower() for x in words if cmp.end <= x.start < grain_word.start]
    after = words[k + 1] if 0 <= k < len(words) - 1 else None
    if between not in ([], ["the"]) or after is None or after.text.strip().lower() not in _BEFORE:
        return
    named = [x for x in p.its if x.kind == "time" and x.time is not None]
    if len(named) != 1 or named[0].time is None:
        return
    tr = named[0].time.range
    if period_grain(tr) != grain or tr.start is None:
        return
    months = {"month": 1, "quarter": 3, "year": 12}.get(grain)
    days = {"day": 1, "week": 7}.get(grain, 0)
    start = add_months(tr.start, -months) if months else tr.start - dt.timedelta(days=days)
    after.used = True
    grain_word.kind, grain_word.role, grain_word.end = "time", "", after.end
    grain_word.time = TimeMatch(
        grain_word.start,
        after.end,
        TimeRange(start=start, end=tr.start),
        f"上一{GRAIN_ZH[grain]}",
        f"the {grain} before",
    )


def _compared_period(p: ParseState) -> tuple[str, str] | None:
    """ "GMV vs last month", "本月GMV比上月": the period after a comparison word is the base.

    Returns (kind, grain) and leaves the current period as the question's one time range. A
    base that is neither the period before nor a year earlier, of the same length as the
    question's period ("3月的GMV和1月比"), makes a comparison of the two named periods.
    """
    for i, it in enumerate(p.its):
        found = _base_item(p, i) if _role(it) == "compare" else None
        if found is None:
            continue
        nxt, link = found
        assert nxt.time is not None
        base = nxt.time.range
        grain = period_grain(base)
        if grain is None:
            raise Refusal(
                f"'{nxt.text}' is not one whole period to compare with; compare with a whole "
                "day, week, month, quarter or year (e.g. vs last month)",
                zh=f"“{nxt.text}”不是一个完整的周期，无法对比；请与整日、周、月、季度或年对比（如：比上月）",
                words=[nxt.text],
            )
        others = [x for x in p.its if x.kind == "time" and x is not nxt]
        current = others[0].time.range if others and others[0].time else None
        assert base.start is not None
        for used in (it, nxt, link):
            if used is not None:
                used.used = True
        if current is None and (kept := _followup_period(p, nxt, base, grain)) is not None:
            _drop(p, nxt, link)
            return kept
        if current is None:
            current = _next_period(base, grain)
            p.result.time = TimeMatch(
                nxt.start,
                nxt.end,
                current,
                f"本期（较{nxt.time.label_zh}）",
                f"the current {grain} (vs {nxt.time.label_en})",
            )
        if others and not _pop_or_yoy(current, base, grain) and others[0].time is not None:
            # "March 2025 vs February": the month without a year is in the year written
            current, base = one_year([(others[0], others[0].time), (nxt, nxt.time)])
            others[0].time = TimeMatch(
                others[0].start,
                others[0].end,
                current,
                others[0].time.label_zh,
                others[0].time.label_en,
            )
        assert base.start is not None
        if others and others[0].time is not None and nxt.time is not None:
            # "2026年9月的订单数比上月…": 上月 before September or before today's month?
            refuse_two_anchors(p, [(others[0], others[0].time), (nxt, nxt.time)], grain)
        diff = next((x.role for x in p.its if _role(x) == "diff"), None)
        if others and diff is not None and current != base:
            # "2025年GMV比2024年多多少": both periods' rows and the difference, the question's way
            # round (A - B; "少多少": B - A)
            _drop(p, nxt, link)
            pair = (base, current) if diff.endswith(":less") else (current, base)
            _periods(p, others[0], pair, grain, said=True)
            return "periods", grain
        if current.start == base.end:
            kind = "pop"
        elif grain != "year" and current.start == add_months(base.start, 12):
            kind = "yoy"
        elif period_grain(current) == grain and current != base:
            _drop(p, nxt, link)
            _periods(p, others[0], (current, base), grain)
            return "periods", grain
        else:
            raise Refusal(
                f"'{nxt.text}' is neither the period just before the question's period nor the "
                "same period a year earlier, nor a period of the same length",
                zh=f"“{nxt.text}”既不是上一期，也不是去年同期，也不是同样长度的时段，无法对比",
                words=[nxt.text],
            )
        _drop(p, nxt, link)
        return kind, grain
    return None


def _pop_or_yoy(current: TimeRange, base: TimeRange, grain: str) -> bool:
    assert base.start is not None
    return current.start == base.end or (
        grain != "year" and current.start == add_months(base.start, 12)
    )


def _drop(p: ParseState, *items: Item | None) -> None:
    for x in items:
        if x is not None and x in p.its:
            p.its.remove(x)


def _periods(
    p: ParseState,
    current: Item,
    ranges: tuple[TimeRange, TimeRange],
    grain: str,
    said: bool = False,
) -> None:
    """Record two named periods compared; ``current`` becomes the time item spanning both.

    ``said``: ``ranges`` is (minuend, subtrahend) as the question says it ("A比B多多少" = A - B,
    "A比B少多少" = B - A), so the difference is taken that way round; else oldest first."""
    starts = sorted(r.start for r in ranges if r.start is not None)
    ends = [r.end for r in ranges if r.end is not None]
    days = tuple(str(d) for d in starts)
    if said:
        days = tuple(str(r.start) for r in reversed(ranges))
    p.derived = Derived("periods", grain=grain, periods=days)
    current.time = TimeMatch(
        current.start,
        current.end,
        TimeRange(start=starts[0], end=max(ends)),
        " 与 ".join(period_label(d, grain, "zh") for d in days),
        " and ".join(period_label(d, grain, "en") for d in days),
    )


def _followup_period(
    p: ParseState, nxt: Item, base: TimeRange, grain: str
) -> tuple[str, str] | None:
    """ "compare with last year", "和2024年比呢" after "GMV in 2025": the follow-up compares the
    previous answer's period (the question names no metric and no other time) with ``base``.

    The same period a year earlier (a year before a month: "this month" → "compare with last
    year") or the one just before is a change over time; another period of the same length is
    a comparison of the two named periods; anything else is refused. None when this is not
    such a follow-up (no context, or the context has no time range).
    """
    prev = p.context.time_range if p.context is not None else None
    if prev is None or prev.start is None or any(x.is_kind("metric") for x in p.its):
        return None
    own = period_grain(prev)
    assert base.start is not None and nxt.time is not None
    label_zh = period_label(str(prev.start), own, "zh") if own else f"{prev.start} ~ {prev.end}"
    label_en = period_label(str(prev.start), own, "en") if own else f"{prev.start} ~ {prev.end}"
    p.result.time = TimeMatch(nxt.start, nxt.end, prev, label_zh, label_en)
    if own == grain and prev.start == base.end:
        return "pop", grain
    year_before = add_months(prev.start, -12)
    if own is not None and (
        (own == grain and base.start == year_before)
        or (grain == "year" and base.end is not None and base.start <= year_before < base.end)
    ):
        return "yoy", own
    if own is not None and own == grain and prev != base:
        _periods(p, nxt, (prev, base), own)
        p.result.time = nxt.time
        return "periods", own
    raise Refusal(
        f"'{nxt.text}' and the previous answer's period ({label_en}) are not periods of the "
        "same length; compare periods of the same length",
        zh=f"“{nxt.text}”与上一个回答的时段（{label_zh}）长度不同，无法对比；请对比同样长度的时段",
        words=[nxt.text],
        kind="period",
    )


def read_comparisons(p: ParseState) -> None:
    """Claim share / change words and a compared period; record what to compute."""
    _comparison_words_over_metric_terms(p)
    _previous_period(p)
    if read_named_periods(p):  # "orders in 2024 vs 2023": one row per period
        others = [it for it in p.its if _role(it) in _KINDS and not it.used]
        if others:
            raise Refusal(
                "one comparison at a time: named periods side by side, or a share of total, "
                "or a change against the previous period",
                zh="一次只能做一种对比：时段对比、占比、环比或同比",
            )
        return
    words = [it for it in p.its if _role(it) in _KINDS and not it.used]
    compared = _compared_period(p)
    if not words and compared is None:
        return
    kinds = {_role(it) for it in words if _role(it) != "growth"}
    grains = {it.role.split(":")[1] for it in words if ":" in it.role}
    if compared is not None and compared[0] == "periods":  # "3月的GMV和1月比", "和2024年比呢"
        if any(_role(w) != "growth" for w in words):
            raise Refusal(
                "one comparison at a time: named periods side by side, or a share of total, "
                "or a change against the previous period",
                zh="一次只能做一种对比：时段对比、占比、环比或同比",
            )
        assert p.derived is not None
        p.derived = replace(p.derived, change=change_asked(p))
        return
    if compared is not None:
        kinds.add(compared[0])
        grains.add(compared[1])
    for it in words:
        it.used = True
    if not kinds:  # "GMV growth" with nothing to grow from
        raise Refusal(
            "growth against which period? say month over month (环比) or year over year (同比), "
            "e.g. 'GMV by month, month over month'",
            zh="相对哪一期增长？请说明环比或同比，例如“每月GMV环比”",
        )
    if len(kinds) > 1 or len(grains) > 1:
        raise Refusal(
            "one comparison at a time: a share of total, or a change against the previous "
            "period, or against the same period last year",
            zh="一次只能做一种对比：占比、环比或同比",
        )
    p.derived = Derived(kinds.pop())  # type: ignore[arg-type]
    p.derived_grain = grains.pop() if grains else None
