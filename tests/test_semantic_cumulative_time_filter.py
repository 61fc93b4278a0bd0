"""A where filter on ``metric_time`` under a running total selects periods, not rows (and a
running total over a ``join_to_timespine`` input reads whole periods).

"Revenue to date from Feb 1" is the running total reported on each day from Feb 1, with the
January orders still in it: MetricFlow joins its time spine to the rows first and filters the
spine's days after (its ``JoinOverTimeRangeNode`` comes before the ``WhereFilterNode``).
OrderLens filtered the rows before accumulating them, so the total restarted at the filter's
date (a quarter-to-date from June 1: 30.31 here, 2,597.05 in MetricFlow, on the session-15
probe). A filter on the measure's own time dimension is the same filter (agg_time_item.py); a
filter on any other dimension still drops rows before they are accumulated.

The fixture is tests/fixtures/semantic/dbt_shop (orders: Jan 5 100 customer 1, Jan 20 50
customer 1 shipped, Feb 1 30 customer 2, Feb 10 20 customer 3 shipped) with a 30-day window,
a month-to-date and a 30-day distinct-customer count added. Every expected value below is
computed by hand from those four orders and equals MetricFlow 0.213's result on the same
warehouse (checked with the session-16 bridge; MetricFlow also lists spine days after the
last order, which OrderLens does not, see docs/semantic_layer.md).
"""

from __future__ import annotations

import pytest

from semantic_layer import CompileError, SemanticQuery, query
from tests.semantic_helpers import df_rows
from tests.test_semantic_dbt import shop_copy

ADDED = """
  - name: revenue_30d
    type: cumulative
    label: Revenue, last 30 days
    type_params:
      cumulative_type_params: {metric: revenue, window: 30 days}
  - name: revenue_mtd
    type: cumulative
    label: Revenue, month to date
    type_params:
      cumulative_type_params: {metric: revenue, grain_to_date: month}
  - name: customers_ordering
    type: simple
    label: Customers ordering
    type_params: {measure: customers_distinct}
  - name: customers_30d
    type: cumulative
    label: Distinct customers, last 30 days
    type_params:
      cumulative_type_params: {metric: customers_ordering, window: 30 days}
  - name: daily_revenue_mtd
    type: cumulative
    label: Revenue month to date, every day
    type_params:
      cumulative_type_params: {metric: daily_revenue, grain_to_date: month}
  - name: daily_revenue_7d_last
    type: cumulative
    label: Revenue of the last 7 days, every day, at each period's end
    type_params:
      cumulative_type_params: {metric: daily_revenue, window: 7 days, period_agg: last}
"""
COUNT = "      - {name: order_count, agg: count, expr: order_id, create_metric: true}\n"
EDITS = [
    (COUNT, COUNT + "      - {name: customers_distinct, agg: count_distinct, expr: customer_id}\n")
]

FROM_FEB_1 = "{{ TimeDimension('metric_time', 'day') }} >= '2026-02-01'"
FROM_FEB_5 = "{{ TimeDimension('metric_time', 'day') }} >= '2026-02-05'"
OWN_FROM_FEB_5 = "{{ TimeDimension('order__ordered_at', 'day') }} >= '2026-02-05'"
SHIPPED = "{{ Dimension('order__status') }} = 'shipped'"


@pytest.fixture(scope="module")
def shop(tmp_path_factory):
    model, con = shop_copy(tmp_path_factory, "cumulative_time_filter", ADDED, EDITS)
    yield model, con
    con.close()


def rows(shop, metric: str, grain: str, *where: str) -> list[tuple]:
    model, con = shop
    q = SemanticQuery(metrics=[metric], group_by=[f"metric_time__{grain}"], where=list(where))
    return [(str(t)[:10], float(v)) for t, v in df_rows(query(q, model, con=con).df)]


def days(value_by_day: dict[str, float]) -> list[tuple]:
    """{'2026-02-01..03': 180.0} -> one row per day of each inclusive range."""
    out = []
    for span, value in value_by_day.items():
        first, _, last = span.partition("..")
        for d in range(int(first[-2:]), int((last or first)[-2:]) + 1):
            out.append((f"{first[:8]}{d:02d}", value))
    return out


def test_running_total_keeps_the_rows_before_the_filter(shop):
    assert rows(shop, "revenue_to_date", "day", FROM_FEB_1) == days(
        {"2026-02-01..09": 180.0, "2026-02-10": 200.0}
    )  # was 30 (Feb 1's order alone) then 50


def test_window_reaches_back_past_the_filter(shop):
    # Jan 5 leaves the 30-day window on Feb 4 (Feb 4 - 30 days = Jan 5, exclusive)
    assert rows(shop, "revenue_30d", "day", FROM_FEB_1) == days(
        {"2026-02-01..03": 180.0, "2026-02-04..09": 80.0, "2026-02-10": 100.0}
    )


def test_grain_to_date_counts_from_the_start_of_its_period(shop):
    # from Feb 5: the month-to-date still counts Feb 1's order (was: no row until Feb 10, 20)
    assert rows(shop, "revenue_mtd", "day", FROM_FEB_5) == days(
        {"2026-02-05..09": 30.0, "2026-02-10": 50.0}
    )


def test_own_time_dimension_filter_by_month(shop):
    # by month, period_agg last: Feb's last day's running total (was 20: Feb 10's order alone)
    assert rows(shop, "revenue_to_date", "month", OWN_FROM_FEB_5) == [("2026-02-01", 200.0)]
    # period_agg first (default): the first day kept, Feb 5 (Jan 20 + Feb 1)
    assert rows(shop, "revenue_30d", "month", FROM_FEB_5) == [("2026-02-01", 80.0)]


def test_distinct_counts_over_the_window_rows(shop):
    assert rows(shop, "customers_30d", "day", FROM_FEB_1) == days(
        {"2026-02-01..09": 2.0, "2026-02-10": 3.0}
    )


def test_other_dimension_filters_still_drop_rows_first(shop):
    assert rows(shop, "revenue_30d", "day", FROM_FEB_1, SHIPPED) == days(
        {"2026-02-01..09": 50.0, "2026-02-10": 70.0}
    )


def test_a_filter_mixing_time_and_another_dimension_is_refused(shop):
    model, con = shop
    mixed = f"{FROM_FEB_1} and {SHIPPED}"
    q = SemanticQuery(metrics=["revenue_30d"], group_by=["metric_time__day"], where=[mixed])
    with pytest.raises(CompileError, match="two filters"):
        query(q, model, con=con)


def test_a_filled_input_reads_the_first_and_last_day_of_each_period(shop):
    # daily_revenue has join_to_timespine (+ fill 0): every day has a value, so January's
    # month-to-date "first" is Jan 1's 0 (was 100: Jan 5, the first day with orders) and
    # February's 7-day total "last" is Feb 28's 0 (was 50: Feb 10, the last day with orders),
    # MetricFlow's values (its spine has every day; it also lists the spine's other months)
    assert rows(shop, "daily_revenue_mtd", "month") == [("2026-01-01", 0.0), ("2026-02-01", 30.0)]
    assert rows(shop, "daily_revenue_7d_last", "month") == [
        ("2026-01-01", 0.0),
        ("2026-02-01", 0.0),
    ]
