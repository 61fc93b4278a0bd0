"""Cumulative metrics over a time dimension recorded by the hour.

Event tables often keep a timestamp with ``time_granularity: hour``. OrderLens has no
sub-daily grains, so such a dimension is read by its day everywhere; cumulative metrics used
to be refused on it instead ("periods are days or coarser"), while MetricFlow answers them by
comparing day-truncated times. The fixture is tests/fixtures/semantic/dbt_shop with its order
time made an hourly timestamp (one order at 23:30, which must stay on its own day) and a
7-day running window added.
"""

from __future__ import annotations

import pytest

from semantic_layer import CompileError, SemanticQuery, compile_query, query
from tests.semantic_helpers import df_rows
from tests.test_semantic_dbt import WAREHOUSE_SQL, shop_copy

WINDOW = """  - name: revenue_7d
    type: cumulative
    type_params:
      measure: order_total
      cumulative_type_params: {window: 7 days}
  - name: revenue_3h
    type: cumulative
    type_params:
      measure: order_total
      cumulative_type_params: {window: 3 hours}
"""


@pytest.fixture(scope="module")
def shop(tmp_path_factory):
    daily = "{name: ordered_at, type: time, type_params: {time_granularity: day}}"
    sql = WAREHOUSE_SQL.replace('"Ordered_At" date', '"Ordered_At" timestamp')
    sql = sql.replace("'2026-01-05'", "'2026-01-05 23:30'").replace(
        "'2026-01-20'", "'2026-01-20 08:00'"
    )
    hourly = [(daily, daily.replace("day}", "hour}"))]
    model, con = shop_copy(tmp_path_factory, "subdaily", WINDOW, hourly, sql)
    yield model, con
    con.close()


def rows(shop, metric: str, grain: str, **kw) -> list[tuple]:
    model, con = shop
    q = SemanticQuery(metrics=[metric], group_by=[f"metric_time__{grain}"], **kw)
    return [(str(t)[:10], v) for t, v in df_rows(query(q, model, con=con).df)]


def test_a_running_total_to_date_over_hourly_rows(shop):
    # last value of each month: Jan 100 + 50; Feb adds 30 + 20
    assert rows(shop, "revenue_to_date", "month") == [("2026-01-01", 150.0), ("2026-02-01", 200.0)]


def test_a_seven_day_window_over_hourly_rows_counts_by_day(shop):
    got = rows(shop, "revenue_7d", "day", time_range={"start": "2026-01-10", "end": "2026-01-22"})
    # the 23:30 order of Jan 5 is in the windows of Jan 5..11 and no later; Jan 20's from then on
    assert got == [
        ("2026-01-10", 100.0),
        ("2026-01-11", 100.0),
        ("2026-01-20", 50.0),
        ("2026-01-21", 50.0),
    ]


def test_a_window_of_hours_is_refused_not_read_as_days(shop):
    model, _ = shop
    q = SemanticQuery(metrics=["revenue_3h"], group_by=["metric_time__day"])
    # refused where the window is read (not the hourly-dimension rule): a guard, not a new case
    with pytest.raises(CompileError, match=r"granularity `hour` is not one of day"):
        compile_query(model, q)
