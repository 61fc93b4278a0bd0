"""A year after "before / after / until" is that year's open-ended range, and "in or
before" / "on or after" include the period they name (``nl2sql.timeparse``).

A fresh public dbt project (employer health-benefit claims): "members enrolled before 2023" was
refused ("I don't know what the number '2023' refers to"), though "before March 2023" and
"2023年以前" were read. Checking the neighbours found a wrong answer: "in or before February"
was read as "before February", leaving February out (and "on or after" left the month out);
"2022年及之前" answered 2022 alone.
Tests on the shared one-metric sales model (``tests.tiny_models``).
"""

from __future__ import annotations

import datetime as dt

import pytest

from nl2sql.timeparse import find_times
from tests.semantic_helpers import answered_value
from tests.tiny_models import SALES_BY_DAY

TODAY = dt.date(2024, 5, 15)

DATA = """
create table sales (sale_id int, sold_on date, amount int);
insert into sales values (1, '2022-06-01', 1), (2, '2022-12-31', 2), (3, '2023-01-01', 4),
  (4, '2023-12-31', 8), (5, '2024-01-15', 16), (6, '2024-02-10', 32), (7, '2024-03-05', 64);
"""


@pytest.fixture(scope="module")
def shop(yaml_shop):
    return yaml_shop("year_bounds", SALES_BY_DAY, DATA, TODAY)


@pytest.mark.parametrize(
    ("question", "total"),
    [
        ("sales before 2023", 3),
        ("sales after 2023", 16 + 32 + 64),
        ("sales until 2023", 1 + 2 + 4 + 8),
        ("sales in or before 2023", 1 + 2 + 4 + 8),
        ("sales in or after 2023", 4 + 8 + 16 + 32 + 64),
        ("sales in or before February 2024", 1 + 2 + 4 + 8 + 16 + 32),
        ("sales on or after February 2024", 32 + 64),
        ("sales before February 2024", 1 + 2 + 4 + 8 + 16),
        ("2023年及之前的销售额", 1 + 2 + 4 + 8),
        ("2024年2月及以后的销售额", 32 + 64),
        ("2023年以前的销售额", 1 + 2),
    ],
)
def test_open_ended_years_and_inclusive_bounds(shop, question, total) -> None:
    assert answered_value(shop.ask(question)) == total


def test_a_year_after_other_words_is_not_claimed() -> None:
    """Only the bound words read a bare year: "more than 2023" stays a number."""
    assert find_times("sales more than 2023", TODAY) == []
    (m,) = find_times("sales before 2023", TODAY)
    assert (m.range.start, m.range.end) == (None, dt.date(2023, 1, 1))
