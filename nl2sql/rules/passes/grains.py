"""Pass: time grains ("monthly", "按月", "by week") become ``metric_time__<grain>`` groups."""

from __future__ import annotations

from nl2sql.rules.items import Item, Refusal
from nl2sql.rules.passes.bare import COMPARE
from nl2sql.rules.state import ParseState
from nl2sql.vocabulary.english import TIME_UNITS

_UNITS = frozenset(TIME_UNITS.split("|"))


#: weekday names a categorical day-of-week dimension holds (full and three-letter English)
_WEEKDAYS = frozenset(
    [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "mon",
        "tue",
        "wed",
        "thu",
        "fri",
        "sat",
        "sun",
    ]
)


def _weekday_dimension(p: ParseState) -> str | None:
    """The model's one categorical dimension whose values are weekday names, else None.

    Why: 星期几 / 周几 is no time grain (see :func:`_day_of_week`), but a model that stores the
    weekday as a column of its own (``day_of_week_name`` = Monday … Sunday) answers it by
    that column, as "by day of week" already was by the column's name ("星期几预约最多" was
    refused). Two such columns the question's metrics both reach stay refused.
    """
    found = {
        d.name
        for d in p.catalog.dimensions
        if d.dim_type != "time"
        and len(d.values) >= 5
        and all(str(v).strip().lower() in _WEEKDAYS for v in d.values)
    }
    if len(found) > 1 and p.metrics:
        found = {name for name in found if all(p.metric_allows(m, name) for m in p.metrics)}
    return next(iter(found)) if len(found) == 1 else None


def _week_position_items(p: ParseState) -> list:
    """The words of "which day of the week": 星期几 / 周几 (the week word and its 几), or
    "day of (the) week" (its day and week words with the "of" / "the" between them).

    Why English too: "bookings by day of week" on a model with a weekday-name column was
    refused (only 星期几 reached the column); it is the same breakdown.
    """
    words = [it for it in p.all if it.text.strip()]
    for k, it in enumerate(words[:-1]):
        week = it.kind == "role" and it.role in ("grain:week", "grainadj:week")
        if week and words[k + 1].text == "几":
            return [it, words[k + 1]]
        day = it.kind == "role" and it.role in ("grain:day", "grainadj:day")
        if not day or words[k + 1].text.lower() != "of":
            continue
        rest = words[k + 2 : k + 4]
        if rest and rest[0].text.lower() == "the":
            rest = rest[1:]
        if rest and rest[0].kind == "role" and rest[0].role in ("grain:week", "grainadj:week"):
            return words[k : words.index(rest[0]) + 1]
    return []


def _day_of_week(p: ParseState) -> bool:
    """Whether the question asks by day of the week ("day of week", 星期几, 周几, 每周几).

    Why: the model's time grains truncate dates (day, week, month …) and no date part is a
    grain, so "bookings by day of week" grouped by day *and* week, and 按星期几统计 by week —
    wrong answers. A model with its own day-of-week dimension is matched by its name first.
    """
    words = [it for it in p.all if it.text.strip()]
    for k, it in enumerate(words):
        grain = it.kind == "role" and it.role.startswith(("grain:", "grainadj:"))
        if not grain:
            continue
        nxt = words[k + 1].text if k + 1 < len(words) else ""
        before = [w.text.lower() for w in words[max(0, k - 3) : k]]
        if nxt == "几" and it.role.endswith(":week"):
            return True
        # "day of week", "time of day", "month of the year": a position inside the period
        if before[-1:] == ["of"] and before[-2:-1] and before[-2] in _UNITS:
            return True
        if before[-2:] == ["of", "the"] and before[-3:-2] and before[-3] in _UNITS:
            return True
    return False


def _days_of_a_value(p: ParseState, i: int) -> bool:
    """Whether the day word at ``i`` closes a value into "the days of that value" (下雨天的行程:
    the trips of rainy days, 下雨 -> ``rain``): a condition on the rows, no grain.

    Why: 天 written onto a value word and followed by 的 names days by what happened on them,
    as 雨天 or 晴天 do; read as a grain, the question's one total came back split by day. A day
    word a metric follows (线上日收入, "online daily revenue") stays a grain.
    """
    it, prev = p.its[i], p.at(i - 1)
    if it.role != "grain:day" or it.text not in ("天", "日") or prev is None:
        return False
    if not prev.is_kind("value") or prev.end != it.start:
        return False
    k = p.all.index(it)
    return k + 1 < len(p.all) and p.all[k + 1].text == "的"


#: the prepositions that put the question's rows on some periods ("revenue on days with …")
_ON_PERIODS = frozenset({"on", "for", "during", "in"})

#: the words that may join the periods to the condition that picks them: "days *with* X",
#: "days *that are not* X", "days *not on a* X", "days *on* X" (grammar only: the condition
#: itself must be a value or a yes/no term of the model)
_PERIOD_JOINS = frozenset(
    """with without that which are were is was not n't aren't weren't isn't wasn't
    on in during at a an the fall falls falling""".split()  # noqa: SIM905
)


