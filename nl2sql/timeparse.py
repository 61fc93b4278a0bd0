"""Relative and absolute time expressions in Chinese and English, against a reference date.

Why its own module: time is the one part of a question that is pure general language (no model
term is involved) and the easiest to get subtly wrong, so every convention lives here, once:

- ranges are half-open ``[start, end)`` on metric time;
- "last N days" / "最近N天" are the N calendar days ending with ``today`` (today included);
  "last N weeks/months/years" are the same kind of rolling window ending with today;
- "last week" / "上周" is the previous Monday-to-Sunday week, "last month" / "上个月" the previous
  calendar month, "this month" / "本月" the current month (up to its end), likewise quarters and
  years;
- a month or quarter without a year ("3月", "in March", "Q3") is the most recent one that has
  started (this year's if it has begun, else last year's).

The input is the question after :func:`nl2sql.lexicon.normalize` (lower case, half-width,
Chinese numerals as digits).

>>> today = dt.date(2026, 11, 20)
>>> [(m.range.start.isoformat(), m.range.end.isoformat(), m.label_zh) for m in find_times("最近30天退货率", today)]
[('2026-10-22', '2026-11-21', '最近30天')]
>>> m = find_times("gmv in q3 2024 by month", today)[0]
>>> m.range.start, m.range.end, m.label_en
(datetime.date(2024, 7, 1), datetime.date(2024, 10, 1), 'Q3 2024')
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from nl2sql import day_month_dates, year_spans
from nl2sql.calendar_ranges import (
    DAY,
    add_months,
    calendar_range,
    latest_year,
    month_range,
    quarter_range,
    rolling_range,
    year_range,
)
from nl2sql.calendar_ranges import format_range as format_range
from nl2sql.time_bounds import first_or_last_day, open_bound
from nl2sql.time_words import CAL_EN as _CAL_EN
from nl2sql.time_words import CAL_ZH as _CAL_ZH
from nl2sql.time_words import UNIT_LABEL_ZH as _UNIT_LABEL_ZH
from nl2sql.time_words import UNIT_ZH as _UNIT_ZH
from semantic_layer.query import TimeRange

MONTHS_EN = (
    "january february march april may june july august september october november december".split()  # noqa: SIM905
)
_MONTH_ALT = "|".join(
    sorted({m for m in MONTHS_EN} | {m[:3] for m in MONTHS_EN} | {"sept"}, key=len, reverse=True)
)


@dataclass(frozen=True)
class TimeMatch:
    """One time expression found in the question: where it was and what range it means."""

    start: int
    end: int
    range: TimeRange
    label_zh: str
    label_en: str


def _month_of(word: str) -> int:
    word = word.rstrip(".")
    for i, name in enumerate(MONTHS_EN, start=1):
        if name.startswith(word[:3]):
            return i
    raise ValueError(word)


Handler = Callable[[re.Match[str], dt.date], tuple[TimeRange, str, str] | None]
_RULES: list[tuple[re.Pattern[str], Handler]] = []


def _rule(pattern: str) -> Callable[[Handler], Handler]:
    def register(fn: Handler) -> Handler:
        _RULES.append((re.compile(pattern), fn))
        return fn

    return register


_D = r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})"
_DZH = r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]"


def _date(y: str, m: str, d: str) -> dt.date | None:
    try:
        return dt.date(int(y), int(m), int(d))
    except ValueError:
        return None


@_rule(
    rf"(?:between|from)\s+{_D}\s+(?:and|to|until|through)\s+{_D}|(?:从|自)?\s*{_D}\s*(?:到|至|~|-|—)\s*{_D}"
)
def _date_to_date(m: re.Match[str], today: dt.date):
    g = [x for x in m.groups() if x is not None]
    a, b = _date(*g[:3]), _date(*g[3:6])
    if a is None or b is None or b < a:
        return None
    r = TimeRange(start=a, end=b + DAY)
    return r, f"{a} 至 {b}", f"{a} to {b}"


@_rule(rf"{_D}|{_DZH}")
def _one_date(m: re.Match[str], today: dt.date):
    g = [x for x in m.groups() if x is not None]
    day = _date(*g)
    if day is None:
        return None
    return TimeRange(start=day, end=day + DAY), f"{day}", f"{day}"


#: a superlative right before 前N<unit> ("收入最高的前两个月"): 前 is then the top N of that
#: grain (the two months with the highest revenue), not the last N of them; 最近/最后 are
#: not superlatives of a measure and are left out
_RANKED_BEFORE_ZH = re.compile(r"最(?:高|低|多|少|大|小|贵|便宜|长|短|久|快|慢|畅销|滞销)的?\s*$")


@_rule(r"(?:最近|近|过去|前)\s*(\d+)\s*(个星期|星期|个季度|季度|个月|天|日|周|年)")
def _last_n_zh(m: re.Match[str], today: dt.date):
    """ "最近3个月" / "前2周": the last N units up to today.

    After a superlative, 前N<unit> ranks that grain instead (see ``_RANKED_BEFORE_ZH``):

    >>> day = dt.date(2026, 12, 7)
    >>> [t.label_en for t in find_times("前2个月的收入", day)]
    ['last 2 months']
    >>> find_times("收入最高的前2个月", day), find_times("收入最低前3周", day)
    ([], [])
    >>> [t.label_en for t in find_times("最近的前2个月", day)]
    ['last 2 months']
    """
    n, unit = int(m.group(1)), _UNIT_ZH[m.group(2)]
    if n < 1:
        return None
    if m.group(0).startswith("前") and _RANKED_BEFORE_ZH.search(m.string[: m.start()]):
        return None
    return rolling_range(today, n, unit), f"最近{n}{_UNIT_LABEL_ZH[unit]}", f"last {n} {unit}s"


@_rule(
    r"(?:(?:in|over|during|for)\s+)?(?:the\s+)?(?:last|past|previous|trailing|recent)\s+(\d+)\s+"
    r"(day|week|month|quarter|year)s?"
)
def _last_n_en(m: re.Match[str], today: dt.date):
    n, unit = int(m.group(1)), m.group(2)
    if n < 1:
        return None
    return rolling_range(today, n, unit), f"最近{n}{_UNIT_LABEL_ZH[unit]}", f"last {n} {unit}s"


@_rule(
    r"(?:(?:in|over|during|for)\s+)?(?:the\s+)?(?:last|past|previous)\s+(\d+)\s+"
    r"(?:full|complete|whole|entire)\s+(week|month|quarter|year)s?"
    r"|(?:最近|过去|前)\s*(\d+)\s*(?:个)?完整的?\s*(星期|周|月|季度|年)"
)
def _last_n_full(m: re.Match[str], today: dt.date):
    """ "last 4 full weeks": the N whole calendar units before the current (unfinished) one."""
    n = int(m.group(1) or m.group(3))
    unit = m.group(2) or _UNIT_ZH[m.group(4)]
    if n < 1:
        return None
    current = calendar_range(today, unit, 0)
    r = TimeRange(start=calendar_range(today, unit, -n).start, end=current.start)
    zh = f"最近{n}{_UNIT_LABEL_ZH[unit]}（完整）"
    return r, zh, f"last {n} full {unit}s"


def _day_inlatest_year(month: int, day: int, year: str | None, today: dt.date) -> dt.date | None:
    """A month-day, in ``year`` or else the most recent one that has begun by ``today``."""
    if year:
        return _date(year, str(month), str(day))
    got = _date(str(today.year), str(month), str(day))
    if got is not None and got > today:
        got = _date(str(today.year - 1), str(month), str(day))
    return got


_MD_ZH = r"(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]"
#: a year named relative to today (今年1月1日到5日, 去年第四季度, 前年上半年)
_RELATIVE_YEARS = {"今年": 0, "去年": 1, "前年": 2}


def _year_of(text: str, today: dt.date) -> int:
    """ "2024年" -> 2024, "去年" -> last year."""
    return int(text[:4]) if text[:1].isdigit() else today.year - _RELATIVE_YEARS[text]


_MD_EN = rf"({_MONTH_ALT})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\b"


@_rule(
    rf"(?<![\d年])(?:从|自)?\s*(?:(\d{{4}})\s*年\s*|(今年|去年|前年))?{_MD_ZH}\s*(?:到|至|~|-|—)\s*"
    rf"(?:(\d{{4}})\s*年\s*)?(?:(\d{{1,2}})\s*月\s*)?(\d{{1,2}})\s*[日号]"
    rf"|(?:(?:from|between)\s+)?{_MD_EN}\s*(?:to|through|until|and|-|–)\s*(?:({_MONTH_ALT})\.?\s+)?"
    r"(\d{1,2})(?:st|nd|rd|th)?\b(?:\s*,?\s*(\d{4}))?"
)
def _month_day_span(m: re.Match[str], today: dt.date):
    """ "3月1日到3月7日", "2024年12月1日至7日", "March 1 to March 7, 2021", "march 1-7": one
    range, both ends in (a year written before the first day is the range's year)."""
    year_zh, relative, m1_zh, d1_zh, year2, *g = m.groups()
    a = None
    if m1_zh:
        if relative:
            year_zh = str(today.year - _RELATIVE_YEARS[relative])
        m1, d1, m2, d2 = int(m1_zh), int(d1_zh), int(g[0] or m1_zh), int(g[1])
        year = year2 or year_zh
        if year2 and year_zh and year2 != year_zh:  # 2024年12月30日至2025年1月5日
            a = _date(year_zh, str(m1), str(d1))
    else:
        g = [None, None, None, None, *g[2:]]  # the English groups where they always stood
        m1, d1 = _month_of(g[4]), int(g[5])
        m2, d2, year = (_month_of(g[6]) if g[6] else m1), int(g[7]), g[8]
    b = _day_inlatest_year(m2, d2, year, today)
    if b is None:
        return None
    a = a or _date(str(b.year if (m1, d1) <= (m2, d2) else b.year - 1), str(m1), str(d1))
    if a is None or b < a:
        return None
    return TimeRange(start=a, end=b + DAY), f"{a} 至 {b}", f"{a} to {b}"


@_rule(rf"(?<![\d年.\-/])(?<!年\s){_MD_ZH}|{_MD_EN}(?:\s*,?\s*(\d{{4}}))?")
def _month_day(m: re.Match[str], today: dt.date):
    """ "12月25日", "dec 25", "March 3, 2025": one day (the latest one that has begun)."""
    g = m.groups()
    if g[0]:
        day = _day_inlatest_year(int(g[0]), int(g[1]), None, today)
    else:
        day = _day_inlatest_year(_month_of(g[2]), int(g[3]), g[4], today)
    if day is None:
        return None
    return TimeRange(start=day, end=day + DAY), f"{day}", f"{day}"


_rule(day_month_dates.SPAN)(day_month_dates.span)  # "between 1 and 7 March 2026"
_rule(day_month_dates.ONE_DAY)(day_month_dates.one_day)  # "on 3 March 2026"
_rule(year_spans.SPAN)(year_spans.span)  # "2019年到2024年"
_rule(year_spans.SPAN_EN)(year_spans.span_en)  # "from 2019 to 2024"


@_rule("|".join(sorted(map(re.escape, _CAL_ZH), key=len, reverse=True)))
def _calendar_zh(m: re.Match[str], today: dt.date):
    unit, offset, label = _CAL_ZH[m.group(0)]
    en = {-2: "two {u}s ago", -1: "last {u}", 0: "this {u}"}[offset].format(u=unit)
    en = {
        "last day": "yesterday",
        "this day": "today",
        "two days ago": "the day before yesterday",
    }.get(en, en)
    return calendar_range(today, unit, offset), label, en


@_rule(r"\b(?:" + "|".join(sorted(map(re.escape, _CAL_EN), key=len, reverse=True)) + r")\b")
def _calendar_en(m: re.Match[str], today: dt.date):
    unit, offset = _CAL_EN[m.group(0)]
    zh = {
        ("day", -2): "前天",
        ("day", -1): "昨天",
        ("day", 0): "今天",
        ("week", -1): "上周",
        ("week", 0): "本周",
        ("month", -1): "上个月",
        ("month", 0): "本月",
        ("quarter", -1): "上季度",
        ("quarter", 0): "本季度",
        ("year", -1): "去年",
        ("year", 0): "今年",
    }[(unit, offset)]
    return calendar_range(today, unit, offset), zh, m.group(0)


@_rule(r"\b(?:year to date|ytd)\b|年初至今|今年以来|年初到现在")
def _ytd(m: re.Match[str], today: dt.date):
    return TimeRange(start=dt.date(today.year, 1, 1), end=today + DAY), "今年以来", "year to date"


_TO_DATE_ZH = {"year": "今年以来", "quarter": "本季度以来", "month": "本月以来", "week": "本周以来"}


@_rule(
    r"\b(?:since the (?:start|beginning) of|so far)\s+this (year|quarter|month|week)\b"
    r"|\bthis (year|quarter|month|week) so far\b|\b(quarter|month|week) to date\b"
)
def _to_date(m: re.Match[str], today: dt.date):
    """ "since the start of this year", "this month so far", "quarter to date": the current
    calendar unit up to today."""
    unit = next(g for g in m.groups() if g)
    start = calendar_range(today, unit, 0).start
    return TimeRange(start=start, end=today + DAY), _TO_DATE_ZH[unit], f"{unit} to date"


@_rule(
    r"(?:(?:between|from)\s+)?\b("
    + _MONTH_ALT
    + r")\.?\s+(?:and|to|until|through|-)\s+("
    + _MONTH_ALT
    + r")\.?(?:\s*,?\s*(\d{4}))?\b"
)
def _month_to_month_en(m: re.Match[str], today: dt.date):
    if re.search(r"\sand\s", m.group(0)) and not m.group(0).startswith(("between", "from")):
        return None  # "March and May" lists two months (April is not asked): each is a period
    return _month_span(_month_of(m.group(1)), _month_of(m.group(2)), m.group(3), today)


@_rule(r"(?:(\d{4})\s*年\s*)?(?:从|自)?\s*(\d{1,2})\s*月?份?\s*(?:到|至|~|-|—)\s*(\d{1,2})\s*月份?")
def _month_to_month_zh(m: re.Match[str], today: dt.date):
    return _month_span(int(m.group(2)), int(m.group(3)), m.group(1), today)


def _month_span(a: int, b: int, year: str | None, today: dt.date):
    if not (1 <= a <= 12 and 1 <= b <= 12):
        return None
    end_year = int(year) if year else latest_year(today, b)
    start_year = end_year if a <= b else end_year - 1
    r = TimeRange(start=dt.date(start_year, a, 1), end=add_months(dt.date(end_year, b, 1), 1))
    zh = f"{start_year}年{a}月至{end_year}年{b}月"
    en = f"{MONTHS_EN[a - 1].title()} {start_year} to {MONTHS_EN[b - 1].title()} {end_year}"
    return r, zh, en


@_rule(
    r"(\d{4}\s*年|今年|去年|前年)\s*(?:第\s*)?([1-4])\s*(?:季度|季)|(\d{4})\s*年?\s*q([1-4])(?![\da-z])"
    r"|\bq([1-4])\s*(?:of\s+)?(\d{4})\b|\b([1-4])(?:st|nd|rd|th)\s+quarter\s+(?:of\s+)?(\d{4})\b"
)
def _quarter(m: re.Match[str], today: dt.date):
    g = m.groups()
    if g[0]:  # 2024年第四季度, 去年第四季度
        year, q = _year_of(g[0], today), int(g[1])
    elif g[2]:
        year, q = int(g[2]), int(g[3])
    elif g[4]:
        year, q = int(g[5]), int(g[4])
    else:
        year, q = int(g[7]), int(g[6])
    return quarter_range(year, q), f"{year}年第{q}季度", f"Q{q} {year}"


@_rule(
    r"第\s*([1-4])\s*(?:季度|季)|(?<![\da-z])q([1-4])(?![\da-z])|\b([1-4])(?:st|nd|rd|th)\s+quarter\b"
)
def _quarter_no_year(m: re.Match[str], today: dt.date):
    q = int(next(x for x in m.groups() if x))
    year = today.year if 3 * (q - 1) + 1 <= today.month else today.year - 1
    return quarter_range(year, q), f"{year}年第{q}季度", f"Q{q} {year}"


#: ordinal words of a quarter ("the third quarter of 2024"); "last"/"final" only with a year
_QUARTER_WORDS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "last": 4, "final": 4}


