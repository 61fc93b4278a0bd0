"""星期几 / 周几 on a model that keeps the weekday as a column of its own (Mon … Sun).

星期几 is no time grain (a date truncates to day, week, month …; no grain is a position inside
the week), so it was refused on every model, even one whose rows carry the weekday name in a
categorical column that "by day of week" reached by its name (fresha16: 星期几订场最多 on a
court-booking model). The one column whose values are all weekday names is that breakdown;
without one the question is still refused.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.semantic_helpers import answered_rows

TODAY = dt.date(2026, 5, 1)
DELIVERIES = """
semantic_models:
  - name: deliveries
    model: ref('deliveries')
    defaults: {agg_time_dimension: delivered_on}
    entities:
      - {name: delivery, type: primary, expr: delivery_id}
    dimensions:
      - {name: delivered_on, type: time, type_params: {time_granularity: day}}
      - {name: weekday, type: categorical}
      - {name: depot, type: categorical}
    measures:
      - {name: delivery_count, agg: count, expr: delivery_id}
metrics:
  - {name: deliveries, label: Deliveries, type: simple, type_params: {measure: delivery_count}}
"""
DATA = """
create table deliveries (delivery_id int, delivered_on date, weekday varchar, depot varchar);
insert into deliveries values
  (1, '2026-04-06', 'Mon', 'Leeds'), (2, '2026-04-07', 'Tue', 'Leeds'),
  (3, '2026-04-08', 'Wed', 'York'), (4, '2026-04-09', 'Thu', 'York'),
  (5, '2026-04-10', 'Fri', 'York'), (6, '2026-04-11', 'Sat', 'Leeds'),
  (7, '2026-04-12', 'Sun', 'Leeds'), (8, '2026-04-18', 'Sat', 'York'),
  (9, '2026-04-25', 'Sat', 'York');
"""


@pytest.fixture(scope="module")
def depots(yaml_shop):
    return yaml_shop("weekday_column", DELIVERIES, DATA, TODAY)


@pytest.mark.parametrize("question", ["按星期几统计配送次数", "每周几的配送次数"])
def test_weekday_words_group_by_the_weekday_column(depots, question) -> None:
    rows = answered_rows(depots.ask(question))
    assert sorted(rows) == sorted(
        [("Mon", 1), ("Tue", 1), ("Wed", 1), ("Thu", 1), ("Fri", 1), ("Sat", 3), ("Sun", 1)]
    )


def test_which_weekday_has_the_most(depots) -> None:
    assert [r[0] for r in answered_rows(depots.ask("星期几配送最多"))] == ["Sat"]


@pytest.mark.parametrize(
    "question",
    ["deliveries by day of week", "deliveries by day of the week", "deliveries per day of week"],
)
def test_day_of_week_in_english_groups_by_the_weekday_column(depots, question) -> None:
    rows = answered_rows(depots.ask(question))
    assert dict(rows) == {"Mon": 1, "Tue": 1, "Wed": 1, "Thu": 1, "Fri": 1, "Sat": 3, "Sun": 1}


def test_day_or_week_alone_stays_a_time_grain(depots) -> None:
    """One word less: "by day" is the daily grain (a row per date), "by week" the weekly one."""
    by_day = answered_rows(depots.ask("deliveries by day"))
    assert len(by_day) == 9 and all(isinstance(r[0], dt.date) for r in by_day)
    by_week = answered_rows(depots.ask("deliveries by week"))
    assert sorted(n for _, n in by_week) == [1, 1, 7]
