"""Pass: two or more named periods of one metric compared ("orders in 2024 vs 2023",
"2024年和2023年的订单数对比", "revenue in Q1 vs Q2 by channel", "3月和4月的GMV相比增长了多少").

Why a pass of its own: two time expressions were refused as two ranges ("ask about one at a
time"), and a period after "vs" was read only as the base of a change against the period just
before or a year earlier. Periods joined by "and"/"vs"/"和"/"与" that are each one whole calendar
period of the same length are one comparison: the query is grouped by that grain over the span
from the first to the last and the named periods' rows are kept (``nl2sql.period_compare``);
"增长"/"growth"/"多多少"/"difference" add the change of each against the one before. Periods
of different lengths ("March vs Q1") or not one whole period ("上半年") are refused: a half year
or a 30-day window is not a row the model groups by, and set side by side with a month it would
compare unlike things.
"""

from __future__ import annotations

import datetime as dt
import re

from nl2sql.derived import MAX_PERIODS, Derived, period_grain
from nl2sql.normalize import normalize
from nl2sql.period_compare import period_label
from nl2sql.rules.items import Item, Refusal
from nl2sql.rules.state import ParseState
from nl2sql.timeparse import TimeMatch, add_months, find_times, year_range
from semantic_layer.query import TimeRange

#: the roles of the words that ask for the difference or the change between the periods
_CHANGE_ROLES = ("growth", "diff", "trend")
#: English words for the same that are no role of their own
_CHANGE_WORDS = frozenset({"difference", "change", "changed", "how much more", "how much less"})
_YEAR = re.compile(r"^(19|20)\d\d$")


def _link(it: Item | None) -> bool:
    """Whether ``it`` joins two periods: "and", "、", "vs", "compared with", "与"."""
    return it is not None and it.kind == "role" and it.role.split(":")[0] in ("and", "compare")


def _as_year(it: Item | None, grain_of_other: str | None) -> TimeMatch | None:
    """A bare year number beside a year ("2024 vs *2023*") is that year."""
    if it is None or it.kind != "num" or grain_of_other != "year":
        return None
    text = it.text.strip()
    if not _YEAR.match(text):
        return None
    year = int(text)
    return TimeMatch(it.start, it.end, year_range(year), f"{year}年", text)


def _time(it: Item | None, grain_of_other: str | None) -> TimeMatch | None:
    if it is not None and it.kind == "time" and it.time is not None:
        return it.time
    return _as_year(it, grain_of_other)


def _chain(p: ParseState) -> list[tuple[Item, TimeMatch]] | None:
    """The first run "period (link period)+" of the question's items, if any."""
    for i in range(len(p.its)):
        first = p.its[i]
        nxt_time = _time(p.at(i + 2), None)
        grain = period_grain(nxt_time.range) if nxt_time else None
        t = _time(first, grain or "year") if first.kind == "num" else _time(first, None)
        if t is None:
            continue
        chain = [(first, t)]
        j = i
        while _link(p.at(j + 1)):
            nxt = _time(p.at(j + 2), period_grain(chain[-1][1].range))
            if nxt is None:
                break
            chain.append((p.its[j + 2], nxt))
            j += 2
        if len(chain) > 1 and any(it.kind == "time" for it, _ in chain):
            return chain
    return None


