"""notebooks/shipping_window.ipynb runs end to end through the notebook runner."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from connectors.warehouse import connect
from lab.shipping.toy import (
    TOY_AS_OF,
    add_history_orders,
    add_pending_order,
    build_toy_warehouse,
)

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"


@pytest.fixture(scope="module")
def toy_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("toynb") / "toy.duckdb"
    con = connect(path)
    build_toy_warehouse(con)
    add_history_orders(con)
    add_pending_order(con, "O1", "DE", TOY_AS_OF + timedelta(days=25), units=10, mode="air")
    add_pending_order(con, "O2", "US", TOY_AS_OF + timedelta(days=40), units=30, mode="sea")
    con.close()
    return path


def test_report_chart_and_payload(toy_db):
    from lab.shipping.report import build_window_report

    rep = build_window_report(toy_db, horizon_days=14)
    assert rep.as_of.isoformat() == "2026-11-20"
    assert set(rep.recommendations["order_id"]) == {"O1", "O2"}
    spec = rep.chart.to_dict()
    assert spec["layer"][0]["mark"]["type"] == "rect"
    assert rep.chart_series == (rep.by_lane["lane"].iloc[0], rep.by_lane["shipping_mode"].iloc[0])
    payload = rep.to_result()
    assert payload["recommended"] == 2 and payload["eval_line"].startswith("windows-eval:")


def test_notebook_runs_and_writes_result_json(toy_db, tmp_path):
    from lab.runner import run_notebook

    res = run_notebook(
        "shipping_window",
        {"db": str(toy_db), "horizon_days": 14, "min_saving": 1.0, "output_dir": str(tmp_path)},
        tmp_path / "runs",
        notebooks_dir=NOTEBOOKS,
        progress=False,
        html=False,
        timeout_s=300,
    )
    result = res.result
    assert result["as_of"] == "2026-11-20"
    assert result["params"]["horizon_days"] == 14 and result["params"]["min_saving"] == 1.0
    assert result["recommended"] == 2 and result["expected_saving_total"] > 0
    assert {r["order_id"] for r in result["recommendations"]} == {"O1", "O2"}
    assert result["backtest"]["saving_pct"] > 0
    assert (
        result["backtest"]["ontime_policy_pct"] >= result["backtest"]["ontime_baseline_pct"] - 0.5
    )
