"""A windowed cumulative metric over a time range reads only the history its windows reach.

Why: a rolling 7-day metric asked for one month aggregated the whole history and joined every
period of it to the spine (bench/bench_semantic.py "rolling 7-day GMV by day": 1.2-2x the
hand-written SQL on 1M orders). The values must not change: history before the range still
counts as far as the first window in range reaches back.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import duckdb
import pytest
import sqlglot
from sqlglot import exp

from semantic_layer import SemanticQuery, compile_query, load_model
from semantic_layer.query import TimeRange
from tests.test_semantic_funnel import PROJECT, WAREHOUSE_SQL


def _earliest_base_period(sql: str, con: Any, column: str = "metric_time__day") -> Any:
    """The oldest period (``column``) the cumulative metric's base CTE (``*_base``) holds."""
    tree = sqlglot.parse_one(sql, dialect="duckdb")
    assert isinstance(tree, exp.Query)
    ctes = tree.ctes
    i = next(n for n, c in enumerate(ctes) if c.alias.endswith("_base"))
    base = ctes[i]
    probe = exp.select(exp.Min(this=exp.column(column))).from_(base.alias)
    head = "WITH " + ", ".join(c.sql("duckdb") for c in ctes[: i + 1])
    return con.execute(f"{head} {probe.sql('duckdb')}").fetchall()[0][0]


@pytest.fixture(scope="module")
def funnel() -> Any:
    con = duckdb.connect()
    con.execute(WAREHOUSE_SQL)
    yield load_model(PROJECT, con=con), con
    con.close()


def test_distinct_users_of_seven_days_in_a_range_read_six_days_before_it(funnel) -> None:
    """Web analytics (count_distinct: the rows path, periods from the project's time spine)."""
    model, con = funnel
    query = SemanticQuery(
        metrics=["active_users_7d"],
        group_by=["metric_time__day"],
        time_range=TimeRange(start=dt.date(2026, 3, 9), end=dt.date(2026, 3, 12)),
    )
    sql = compile_query(model, query).sql
    rows = con.execute(sql).fetchall()
    # Mar 9: users 1 (Mar 5, Mar 8) and 3 (Mar 5) in (Mar 2, Mar 9]; user 2's Mar 2 visit is out
    assert [(d.isoformat(), n) for d, n in rows] == [
        ("2026-03-09", 2),
        ("2026-03-10", 2),
        ("2026-03-11", 2),
    ]
    # the visits of Mar 1-2 cannot reach any day in range: not read
    assert _earliest_base_period(sql, con) >= dt.date(2026, 3, 3)


def test_rolling_gmv_of_one_month_reads_the_week_before_it(demo_con) -> None:
    """Orders (a sum: per-day values, periods generated), against a window function."""
    query = SemanticQuery(
        metrics=["gmv_rolling_7d"],
        group_by=["metric_time__day"],
        time_range=TimeRange(start=dt.date(2026, 10, 1), end=dt.date(2026, 11, 1)),
    )
    sql = compile_query(load_model(), query).sql
    got = demo_con.execute(sql).fetchall()
    daily = dict(
        demo_con.execute(
            "SELECT CAST(created_at AS DATE), SUM(goods_amount) FROM orders GROUP BY 1"
        ).fetchall()
    )
    earliest = _earliest_base_period(sql, demo_con)
    # every day of October (a day without orders too), the sum of its 7 days' GMV
    days = [dt.date(2026, 10, 1) + dt.timedelta(days=n) for n in range(31)]
    want = [
        (d, round(float(sum(daily.get(d - dt.timedelta(days=k), 0) for k in range(7))), 2))
        for d in days
    ]
    assert [(d, round(float(v), 2)) for d, v in got] == want
    assert earliest == dt.date(2026, 9, 25)  # Oct 1's window: Sep 25 - Oct 1


def test_a_running_total_still_reads_all_history(funnel) -> None:
    """No window (all history counts): nothing is cut."""
    model, con = funnel
    query = SemanticQuery(
        metrics=["average_purchase_to_date"],
        group_by=["metric_time__day"],
        time_range=TimeRange(start=dt.date(2026, 3, 8), end=dt.date(2026, 3, 11)),
    )
    sql = compile_query(model, query).sql
    assert [(d.isoformat(), v) for d, v in con.execute(sql).fetchall()] == [
        ("2026-03-08", 7.5),
        ("2026-03-09", 12.5),
        ("2026-03-10", 12.5),
    ]
    assert _earliest_base_period(sql, con) < dt.date(2026, 3, 8)