def _periods_with_a_condition(p: ParseState, i: int) -> bool:
    """Whether the plural grain word at ``i`` names the periods a row condition picks: "revenue
    on days with a local holiday", "visits during weeks without a promotion", "revenue on days
    not on weekends", "sessions on days that are not weekends".

    Why: "on days with X" is where the rows are — one total over the rows meeting X — and read
    as a grain the total came back split by day (a wrong answer). A negated condition ("days
    not on weekends") is the same: its negation is read where it stands (``is weekend = no``),
    the day word only says which rows. Only after a preposition of time and before joining
    words (``_PERIOD_JOINS``) plus a yes/no or value term; "by day", "which days with …",
    "top 3 days" and "months with revenue over 10k" (a metric condition) stay grains.
    """
    it = p.its[i]
    if not it.role.startswith("grain:") or not it.text.lower().endswith("s"):
        return False
    words = [x for x in p.all if x.text.strip()]
    k = next(n for n, x in enumerate(words) if x is it)
    if k == 0 or k + 2 >= len(words) or words[k - 1].text.lower() not in _ON_PERIODS:
        return False
    joins = 0
    for x in words[k + 1 :]:
        if x.text.strip().lower() not in _PERIOD_JOINS:
            break
        joins += 1
    if not joins:
        return False
    cond = words[k + 1 + joins] if k + 1 + joins < len(words) else None
    if cond is None or cond.kind != "domain" or cond.is_kind("metric"):
        return False
    return cond.is_kind("value") or any(s.name in p.lex.boolean_dims for s in cond.senses)


def _number_then_de(p: ParseState, i: int) -> bool:
    """Whether a 的 stands between the number before item ``i`` and the grain word at ``i``.

    Why: Chinese writes a quantity of time onto its number (超过2天, 3个月), while "N的月份"
    ("GMV超过2000的月份", "退货率低于5%的周") names the periods that meet a condition on N:
    read as a quantity, the grain was dropped and the question's one total was compared with
    N (an empty or a one-row answer to "which months", a wrong answer).
    """
    prev, it = p.at(i - 1), p.its[i]
    if prev is None:
        return False
    between = [x for x in p.all if prev.end <= x.start and x.end <= it.start]
    return any(x.text == "的" for x in between)


def _spanned(p: ParseState, it: Item) -> bool:
    """Whether the grain word follows "across all" ("average wait across all months"):
    one figure over every month, as "across all <dimension>" is (passes.bare), unless the
    question compares them. Read as a grain, it answered 12 monthly averages (probes19)."""
    k = p.all.index(it)
    said = [x.text.strip().lower() for x in p.all[:k] if x.text.strip()]
    return said[-2:] == ["across", "all"] and COMPARE.search(p.result.question) is None


def group_by_grains(p: ParseState) -> None:
    """Add a time-grain group for every grain word (and claim a "by" right before it)."""
    claimed: list = []
    if _day_of_week(p) and (claimed := _week_position_items(p)):
        weekday = _weekday_dimension(p)
        if weekday is None:
            claimed = []
        else:
            for it in claimed:
                it.used = True
            p.add_group(weekday)
    if not claimed and _day_of_week(p):
        raise Refusal(
            "a position inside a period (day of the week, time of day, day of month) is not a time"
            " grain here: ask by day ('… by day') or by week ('… by week')",
            zh="“星期几”或一天中的时段不是可用的时间粒度：可以按天（“按天…”）或按周（“按周…”）提问",
            kind="no_grain",
        )
    for i, it in enumerate(p.its):
        if any(it is c for c in claimed):
            continue
        after_number = (prev := p.at(i - 1)) is not None and prev.kind == "num"
        after_number = after_number and not _number_then_de(p, i)
        # "top 3 months", "收入前三的月份": the months are what is ranked (a grain to group by,
        # the number is N), not a quantity of time — read as one, the total was answered
        ranked = p.role_at(i - 2, "top") or p.role_at(i - 2, "bottom") or p.role_at(i - 2, "nth")
        if it.kind == "role" and it.role.startswith("grain:") and after_number and not ranked:
            continue  # "above 2 days": a quantity's unit (the thresholds pass), not a grain
        if it.kind == "role" and (_days_of_a_value(p, i) or _periods_with_a_condition(p, i)):
            it.used = True
            continue
        if it.kind == "role" and it.role.startswith("grain:") and _spanned(p, it):
            it.used = True
            continue
        if it.kind == "role" and it.role.startswith("grainadj:"):
            it.used = True
            p.add_group(f"metric_time__{it.role.split(':')[1]}")
        elif it.kind == "role" and it.role.startswith("grain:"):
            it.used = True
            p.add_group(f"metric_time__{it.role.split(':')[1]}")
            if p.role_at(i - 1, "group"):
                p.its[i - 1].used = True
