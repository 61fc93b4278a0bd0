""" "the first day of April 2022", "上个月最后一天": one day of the period named.

Why: "first"/"last" before "day of <period>" were unknown words (refused), and 第一天 after a
month read 第 as a ranking position. The words pick the period's first or last day; "last day"
alone, "last 7 days" and a period with no "day of" before it are unchanged. "the same month last
year" / 去年同月 were refused ('same', '同月' unknown): they are this month a year back, unless
another month is named (then "same" refers to it and is left unread).
"""

from __future__ import annotations

import datetime as dt

import pytest

from nl2sql.timeparse import find_times

TODAY = dt.date(2022, 4, 5)


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("amount on the first day of april 2022", dt.date(2022, 4, 1)),
        ("on the last day of march 2022", dt.date(2022, 3, 31)),
        ("the last day of 2021", dt.date(2021, 12, 31)),
        ("orders on the last day of last month", dt.date(2022, 3, 31)),
        ("2022年4月第一天的交易金额", dt.date(2022, 4, 1)),
        ("2022年3月的最后一天的交易金额", dt.date(2022, 3, 31)),
        ("上个月最后一天", dt.date(2022, 3, 31)),
        ("4月第1天", dt.date(2022, 4, 1)),
    ],
)
def test_first_or_last_day_of_a_period(text: str, day: dt.date) -> None:
    (m,) = find_times(text, TODAY)
    assert (m.range.start, m.range.end) == (day, day + dt.timedelta(days=1))


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("last 7 days", dt.date(2022, 3, 30), dt.date(2022, 4, 6)),
        ("first day back in march", dt.date(2022, 3, 1), dt.date(2022, 4, 1)),
        ("in march 2022", dt.date(2022, 3, 1), dt.date(2022, 4, 1)),
    ],
)
def test_other_periods_are_unchanged(text: str, start: dt.date, end: dt.date) -> None:
    (m,) = find_times(text, TODAY)
    assert (m.range.start, m.range.end) == (start, end)


@pytest.mark.parametrize(
    ("text", "start"),
    [
        ("gmv in the same month last year", dt.date(2021, 4, 1)),
        ("去年同月的GMV", dt.date(2021, 4, 1)),
        ("去年的同一个月", dt.date(2021, 4, 1)),
        ("前年同月", dt.date(2020, 4, 1)),
    ],
)
def test_the_same_month_last_year_is_this_month_a_year_back(text: str, start: dt.date) -> None:
    (m,) = find_times(text, TODAY)
    assert (m.range.start, m.range.end) == (start, start.replace(month=5))


def test_the_same_month_after_another_month_is_left_unread() -> None:
    """ "last month vs the same month last year": the same as the month just named, not today's;
    "same month" is not read (it stays unknown, so the question is refused)."""
    found = find_times("gmv last month vs the same month last year", TODAY)
    assert [m.label_en for m in found] == ["last month", "last year"]
