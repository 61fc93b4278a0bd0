"""A metric whose default grain is a custom granularity of the time spine.

dbt lets a metric say ``time_granularity: fiscal_quarter`` when the project's time spine
declares that custom granularity; a bare ``metric_time`` then means fiscal quarters, not days.
The fixture is tests/fixtures/semantic/dbt_shop (fiscal year from February) with two metrics
added to a copy: one with the custom default, one with a monthly default.
"""

from __future__ import annotations

import pytest

from semantic_layer import SemanticQuery, query
from tests.semantic_helpers import df_rows
from tests.test_semantic_dbt import shop_copy

ADDED = """
  - name: fiscal_revenue
    type: simple
    label: Revenue per fiscal quarter
    time_granularity: fiscal_quarter
    type_params: {measure: order_total}
  - name: monthly_revenue
    type: simple
    label: Revenue per month
    time_granularity: month
    type_params: {measure: order_total}
"""


@pytest.fixture(scope="module")
def shop(tmp_path_factory):
    model, con = shop_copy(tmp_path_factory, "custom_default", ADDED)
    yield model, con
    con.close()


def rows(shop, metrics: list[str]) -> list[tuple]:
    model, con = shop
    result = query(SemanticQuery(metrics=metrics, group_by=["metric_time"]), model, con=con)
    return df_rows(result.df)


def test_a_custom_default_grain_groups_by_its_periods(shop):
    # Jan 5 + Jan 20 fall in FY26-Q4 (Nov-Jan), Feb 1 + Feb 10 in FY27-Q1: before the fix the
    # bare metric_time grouped by day (four rows)
    assert rows(shop, ["fiscal_revenue"]) == [("FY26-Q4", 150.0), ("FY27-Q1", 50.0)]


def test_beside_a_metric_without_a_default_the_custom_grain_still_holds(shop):
    assert rows(shop, ["fiscal_revenue", "revenue"]) == [
        ("FY26-Q4", 150.0, 150.0),
        ("FY27-Q1", 50.0, 50.0),
    ]


def test_beside_a_coarser_standard_default_the_standard_grain_wins(shop):
    got = [(str(t)[:7], a, b) for t, a, b in rows(shop, ["fiscal_revenue", "monthly_revenue"])]
    assert got == [("2026-01", 150.0, 150.0), ("2026-02", 50.0, 50.0)]