@_rule(r"\b(first|second|third|fourth|last|final)\s+quarter\s+(?:of\s+)?(\d{4})\b")
def _quarter_word(m: re.Match[str], today: dt.date):
    """ "the first quarter of 2024": a quarter by its ordinal word (Q1 2024)."""
    year, q = int(m.group(2)), _QUARTER_WORDS[m.group(1)]
    return quarter_range(year, q), f"{year}年第{q}季度", f"Q{q} {year}"


@_rule(
    r"(?:(?:in|over|during|for)\s+)?(?:the\s+)?(first|last|final)\s+(\d{1,2})\s+months\s+"
    r"of\s+(\d{4})\b"
)
def _months_of_year(m: re.Match[str], today: dt.date):
    """ "the last 3 months of 2024": the first or last N calendar months of that year; before,
    "last 3 months" was read as the rolling range and "of 2024" as a second one (refused)."""
    n, year = int(m.group(2)), int(m.group(3))
    if not 1 <= n <= 12:
        return None
    first = m.group(1) == "first"
    start = dt.date(year, 1, 1) if first else dt.date(year, 13 - n, 1)
    r = TimeRange(start=start, end=add_months(start, n))
    zh = f"{year}年{'前' if first else '后'}{n}个月"
    return r, zh, f"{'first' if first else 'last'} {n} months of {year}"


