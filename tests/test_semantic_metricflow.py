"""Cross-check against MetricFlow, the reference implementation of the same YAML.

For each model (the built-in model on the demo warehouse, the TPC-H-style model in both specs,
the dbt-shaped fixture project), queries are generated from the catalog (every metric alone,
by month and by its first categorical dimensions, every saved query), compiled by OrderLens and
by MetricFlow (``explain`` in a cached venv, see tests/metricflow_support.py) and both SQLs run
on the same DuckDB warehouse. Every query both compile must give the same result set, except
the deliberate differences below, each documented in docs/semantic_layer.md.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from semantic_layer import load_model
from tests.metricflow_support import (
    RegistryUnreachable,
    add_time_spine,
    compare,
    generated_queries,
    metricflow_python,
)

FIX = Path(__file__).parent / "fixtures" / "semantic"

# query id -> why the results differ on purpose (docs/semantic_layer.md, "MetricFlow")
DELIBERATE = {
    # COUNT over no rows is 0 in OrderLens, NULL in MetricFlow (it rewrites count to SUM(1))
    "recon_flow_count by total": "count of nothing is 0",
    "recommendation_count by total": "count of nothing is 0",
    # a ratio whose filtered count numerator has no rows in a group: 0 here, NULL there
    "cancellation_rate by metric_time__month": "count of nothing is 0",
    "cancellation_rate by order__payment_status": "count of nothing is 0",
    "cancellation_rate by order__order_status": "count of nothing is 0",
    # MetricFlow emits periods after the last row with data (up to the end of the time spine)
    "gmv_cumulative by metric_time__month": "periods only where the data has rows",
    "revenue_running_total by metric_time__month": "periods only where the data has rows",
    "gmv_growth_mom by metric_time__month": "periods only where the data has rows",
}


@pytest.fixture(scope="module")
def mf_ready() -> None:
    try:
        metricflow_python()
    except RegistryUnreachable as exc:
        pytest.skip(f"package registry unreachable, cannot install metricflow: {exc}")


def _check(model, con) -> None:
    queries = generated_queries(model)
    c = compare(model, con, queries)
    undocumented = {k: v for k, v in c.different.items() if k not in DELIBERATE}
    assert not undocumented, undocumented
    ids = {q["id"] for q in queries}
    stale = [k for k in DELIBERATE if k in ids and k in c.equal]
    assert not stale, f"now equal to MetricFlow, remove from DELIBERATE: {stale}"
    assert not c.orderlens_refused, c.orderlens_refused
    # MetricFlow cannot run OrderLens's templates inside model exprs (an OrderLens addition)
    assert all('syntax error at or near "{"' in v for v in c.metricflow_failed.values())
    compared = len(c.equal) + len(c.different)
    assert compared >= 0.8 * len(queries), (compared, len(queries), c.metricflow_refused)
    assert len(c.equal) >= compared - len(DELIBERATE)


@pytest.mark.parametrize("spec", ["tpch_legacy", "tpch_newer"])
def test_tpch_model_matches_metricflow(mf_ready, spec):
    con = duckdb.connect()
    con.execute((FIX / "tpch_data.sql").read_text())
    add_time_spine(con)
    _check(load_model(FIX / spec), con)


def test_dbt_project_matches_metricflow(mf_ready):
    from tests.test_semantic_dbt import PROJECT, WAREHOUSE_SQL

    con = duckdb.connect()
    con.execute(WAREHOUSE_SQL)
    add_time_spine(con)
    _check(load_model(PROJECT, con=con), con)


def test_builtin_model_matches_metricflow(mf_ready, demo_db):
    model = load_model()
    con = duckdb.connect()
    con.execute(f"ATTACH '{demo_db}' AS wh (READ_ONLY)")
    tables = con.execute(
        "SELECT table_name FROM information_schema.tables "
        "WHERE table_catalog = 'wh' AND table_schema = 'main'"
    ).fetchall()
    for (t,) in tables:  # both compilers read main.<table>; the warehouse stays read-only
        con.execute(f"CREATE VIEW main.{t} AS SELECT * FROM wh.main.{t}")
    for node in model.nodes.values():
        if node.view_sql is not None:
            con.execute(f"CREATE VIEW main.{node.table} AS {node.view_sql.sql('duckdb')}")
    add_time_spine(con)
    _check(model, con)