_MONTHS = (
    "jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    "sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
#: a period written without its year and not relative to today: "April", "4月", "Q2", "第二季度",
#: "March 3", "3月5日" (not "this month", "去年3月", "2025年4月")
_YEARLESS = re.compile(
    rf"(?:(?:in|for|during)\s+)?(?:(?:{_MONTHS})\.?(?:\s+\d{{1,2}}(?:st|nd|rd|th)?)?|q[1-4]"
    r"|\d{1,2}\s*月(?:\s*\d{1,2}\s*[日号])?|第?[1-4一二三四]\s*季度)"
)


def in_year(r: TimeRange, year: int) -> TimeRange | None:
    """``r`` (a month, a quarter or a day) moved to ``year``; None for another range.

    >>> import datetime as dt
    >>> in_year(TimeRange(start=dt.date(2026, 4, 1), end=dt.date(2026, 5, 1)), 2024).start
    datetime.date(2024, 4, 1)
    """
    import datetime as dt

    from nl2sql.timeparse import add_months

    grain = period_grain(r)
    if r.start is None or grain not in ("day", "month", "quarter"):
        return None
    try:
        start = r.start.replace(year=year)
    except ValueError:  # 29 February
        return None
    months = {"month": 1, "quarter": 3}.get(grain or "")
    return TimeRange(
        start=start, end=add_months(start, months) if months else start + dt.timedelta(1)
    )


def one_year(chain: list[tuple[Item, TimeMatch]]) -> list[TimeRange]:
    """The periods' ranges, a period written without its year in the year the others name:
    "2024年3月和4月" is April 2024 and "March vs April 2025" March 2025 (read alone, a month
    without a year is the latest one, which set beside another year's compares the wrong
    months). Several different years written and one left out is refused."""
    ranges = [t.range for _, t in chain]
    written = [not _YEARLESS.fullmatch(it.text.strip().lower()) for it, _ in chain]
    if all(written) or not any(written):
        return ranges
    years = {r.start.year for r, w in zip(ranges, written, strict=True) if w and r.start}
    if len(years) != 1:
        raise Refusal(
            "the periods name different years and one names none; say the year of each period",
            zh="对比的时段写了不同的年份，且有的时段没写年份；请写明每个时段的年份",
            kind="period",
        )
    year = years.pop()
    out = []
    for r, w in zip(ranges, written, strict=True):
        moved = r if w else in_year(r, year)
        if moved is None:
            return ranges
        out.append(moved)
    return out


def _each_alone(p: ParseState, chain: list[tuple[Item, TimeMatch]]) -> list[str]:
    """The question asked of each period alone ("revenue march" and "revenue q1" for "revenue
    March vs Q1"): runnable suggestions that drop no condition, only the comparison."""
    q = normalize(p.result.question).strip()
    a = q.find(chain[0][0].text.lower())
    b = q.rfind(chain[-1][0].text.lower())
    if a < 0 or b < a:
        return []
    b += len(chain[-1][0].text)
    rest = q[b:]
    for it in p.all:  # "… 相比增长了多少" asked of one period has nothing to compare with
        role = it.role.split(":")[0] if it.kind == "role" else ""
        if role in ("compare", *_CHANGE_ROLES) or (role == "howmany" and "多少" in it.text):
            rest = rest.replace(it.text.lower(), "", 1)
    rest = re.sub(r"了\s*$", "", rest) if rest != q[b:] else rest
    return [f"{q[:a]}{it.text}{rest}".strip() for it, _ in chain]


def _refuse_unlike(
    p: ParseState, chain: list[tuple[Item, TimeMatch]], grains: list[str | None]
) -> None:
    texts = [it.text.strip() for it, _ in chain]
    alone = _each_alone(p, chain)
    bad = next((k for k, g in enumerate(grains) if g is None), None)
    if bad is not None:
        raise Refusal(
            f"'{texts[bad]}' is not one whole day, week, month, quarter or year; periods are "
            "compared one whole period each (e.g. 2024 vs 2023, March vs April, Q1 vs Q2)",
            zh=f"“{texts[bad]}”不是一个完整的日、周、月、季度或年；对比的每个时段须是一个完整周期"
            "（如2024年和2023年、3月和4月、第一季度和第二季度）",
            words=alone,
            kind="questions",
        )
    raise Refusal(
        f"the periods compared are of different lengths ({', '.join(texts)}: "
        f"{', '.join(str(g) for g in grains)}); compare periods of the same length",
        zh=f"对比的时段长度不同（{'、'.join(texts)}）；请对比同样长度的时段",
        words=alone,
        kind="questions",
    )


def change_asked(p: ParseState) -> bool:
    """Claim the words asking for the difference / change; whether there were any."""
    asked = False
    for it in p.its:
        word = it.text.strip().lower()
        if (it.kind == "role" and it.role.split(":")[0] in _CHANGE_ROLES) or (
            word in _CHANGE_WORDS
        ):
            it.used = asked = True
    # "2025年和2024年的GMV变化": the change between the periods, not a trend by a finer grain
    p.its = [it for it in p.its if not (it.kind == "role" and it.role == "trend")]
    return asked


#: months in one period of each grain a "previous period" word can step back by
_GRAIN_MONTHS = {"month": 1, "quarter": 3, "year": 12}


def _anchor(it: Item, t: TimeMatch, today: dt.date) -> str:
    """How ``it`` names its period: "today" when counted from today ("上月", "last month",
    "last year"), "written" when it reads the same on any day ("2026年9月", "Q3 2025"), ""
    for anything else (a yearless month taking the other period's year, "the month before",
    a bare year number beside a year).

    Why by reading it on another day: only a word counted from today moves with the day."""
    if _YEARLESS.fullmatch(it.text.strip().lower()):
        return ""
    now, later = find_times(it.text, today), find_times(it.text, dt.date(today.year + 3, 1, 1))
    if len(now) != 1 or len(later) != 1 or now[0].range != t.range:
        return ""
    return "written" if later[0].range == t.range else "today"


def refuse_two_anchors(
    p: ParseState, chain: list[tuple[Item, TimeMatch]], grain: str | None
) -> None:
    """Ask back when a written period is compared with "the previous" one counted from today.

    Why: "2026年9月的订单数比上月增长了多少" — 上月 may be the month before September or the
    month before today's; read from today it compared September with November and gave the
    change with the wrong sign. Both readings are offered as runnable questions.
    """
    months = _GRAIN_MONTHS.get(grain or "")
    if months is None:
        return
    anchors = [_anchor(it, t, p.today) for it, t in chain]
    if sorted(anchors) != ["today", "written"]:
        return
    written = [chain[anchors.index("written")]]
    counted = [chain[anchors.index("today")]]
    (_, base), (word, said) = written[0], counted[0]
    if base.range.start is None or said.range.start is None:
        return
    before = add_months(base.range.start, -months)
    now = add_months(said.range.start, months)
    if said.range.start in (before, base.range.start) or now > p.today:
        return  # the readings agree, the word is the written period, or no "previous" one
    q = p.result.question
    zh = not q.isascii()
    offers = [
        q.replace(word.text, period_label(d.isoformat(), grain or "", "zh" if zh else "en"), 1)
        for d in (before, said.range.start)
    ]
    raise Refusal(
        f"'{word.text.strip()}' may be the period before {base.label_en} or the one before "
        "today's; say which",
        zh=f"“{word.text.strip()}”可能指{base.label_zh}的上一期，也可能指今天所在时段的上一期；请说明",
        words=offers,
        kind="questions",
    )


def read_named_periods(p: ParseState) -> bool:
    """Record a comparison of named periods (``Derived("periods")``); whether there was one.

    The periods become one time item spanning them, so the time-range pass takes one range.
    """
    chain = _chain(p)
    if chain is None:
        return False
    ranges = one_year(chain)
    links = [p.at(p.its.index(it) - 1) for it, _ in chain[1:]]
    # "orders in 2024 vs 2023", "this quarter vs last quarter": both named side by side are a
    # row each, adjacent or not (a base after the metric, "本月GMV比上月", stays a change)
    if len(ranges) > MAX_PERIODS:
        raise Refusal(
            f"at most {MAX_PERIODS} periods are compared at once; ask by a time grain instead",
            zh=f"一次最多对比{MAX_PERIODS}个时段；请改为按时间粒度查看",
            kind="period",
        )
    grains = [period_grain(r) for r in ranges]
    if len(set(grains)) != 1 or grains[0] is None:
        _refuse_unlike(p, chain, grains)
    grain = grains[0]
    assert grain is not None
    refuse_two_anchors(p, chain, grain)
    starts = sorted({r.start for r in ranges if r.start is not None})
    if len(starts) != len(ranges):
        raise Refusal(
            "the same period is named twice; name two different periods to compare",
            zh="同一个时段出现了两次；请对比两个不同的时段",
            kind="period",
        )
    ends = [r.end for r in ranges if r.end is not None]
    span = TimeRange(start=starts[0], end=max(ends))
    first, last = chain[0][0], chain[-1][0]
    isos = tuple(str(d) for d in starts)
    p.derived = Derived("periods", grain=grain, periods=isos, change=change_asked(p))
    first.kind = "time"
    first.time = TimeMatch(
        first.start,
        last.end,
        span,
        " 与 ".join(period_label(d, grain, "zh") for d in isos),
        " and ".join(period_label(d, grain, "en") for d in isos),
    )
    for it, _ in chain[1:]:
        it.used = True
        p.its.remove(it)
    for x in links:
        if x is not None:
            x.used = True
            if x in p.its:
                p.its.remove(x)
    # a comparison word elsewhere ("2024年和2023年的订单数*对比*") is this comparison's
    for it in p.its:
        if it.kind == "role" and it.role.startswith("compare"):
            it.used = True
    return True


def _span(d: Derived) -> TimeRange:
    """The range from the first named period's first day to the end of the last one."""
    import datetime as dt

    from nl2sql.timeparse import add_months

    assert d.grain is not None
    days = sorted(dt.date.fromisoformat(x) for x in d.periods)  # "A比B多多少": A - B order
    last = days[-1]
    months = {"month": 1, "quarter": 3, "year": 12}.get(d.grain)
    end = add_months(last, months) if months else last + dt.timedelta(7 if d.grain == "week" else 1)
    return TimeRange(start=days[0], end=end)


def settle_named_periods(p: ParseState) -> None:
    """Check a comparison of named periods against the rest of the question; add its grain.

    Refused: another time grain ("monthly GMV 2024 vs 2023": a month within each year is
    another comparison), a date other than the metric's own time axis, a top-N (it would cut
    the periods' rows), and a follow-up that changes the time (the periods would not be the
    ones named).
    """
    d = p.derived
    assert d is not None and d.grain is not None
    tr = p.result.time.range if p.result.time is not None else p.inherited_time
    if tr is not None and tr != _span(d):
        raise Refusal(
            "a comparison of named periods keeps its periods; ask the comparison again with "
            "the periods you want",
            zh="时段对比的时段是固定的；请用新的时段重新提问对比",
            kind="period",
        )
    other_grains = [
        g
        for g in p.group_by
        if "__" in g and g.rsplit("__", 1)[-1] in _GRAINS and g != f"metric_time__{d.grain}"
    ]
    if other_grains or p.axis_time is not None:
        raise Refusal(
            "periods are compared on the metric's own time axis, one row per period; ask "
            "without another time breakdown or date",
            zh="时段对比按指标自身的时间轴、每个时段一行计算；请去掉其他时间拆分或日期",
            kind="period",
        )
    if p.limit:
        raise Refusal(
            "a top or bottom N would cut the periods' rows; compare the periods first, or ask "
            "the top N of one period",
            zh="前N/后N会截掉部分时段的行；请先对比时段，或只问一个时段的前N",
        )
    p.add_group(f"metric_time__{d.grain}")


_GRAINS = ("day", "week", "month", "quarter", "year")