@_rule(
    r"(\d{4}\s*年|今年|去年|前年)\s*(上半年|下半年)|\b(h[12])\s*(\d{4})\b"
    r"|\b(first|second)\s+half\s+(?:of\s+)?(\d{4})\b"
)
def _half(m: re.Match[str], today: dt.date):
    g = m.groups()
    if g[0]:
        year, half = _year_of(g[0], today), 1 if g[1] == "上半年" else 2
    elif g[2]:
        year, half = int(g[3]), int(g[2][1])
    else:
        year, half = int(g[5]), 1 if g[4] == "first" else 2
    start = dt.date(year, 1 if half == 1 else 7, 1)
    r = TimeRange(start=start, end=add_months(start, 6))
    return r, f"{year}年{'上' if half == 1 else '下'}半年", f"H{half} {year}"


@_rule(r"(\d{4})\s*年\s*(\d{1,2})\s*月份?|(\d{4})[-/.](\d{1,2})(?![\d\-/.])")
def _year_month(m: re.Match[str], today: dt.date):
    g = m.groups()
    year, month = (int(g[0]), int(g[1])) if g[0] else (int(g[2]), int(g[3]))
    if not 1 <= month <= 12:
        return None
    return month_range(year, month), f"{year}年{month}月", f"{MONTHS_EN[month - 1].title()} {year}"


