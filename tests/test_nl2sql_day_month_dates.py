"""English dates written day first: "on 3 March 2026", "since 1 Feb 2026", "between 1 and 7
March 2026", "from 1 March to 7 March 2026" — the day was an unknown number (refused), while
"March 3, 2026" worked. Two domains (a café chain's sales, an insurer's claims); a number that
is a count before a month-like word stays a number ("top 5 may ...").
"""

from __future__ import annotations

import datetime as dt

import pytest

from nl2sql.timeparse import find_times
from tests.semantic_helpers import answer_rows
from tests.test_nl2sql_named_periods import CAFE, CAFE_DATA, CLAIMS, CLAIMS_DATA, TODAY


@pytest.fixture(scope="module")
def cafe(yaml_shop):
    return yaml_shop("dmy_cafe", CAFE, CAFE_DATA, TODAY)


@pytest.fixture(scope="module")
def claims(yaml_shop):
    return yaml_shop("dmy_claims", CLAIMS, CLAIMS_DATA, TODAY)


@pytest.mark.parametrize(
    ("question", "value"),
    [
        ("revenue on 2 March 2025", 40),
        ("revenue on 2nd March 2025", 40),
        ("revenue on the 2nd of March 2025", 40),
        ("revenue since 1 Jan 2026", 70),
        ("revenue between 1 and 15 March 2025", 50),
        ("revenue from 1 March to 15 March 2025", 50),
        ("revenue between 28 Feb and 3 March 2026", 50),
        ("revenue on 3 March", 50),  # no year: the latest 3 March that has begun (2026)
    ],
)
def test_cafe_day_first_dates(cafe, question, value) -> None:
    a = cafe.ask(question)
    assert a.ok, (question, a.error)
    assert answer_rows(a) == [(value,)]


@pytest.mark.parametrize(
    ("question", "value"),
    [
        ("claims since 10 Jan 2025", 4),
        ("claims on 9 January 2025", 1),
        ("how many claims between 1 and 20 January 2025", 3),
        ("paid losses before 5 Feb 2025", 350),
    ],
)
def test_claims_day_first_dates(claims, question, value) -> None:
    a = claims.ask(question)
    assert a.ok, (question, a.error)
    assert answer_rows(a) == [(value,)]


def test_ranges() -> None:
    today = dt.date(2026, 11, 20)
    got = find_times("gmv between 1 and 7 march 2026", today)
    assert [(t.range.start, t.range.end) for t in got] == [
        (dt.date(2026, 3, 1), dt.date(2026, 3, 8))
    ]
    got = find_times("gmv since 1 feb 2026", today)
    assert [(t.range.start, t.range.end) for t in got] == [
        (dt.date(2026, 2, 1), dt.date(2026, 11, 21))
    ]


@pytest.mark.parametrize("text", ["top 5 may orders", "the 3 june deliveries", "5 mar"])
def test_a_count_before_a_month_word_is_no_day(text) -> None:
    """Without a year, an ordinal, "of" or a date word before it, the number is not a day."""
    assert not any(t.label_en[:1].isdigit() for t in find_times(text, dt.date(2026, 11, 20)))
