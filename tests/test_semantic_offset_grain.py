"""Offset metrics: ``offset_to_grain`` alone by a finer grain, and where filters on time.

``offset_to_grain: month`` reads, for each day, the value of its month's first day. With a
plain input beside it, the plain rows drive the query and the offset group is joined on the
month start. Alone, nothing drove it: each day was read unshifted, its own revenue (a wrong
number found by the session-15 MetricFlow cross-check: "revenue on the first of the month" by
day gave 68.40 on Jan 3 where MetricFlow has no row, and by quarter the whole quarter's
revenue where MetricFlow reads the quarter's first day). Now the spine's days drive it, kept
where their month's first day has a row, as MetricFlow's inner join to its spine does; a
grain coarser than the offset's, or one that does not nest in it (week), is refused.

A where filter on ``metric_time`` (or on the metrics' own time dimension, ``order__ordered_at``,
which MetricFlow reads as ``metric_time``) keeps the *periods* an offset metric is reported in:
MetricFlow filters its spine's days, then joins each to the rows an offset earlier. OrderLens
filtered the rows before shifting them, so "revenue a week earlier, from Jan 25 on" lost Jan
27 (Jan 20's 50); the cross-check found it as 7,642.81 against MetricFlow's 8,920.38.

The fixture is tests/fixtures/semantic/dbt_shop (orders on Jan 5: 100, Jan 20: 50, Feb 1: 30,
Feb 10: 20) with the metrics added to a copy.
"""

from __future__ import annotations

import pytest

from semantic_layer import CompileError, SemanticQuery, compile_query, query
from tests.semantic_helpers import df_rows
from tests.test_semantic_dbt import shop_copy

ADDED = """
  - name: revenue_on_month_start
    type: derived
    label: Revenue of the first day of the month
    type_params:
      expr: first_day
      metrics:
        - {name: revenue, alias: first_day, offset_to_grain: month}
  - name: revenue_week_before
    type: derived
    label: Revenue of 7 days earlier
    type_params:
      expr: before
      metrics:
        - {name: revenue, alias: before, offset_window: 7 days}
  - name: revenue_running
    type: cumulative
    label: Running revenue
    type_params:
      measure: order_total
"""


@pytest.fixture(scope="module")
def shop(tmp_path_factory):
    model, con = shop_copy(tmp_path_factory, "offset_grain", ADDED)
    yield model, con
    con.close()


def rows(shop, *group_by: str, **kw) -> list[tuple]:
    model, con = shop
    q = SemanticQuery(metrics=["revenue_on_month_start"], group_by=list(group_by), **kw)
    return [(str(r[0])[:10], *r[1:]) for r in df_rows(query(q, model, con=con).df)]


def test_each_day_reads_its_month_first_day(shop):
    got = rows(shop, "metric_time__day")
    # January's first day has no order: no January rows; every February day reads Feb 1 (30)
    assert got == [(f"2026-02-{d:02d}", 30.0) for d in range(1, 29)]  # was Jan 5: 100, ...


def test_a_time_range_keeps_its_days(shop):
    got = rows(shop, "metric_time__day", time_range={"start": "2026-02-08", "end": "2026-02-11"})
    assert got == [("2026-02-08", 30.0), ("2026-02-09", 30.0), ("2026-02-10", 30.0)]


def test_at_its_own_grain_the_month_value_is_unchanged(shop):  # a guard
    assert rows(shop, "metric_time__month") == [("2026-01-01", 150.0), ("2026-02-01", 50.0)]


@pytest.mark.parametrize("grain", ["week", "quarter"])
def test_grains_that_do_not_nest_in_the_month_are_refused(shop, grain):
    model, _ = shop
    q = SemanticQuery(metrics=["revenue_on_month_start"], group_by=[f"metric_time__{grain}"])
    with pytest.raises(CompileError, match="offset_to_grain metric on its own"):
        compile_query(model, q)


def week_before(shop, where: str) -> list[tuple]:
    model, con = shop
    q = SemanticQuery(metrics=["revenue_week_before"], group_by=["metric_time__day"], where=[where])
    return [(str(r[0])[:10], r[1]) for r in df_rows(query(q, model, con=con).df)]


@pytest.mark.parametrize("name", ["metric_time", "order__ordered_at"])
def test_a_time_filter_keeps_the_periods_an_offset_is_reported_in(shop, name):
    got = week_before(shop, f"{{{{ TimeDimension('{name}', 'day') }}}} >= '2026-01-25'")
    # Jan 27 shows Jan 20's 50 (it was left out: Jan 20 is before the 25th)
    assert got == [("2026-01-27", 50.0), ("2026-02-08", 30.0), ("2026-02-17", 20.0)]


def test_a_running_total_by_month_keeps_the_rows_before_the_filter(shop):
    # the filter on its own time dimension selects periods (from Jan 10), and the running
    # total on each kept day counts every earlier order, as MetricFlow computes it (session
    # 16, tests/test_semantic_cumulative_time_filter.py; it was 50 and 80: rows from Jan 10)
    model, con = shop
    q = SemanticQuery(
        metrics=["revenue_running"],
        group_by=["metric_time__month"],
        where=["{{ TimeDimension('order__ordered_at', 'day') }} >= '2026-01-10'"],
    )
    got = [(str(r[0])[:10], r[1]) for r in df_rows(query(q, model, con=con).df)]
    assert got == [("2026-01-01", 100.0), ("2026-02-01", 180.0)]  # Jan 10's, then Feb 1's
