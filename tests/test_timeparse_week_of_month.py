"""Weeks of a month: "the first week of November 2025" is its first seven days (``timeparse._week_of_month``).

Before, the month was read whole and "first" was left over; on a charging model with an
``is_first_attempt_success`` flag, "daily visits for the first week of November 2025" was
answered as the first-attempt visits of all November by day and week — a wrong answer.
"""

from __future__ import annotations

import datetime as dt

import pytest

from nl2sql.timeparse import find_times

TODAY = dt.date(2026, 1, 15)


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("daily visits for the first week of november 2025", "2025-11-01", "2025-11-08"),
        ("visits in the last week of march", "2025-03-25", "2025-04-01"),
        ("11月第一周的访问量", "2025-11-01", "2025-11-08"),
        ("2024年2月最后一周", "2024-02-23", "2024-03-01"),
    ],
)
def test_a_week_of_a_month_is_seven_days(text, start, end) -> None:
    (t,) = find_times(text, TODAY)
    assert (str(t.range.start), str(t.range.end)) == (start, end)


MODEL = """
semantic_models:
  - name: visits
    model: ref('visits')
    defaults: {agg_time_dimension: visit_day}
    entities:
      - {name: visit, type: primary, expr: visit_id}
    dimensions:
      - {name: visit_day, type: time, type_params: {time_granularity: day}}
      - {name: is_first_attempt_success, type: categorical}
    measures:
      - {name: visits, agg: count, expr: visit_id}
metrics:
  - {name: total_visits, label: Visits count, type: simple, type_params: {measure: visits}}
"""

DATA = """
CREATE TABLE visits AS SELECT i AS visit_id, DATE '2025-10-28' + CAST(i % 12 AS INTEGER) AS visit_day,
    i % 3 = 0 AS is_first_attempt_success FROM range(60) t(i);
"""


def test_daily_visits_of_the_first_week(yaml_shop) -> None:
    shop = yaml_shop("week_of_month", MODEL, DATA, TODAY)
    a = shop.ask("daily visits for the first week of November 2025")
    assert a.ok, a.error
    assert not a.query.filters
    got = sorted((str(d)[:10], int(n)) for d, n in a.df.iloc[:, [0, -1]].values.tolist())
    gold = shop.con.execute(
        "select cast(visit_day as varchar), count(*) from visits where visit_day between "
        "'2025-11-01' and '2025-11-07' group by 1 order by 1"
    ).fetchall()
    assert got == [(d, int(n)) for d, n in gold]