_YEAR_OFFSET = {"今年": 0, "本年": 0, "去年": -1, "上年": -1, "前年": -2, "this": 0, "last": -1}


@_rule(
    r"(今年|本年|去年|上年|前年)\s*(\d{1,2})\s*月份?"
    r"|\b(" + _MONTH_ALT + r")\.?\s+(?:of\s+)?(this|last)\s+year\b"
    r"|\b(?:the\s+)?same\s+month\s+(?:of\s+)?(last)\s+year\b|(去年|上年|前年)的?同(?:一个?)?月"
)
def _relative_year_month(m: re.Match[str], today: dt.date):
    """A month of a year named relative to today: "去年12月", "december last year", and this
    month's twin: "the same month last year", "去年同月" (both were refused: 'same', '同月').

    Why one expression: read apart, "去年" and "12月" were two time ranges (refused), and
    "december last year" became December of this year and last year.
    """
    g = m.groups()
    if g[0]:
        offset, month = _YEAR_OFFSET[g[0]], int(g[1])
    elif g[4] or g[5]:
        rest = m.string[: m.start()] + " " + m.string[m.end() :]
        if find_times(rest, today):
            return None  # "last month vs the same month last year": the month just named
        offset, month = _YEAR_OFFSET[g[4] or g[5]], today.month
    else:
        offset, month = _YEAR_OFFSET[g[3]], _month_of(g[2])
    if not 1 <= month <= 12:
        return None
    year = today.year + offset
    return month_range(year, month), f"{year}年{month}月", f"{MONTHS_EN[month - 1].title()} {year}"


