"""A one-month offset read day by day at month ends, as MetricFlow reads it.

"Revenue a month earlier" on day *d* is the revenue of *d* - 1 month, the earlier month's last
day when *d*'s day does not exist there: Mar 28-31 all read Feb 28, and no day reads Jan 31
(Feb 28 - 1 month = Jan 28). OrderLens moved each order forward a month instead, so Jan 31's
order showed on Feb 28 and Feb 28's on Mar 28 only (found by the session-15 MetricFlow
cross-check: 4 of 161 days of a probe differed). By month both readings sum the same orders.
The fixture is tests/fixtures/semantic/dbt_shop with two orders moved to month ends (Jan 20 ->
Jan 31, Feb 10 -> Feb 28) and the metric added to a copy.
"""

from __future__ import annotations

import pytest

from semantic_layer import SemanticQuery, query
from tests.semantic_helpers import df_rows
from tests.test_semantic_dbt import WAREHOUSE_SQL, shop_copy

ADDED = """
  - name: revenue_month_before
    type: derived
    label: Revenue of a month earlier
    type_params:
      expr: before
      metrics:
        - {name: revenue, alias: before, offset_window: 1 month}
"""


@pytest.fixture(scope="module")
def shop(tmp_path_factory):
    sql = WAREHOUSE_SQL.replace("'2026-01-20'", "'2026-01-31'").replace(
        "'2026-02-10'", "'2026-02-28'"
    )
    model, con = shop_copy(tmp_path_factory, "month_end", ADDED, sql=sql)
    yield model, con
    con.close()


def rows(shop, grain: str) -> list[tuple]:
    model, con = shop
    q = SemanticQuery(metrics=["revenue_month_before"], group_by=[f"metric_time__{grain}"])
    return [(str(t)[:10], v) for t, v in df_rows(query(q, model, con=con).df)]


def test_by_day_each_day_reads_the_same_day_a_month_earlier(shop):
    assert rows(shop, "day") == [
        ("2026-02-05", 100.0),  # Jan 5
        ("2026-03-01", 30.0),  # Feb 1
        ("2026-03-28", 20.0),  # Feb 28, and the days after it that February does not have
        ("2026-03-29", 20.0),
        ("2026-03-30", 20.0),
        ("2026-03-31", 20.0),
    ]  # was Feb 28: 50 (Jan 31's order; Feb 28 - 1 month is Jan 28) and Mar 28: 20 only


def test_by_month_the_months_are_unchanged(shop):  # a guard
    assert rows(shop, "month") == [("2026-02-01", 150.0), ("2026-03-01", 50.0)]
