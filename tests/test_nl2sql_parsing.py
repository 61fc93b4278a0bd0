"""Time expressions and numbers: the general language every question uses."""

from __future__ import annotations

import datetime as dt

import pytest

from nl2sql.lexicon import normalize
from nl2sql.numbers import cn_to_number, normalize_numerals
from nl2sql.timeparse import find_times

TODAY = dt.date(2026, 11, 20)


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("最近30天", "2026-10-22", "2026-11-21"),
        ("last 30 days", "2026-10-22", "2026-11-21"),
        ("过去7天", "2026-11-14", "2026-11-21"),
        ("上个月", "2026-10-01", "2026-11-01"),
        # a month of a year named relative to today is one range (was two, or this year's)
        ("去年12月", "2025-12-01", "2026-01-01"),
        ("今年三月份", "2026-03-01", "2026-04-01"),
        ("december last year", "2025-12-01", "2026-01-01"),
        ("march of this year", "2026-03-01", "2026-04-01"),
        ("last month", "2026-10-01", "2026-11-01"),
        ("本季度", "2026-10-01", "2027-01-01"),
        ("last quarter", "2026-07-01", "2026-10-01"),
        ("yesterday", "2026-11-19", "2026-11-20"),
        ("昨天", "2026-11-19", "2026-11-20"),
        ("上周", "2026-11-09", "2026-11-16"),
        ("this week", "2026-11-16", "2026-11-23"),
        ("2026年1月", "2026-01-01", "2026-02-01"),
        ("january 2026", "2026-01-01", "2026-02-01"),
        ("2026-03", "2026-03-01", "2026-04-01"),
        ("in 1995", "1995-01-01", "1996-01-01"),
        ("1996年第2季度", "1996-04-01", "1996-07-01"),
        ("q3 2024", "2024-07-01", "2024-10-01"),
        ("2024 q3", "2024-07-01", "2024-10-01"),
        ("between march and may", "2026-03-01", "2026-06-01"),
        ("3月到5月", "2026-03-01", "2026-06-01"),
        ("this year", "2026-01-01", "2027-01-01"),
        ("今年", "2026-01-01", "2027-01-01"),
        ("去年", "2025-01-01", "2026-01-01"),
        ("今年3月份", "2026-03-01", "2026-04-01"),
        ("12月", "2025-12-01", "2026-01-01"),  # December has not started in 2026 yet
        ("2025年上半年", "2025-01-01", "2025-07-01"),
        ("2026-01-01到2026-03-31", "2026-01-01", "2026-04-01"),
        ("最近3个月", "2026-08-21", "2026-11-21"),
        ("ytd", "2026-01-01", "2026-11-21"),
        ("since march", "2026-03-01", "2026-11-21"),
        # one range, not two months: both ends and the year that follows them
        ("March 1 to March 7, 2021", "2021-03-01", "2021-03-08"),
        ("from march 1 to 7", "2026-03-01", "2026-03-08"),
        ("3月1日到3月7日", "2026-03-01", "2026-03-08"),
        ("12月25日", "2025-12-25", "2025-12-26"),  # a day of month, not hour 12
        ("dec 25", "2025-12-25", "2025-12-26"),
        ("11月5号", "2026-11-05", "2026-11-06"),
        ("in aug", "2026-08-01", "2026-09-01"),
        ("sep 2025", "2025-09-01", "2025-10-01"),
        # whole calendar weeks/months before the current, unfinished one
        ("last 4 full weeks", "2026-10-19", "2026-11-16"),
        ("最近3个完整月", "2026-08-01", "2026-11-01"),
    ],
)
def test_time_expressions(text: str, start: str, end: str) -> None:
    found = find_times(normalize(text), TODAY)
    assert len(found) == 1, found
    assert (str(found[0].range.start), str(found[0].range.end)) == (start, end)


def test_numbers_that_are_not_years_are_left_alone() -> None:
    assert find_times(normalize("GMV above 2000"), TODAY) == []
    assert find_times(normalize("may I see GMV"), TODAY) == []


def test_before_is_open_ended() -> None:
    (m,) = find_times(normalize("2025年之前"), TODAY)
    assert m.range.start is None and m.range.end == dt.date(2025, 1, 1)


@pytest.mark.parametrize(
    ("cn", "value"),
    [
        ("十", 10),
        ("十五", 15),
        ("二十", 20),
        ("两", 2),
        ("一百零五", 105),
        ("三万", 30000),
        ("九十九", 99),
        # spoken abbreviations and large units, read by cn2an
        ("一千五", 1500),
        ("两万五", 25000),
        ("十五点五", 15.5),
        ("三亿", 300_000_000),
    ],
)
def test_chinese_numerals(cn: str, value: int) -> None:
    assert cn_to_number(cn) == value


def test_numerals_in_context_only() -> None:
    assert normalize_numerals("前十的SKU") == "前10的SKU"
    assert normalize_numerals("三个渠道") == "3个渠道"
    assert normalize_numerals("百分之十五") == "15%"
    assert normalize_numerals("统一一下") == "统一一下"
    assert normalize("１．５万") == "15000"
    assert normalize_numerals("百分之十五点五") == "15.5%"
    assert normalize_numerals("超过一千五的渠道") == "超过1500的渠道"  # after a comparison
    assert normalize_numerals("两万五以上") == "25000以上"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("more than 2,500 orders", "more than 2500 orders"),
        ("GMV above 1,250,000", "GMV above 1250000"),
        ("jd,tmall and 12,5", "jd,tmall and 12,5"),  # not digit groups of three
    ],
)
def test_thousands_separators(text: str, expected: str) -> None:
    assert normalize_numerals(text) == expected