@_rule(
    r"\b(first|last|final)\s+week\s+of\s+(" + _MONTH_ALT + r")\.?(?:,?\s+(\d{4}))?\b"
    r"|(?:(\d{4})\s*年\s*)?(\d{1,2})\s*月(?:份)?的?\s*(第一|第1|最后一|最后1)\s*(?:周|个?星期)"
)
def _week_of_month(m: re.Match[str], today: dt.date):
    """ "the first week of November 2025", "11月第一周": its first (last) seven days. Before,
    "first" was left a word of its own (a yes/no flag named with "first" took it) and the month
    was read whole, grouped by week — a wrong answer."""
    g = m.groups()
    if g[0]:
        first, month = g[0] == "first", _month_of(g[1])
        year = int(g[2]) if g[2] else latest_year(today, month)
    else:
        first, month = g[5].startswith("第"), int(g[4])
        if not 1 <= month <= 12:
            return None
        year = int(g[3]) if g[3] else latest_year(today, month)
    whole = month_range(year, month)
    assert whole.start is not None and whole.end is not None
    start = whole.start if first else whole.end - dt.timedelta(days=7)
    r = TimeRange(start=start, end=start + dt.timedelta(days=7))
    zh = f"{year}年{month}月{'第一' if first else '最后一'}周"
    return r, zh, f"{'first' if first else 'last'} week of {MONTHS_EN[month - 1].title()} {year}"


