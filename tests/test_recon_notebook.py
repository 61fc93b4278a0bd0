"""The reconciliation notebook (through the runner), the CLI and the accountants' exports."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from click.testing import CliRunner

from connectors.warehouse import connect
from lab.cli import cli
from lab.runner import run_notebook

ROOT = Path(__file__).resolve().parents[1]
BANK_CSV = ROOT / "tests" / "fixtures" / "sources" / "bank_icbc_gbk.csv"
SHEETS = ["summary", "flows", "unmatched", "causes", "matches", "allocations", "orders"]


@pytest.fixture()
def demo_copy(demo_db: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "demo.duckdb"
    shutil.copyfile(demo_db, copy)
    return copy


@pytest.mark.slow
def test_reconciliation_notebook_ingests_reconciles_and_exports(demo_copy, tmp_path) -> None:
    out = tmp_path / "run"
    run = run_notebook(
        "reconciliation",
        {"period_start": "2026-02", "period_end": "2026-02", "bank_files": [str(BANK_CSV)],
         "bank_currency": "CNY", "tolerance": 0.005, "output_dir": str(out)},
        tmp_path, notebooks_dir=ROOT / "notebooks", db=demo_copy, progress=False,
        timeout_s=600, html=False,
    )  # fmt: skip
    result = json.loads((out / "result.json").read_text(encoding="utf-8"))
    assert run.result == result
    assert result["periods"] == ["2026-02"]
    assert result["ingested_files"] == [str(BANK_CSV)]
    assert result["flows"] == sum(result["by_status"].values()) > 50
    assert result["allocation_exact"] is True
    assert result["allocated_by_state"]["final"] > 0  # green flows are bookable
    assert result["non_green_without_reason"] == 0
    assert 0.5 < result["automation_rate"] <= 1.0
    assert result["drilldown_flow"] and len(result["drilldown_orders"]) >= 2
    # the three lines of the ingested statement: two inflows reconciled, the outflow is not a flow
    con = connect(demo_copy, read_only=True)
    ingested = con.execute(
        "select txn_id, amount from bank_transactions where source_file like '%bank_icbc_gbk%'"
    ).fetchall()
    statuses = dict(
        con.execute(
            "select flow_id, status from recon_flow_status where period = '2026-02'"
        ).fetchall()
    )
    con.close()
    inflows = [t for t, a in ingested if a > 0]
    assert len(ingested) == 3 and len(inflows) == 2
    assert all(t in statuses for t in inflows)
    # exports: the workbook has every sheet, CSVs agree with it
    book = openpyxl.load_workbook(result["exports"]["xlsx"], read_only=True)
    assert book.sheetnames == SHEETS
    flows_csv = pd.read_csv(result["exports"]["flows"], encoding="utf-8-sig")
    assert len(flows_csv) == result["flows"]
    assert set(flows_csv["status"]) <= {"red", "yellow", "green"}
    alloc = pd.read_csv(result["exports"]["allocations"], encoding="utf-8-sig")
    assert len(alloc) > 0
    assert (out / "dashboard.svg").stat().st_size > 1000


def _trap_db(tmp_path: Path) -> Path:
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "recon_traps", ROOT / "tests" / "test_recon_matching.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    path = tmp_path / "traps.duckdb"
    con = connect(path)
    module.build_trap_warehouse(con)
    con.close()
    return path


def test_cli_reconcile_prints_summary_and_exports(tmp_path) -> None:
    db = _trap_db(tmp_path)
    runner = CliRunner()
    res = runner.invoke(
        cli, ["reconcile", "--period", "2026-01", "--db", str(db), "--export", str(tmp_path / "x")]
    )
    assert res.exit_code == 0, res.output
    assert (
        "period 2026-01: 19 flows — green 10, yellow 2, red 7; automation rate 52.6%" in res.output
    )
    assert "top 7 unmatched flows:" in res.output
    assert "T04" in res.output and "王建国" in res.output
    assert (tmp_path / "x" / "reconciliation.xlsx").exists()
    assert len(list((tmp_path / "x").glob("reconciliation_*.csv"))) == len(SHEETS)
    again = runner.invoke(cli, ["reconcile", "--period", "2026-01", "--db", str(db), "--json"])
    payload = json.loads(again.output)
    assert payload["periods"][0]["by_status"] == {"red": 7, "yellow": 2, "green": 10}
    assert [r["flow_id"] for r in payload["top_unmatched"]][:3] == ["T17", "T18", "T08"]


def test_cli_rejects_bad_period_and_unsafe_rules(tmp_path) -> None:
    db = _trap_db(tmp_path)
    bad = tmp_path / "bad.yml"
    bad.write_text(
        'components:\n  commission: {formula: "paid_amount * random()"}\n', encoding="utf-8"
    )
    runner = CliRunner()
    res = runner.invoke(cli, ["reconcile", "--period", "2026-13", "--db", str(db)])
    assert res.exit_code == 1 and "period '2026-13' is not YYYY-MM" in res.output
    res = runner.invoke(cli, ["reconcile", "--db", str(db), "--rules", str(bad)])
    assert res.exit_code == 1
    assert "rule 'commission': function 'RANDOM()' is not allowed" in res.output
