"""The order health and status trace notebooks, executed once each through the runner.

Asserts the contents of ``result.json`` (the notebooks' return value), not their outputs.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from lab.runner import run_notebook

NOTEBOOK_DIR = Path(__file__).resolve().parents[1] / "notebooks"


def _run(name: str, params: dict, demo_db: Path, tmp_path: Path):
    return run_notebook(
        name, params, tmp_path, notebooks_dir=NOTEBOOK_DIR, db=demo_db, progress=False,
        timeout_s=600, html=False,
    )  # fmt: skip


@pytest.mark.slow
def test_order_health_notebook(demo_db, tmp_path):
    run = _run(
        "order_health",
        {"as_of": "2026-11-21", "thresholds": {"status_disagreement": {"minutes": 15}},
         "new_values": ["deposit_paid"]},
        demo_db,
        tmp_path,
    )  # fmt: skip
    result = run.result
    assert result["as_of"].startswith("2026-11-21")
    assert result["thresholds"]["status_disagreement"] == {"minutes": 15}
    assert [k["kpi"] for k in result["kpis"]] == [
        "sync_delay_minutes", "reconciliation_automation_rate", "self_service_resolution_rate",
        "anomaly_detection_rate", "id_consistency_rate",
    ]  # fmt: skip
    detection = next(k for k in result["kpis"] if k["kpi"] == "anomaly_detection_rate")
    assert 0 < detection["value"] <= 1 and "surfaced anomalies" in detection["note"]
    assert sum(result["findings_by_check"].values()) == result["findings_total"] > 0
    for check in ("shipped_not_picked_up", "status_disagreement", "inconsistent_ids"):
        assert result["findings_by_check"][check] > 0
    auto = [r for r in result["impact"]["high_risk"] if r["location"].endswith("auto_cancel.sql")]
    assert (
        auto and "partial_paid" in auto[0]["unhandled"] and "deposit_paid" in auto[0]["unhandled"]
    )
    out = run.output_dir
    assert (out / "findings.csv").stat().st_size > 0
    assert (out / "findings_shipped_not_picked_up.csv").exists()
    assert (out / "impact_matrix.csv").exists()


@pytest.mark.slow
def test_status_trace_notebook(demo_db, tmp_path):
    from connectors.warehouse import connect

    con = connect(demo_db, read_only=True)
    jd = con.execute(
        "SELECT channel_order_no FROM orders WHERE channel = 'jd' ORDER BY order_id LIMIT 1"
    ).fetchall()[0][0]
    con.close()
    # an order no system knows is refused by the runner before the kernel starts, by name
    from lab.runner.errors import ParameterError

    with pytest.raises(ParameterError, match="NOPE12345678"):
        _run("status_trace", {"order_ids": [jd, "NOPE12345678"]}, demo_db, tmp_path / "bad")
    run = _run(
        "status_trace",
        {"order_ids": [jd], "include_disagreements": 3},
        demo_db,
        tmp_path,
    )
    result = run.result
    assert result["missing"] == []
    assert len(result["orders"]) == 4  # the JD order + 3 flagged ones
    assert result["orders_with_red"] >= 3 and result["red_records"] >= 3
    html = Path(result["report"]).read_text(encoding="utf-8")
    assert "<!DOCTYPE html>" in html and jd in html
    assert Path(result["timeline_csv"]).stat().st_size > 0