@_rule(r"\b(" + _MONTH_ALT + r")\.?,?\s+(?:of\s+)?(\d{4})\b|\b(\d{4})\s+(" + _MONTH_ALT + r")\b")
def _year_month_en(m: re.Match[str], today: dt.date):
    g = m.groups()
    month, year = (_month_of(g[0]), int(g[1])) if g[0] else (_month_of(g[3]), int(g[2]))
    return month_range(year, month), f"{year}年{month}月", f"{MONTHS_EN[month - 1].title()} {year}"


# "before 2023", "after 2023", "until 2023": the year is read here and its open end is set by
# find_times from the word before it (kept out of the match, as "before March" is); only "in /
# since / of ..." years were read, so "staff hired before 2023" was refused for a number
@_rule(
    "(?:" + "|".join(f"(?<={w} )" for w in ("before", "after", "until")) + r")(\d{4})\b(?![-/.]\d)"
)
def _year_bound(m: re.Match[str], today: dt.date):
    year = int(m.group(1))
    if not 1900 <= year <= 2200:
        return None
    return year_range(year), f"{year}年", f"{year}"


# a year that opens a date ("since 2026-02-01", "in 2026/02") is that date's, not a whole year
@_rule(r"(?<![\d.])(\d{4})\s*(?:年度|年)|\b(?:in|during|for|of|since|year)\s+(\d{4})\b(?![-/.]\d)")
def _year(m: re.Match[str], today: dt.date):
    year = int(next(x for x in m.groups() if x))
    if not 1900 <= year <= 2200:
        return None
    if m.group(0).startswith("since"):
        r = TimeRange(start=dt.date(year, 1, 1), end=today + DAY)
        return r, f"{year}年以来", f"since {year}"
    return year_range(year), f"{year}年", f"{year}"


@_rule(r"(?<![\d年.\-/])(\d{1,2})\s*月份?(?!\s*\d+\s*[日号])")
def _month_zh(m: re.Match[str], today: dt.date):
    month = int(m.group(1))
    if not 1 <= month <= 12:
        return None
    year = latest_year(today, month)
    return month_range(year, month), f"{year}年{month}月", f"{MONTHS_EN[month - 1].title()} {year}"


@_rule(
    r"(?:"
    + "|".join(
        f"(?<={w} )"
        for w in ("in", "during", "for", "since", "of", "from", "after", "before", "until")
    )
    + r")("
    + _MONTH_ALT
    + r")\b|\b("
    + "|".join(m for m in MONTHS_EN if m != "may")
    + r")\b"
)
def _month_en(m: re.Match[str], today: dt.date):
    month = _month_of(m.group(1) or m.group(2))
    year = latest_year(today, month)
    return month_range(year, month), f"{year}年{month}月", f"{MONTHS_EN[month - 1].title()} {year}"


def find_times(text: str, today: dt.date) -> list[TimeMatch]:
    """Every time expression in ``text`` (non-overlapping, leftmost-longest first)."""
    candidates: list[tuple[int, int, TimeRange, str, str]] = []
    for pattern, handler in _RULES:
        for m in pattern.finditer(text):
            got = handler(m, today)
            if got is not None:
                candidates.append((m.start(), m.end(), *got))
    candidates.sort(key=lambda c: (c[0], -(c[1] - c[0])))
    chosen: list[TimeMatch] = []
    taken_until = -1
    for start, end, rng, zh, en in candidates:
        if start < taken_until:
            continue
        picked = first_or_last_day(text, start, end, rng)
        if picked is not None and picked[0] >= taken_until:
            start, end, rng = picked
            assert rng.start is not None
            zh = en = f"{rng.start}"
        # open-ended variants: "since March" / "3月以来", "before 2026" / "2026年之前"
        end, rng, zh, en = open_bound(text, start, end, rng, zh, en, today)
        end += year_spans.whole_year_suffix(text[end:], rng)  # "去年全年"
        chosen.append(TimeMatch(start, end, rng, zh, en))
        taken_until = end
    return chosen


def describe(match: TimeMatch, lang: str) -> str:
    """The label in ``lang`` with the concrete dates, for the interpretation line."""
    label = match.label_zh if lang == "zh" else match.label_en
    return f"{label} ({format_range(match.range)})"
