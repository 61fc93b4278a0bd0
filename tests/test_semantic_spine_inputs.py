"""Ratio and derived metrics over a ``join_to_timespine`` input, grouped by ``metric_time``.

MetricFlow joins each input that has ``join_to_timespine`` to the time spine *before* the
derived metric is computed: a day without orders has the input's ``fill_nulls_with`` value
(0), so "revenue minus revenue a week earlier" on such a day is 0 - last week's revenue.
OrderLens used to join the spine to the finished rows, so the days it added had the filled
input but a NULL derived metric (found by the session-14 MetricFlow cross-check: a
month-over-month growth of a hand-written probe project was NULL where MetricFlow says -100 %).
The fixture is tests/fixtures/semantic/dbt_shop (orders on Jan 5: 100, Jan 20: 50, Feb 1: 30,
Feb 10: 20) with one derived metric added to a copy.
"""

from __future__ import annotations

import pytest

from semantic_layer import SemanticQuery, query
from tests.semantic_helpers import df_rows, norm_rows
from tests.test_semantic_dbt import shop_copy

ADDED = """
  - name: revenue_vs_last_week
    type: derived
    label: Revenue minus the revenue of 7 days earlier, every day
    type_params:
      expr: daily_revenue - last_week
      metrics:
        - daily_revenue
        - {name: daily_revenue, alias: last_week, offset_window: 7 days}
"""


@pytest.fixture(scope="module")
def shop(tmp_path_factory):
    model, con = shop_copy(tmp_path_factory, "spine_inputs", ADDED)
    yield model, con
    con.close()


def rows(shop, **kw) -> dict[str, tuple]:
    model, con = shop
    got = norm_rows(df_rows(query(SemanticQuery(**kw), model, con=con).df), ordered=True)
    return {str(r[0])[:10]: r[1:] for r in got}


def test_a_day_without_rows_is_computed_from_the_filled_input(shop):
    got = rows(
        shop, metrics=["revenue_vs_last_week", "daily_revenue"], group_by=["metric_time__day"]
    )
    assert len(got) == 37  # every day from Jan 5 to Feb 10
    assert got["2026-01-05"] == (100.0, 100.0)
    assert got["2026-01-12"] == (-100.0, 0.0)  # was (None, 0.0)
    assert got["2026-01-27"] == (-50.0, 0.0)
    assert got["2026-02-08"] == (-30.0, 0.0)
    assert got["2026-02-10"] == (20.0, 20.0)
    assert got["2026-01-06"] == (0.0, 0.0)  # nothing on either day


def test_with_a_second_group_by_the_spine_still_joins_the_rows(shop):
    # by day and status the spine adds one row per empty day (NULL status), as before
    model, con = shop
    result = query(
        SemanticQuery(metrics=["daily_revenue"], group_by=["metric_time__day", "order__status"]),
        model,
        con=con,
    )
    got = norm_rows(df_rows(result.df), ordered=False)
    assert len(got) == 37
    assert ("2026-01-05", "placed", 100.0) in got
    assert ("2026-01-06", None, 0.0) in got


def test_with_a_second_group_by_a_derived_metric_is_computed_on_empty_days(shop):
    # MetricFlow joins the input to the spine before the derived metric, with the status too:
    # an empty day is (day, NULL status) with daily_revenue 0 and so a difference of 0 - 0
    model, con = shop
    q = SemanticQuery(
        metrics=["revenue_vs_last_week"], group_by=["metric_time__day", "order__status"]
    )
    got = {
        (r[0], r[1]): r[2] for r in norm_rows(df_rows(query(q, model, con=con).df), ordered=False)
    }
    assert len(got) == 37
    assert got[("2026-01-05", "placed")] == 100.0
    assert got[("2026-01-06", None)] == 0.0  # was None
    assert got[("2026-01-12", None)] == 0.0  # Jan 5's order a week later is another status
    assert got[("2026-01-20", "shipped")] == 50.0
    assert got[("2026-02-10", "shipped")] == 20.0
