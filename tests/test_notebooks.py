"""Every notebook in ``notebooks/`` runs through the runner on the small demo warehouse.

Parametrised over the folder, so a new notebook is picked up without editing this file. Each
must finish and write ``result.json`` into its ``output_dir`` and an HTML report that reads
offline (no CDN, charts as SVG, code hidden unless the notebook opts in, formatted tables),
without a warning on the way; per-notebook key-output assertions live with their owners' tests
(``getting_started`` and the report layouts are checked here).
"""

from __future__ import annotations

import html
import json
import logging
import re
import warnings
from pathlib import Path

import nbformat
import pytest

from lab.runner import run_notebook
from lab.runner.html_report import external_resources

NOTEBOOK_DIR = Path(__file__).resolve().parents[1] / "notebooks"
NOTEBOOKS = sorted(p.stem for p in NOTEBOOK_DIR.glob("*.ipynb"))


@pytest.fixture(scope="module")
def runs(demo_db: Path, tmp_path_factory: pytest.TempPathFactory) -> dict:
    """Each notebook's RunResult, computed once per session (kernels are slow to start)."""
    return {"out": tmp_path_factory.mktemp("notebook-runs"), "db": demo_db, "done": {}}


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(f"{record.name}: {record.getMessage()}")


def _run(runs: dict, name: str):
    """Run ``name`` once, keeping every warning logged or raised in this process meanwhile."""
    if name not in runs["done"]:
        handler = _Collect()
        root = logging.getLogger()
        root.addHandler(handler)
        try:
            with warnings.catch_warnings(record=True) as raised:
                warnings.simplefilter("always")
                runs["done"][name] = run_notebook(
                    name,
                    {},
                    runs["out"],
                    notebooks_dir=NOTEBOOK_DIR,
                    db=runs["db"],
                    progress=False,
                    timeout_s=600,
                )
        finally:
            root.removeHandler(handler)
        runs.setdefault("warnings", {})[name] = handler.messages + [
            f"{w.category.__name__}: {w.message}" for w in raised
        ]
    return runs["done"][name]


def _html(runs: dict, name: str) -> str:
    return _run(runs, name).html_path.read_text(encoding="utf-8")


def _shows_code(name: str) -> bool:
    nb = nbformat.read(str(NOTEBOOK_DIR / f"{name}.ipynb"), as_version=4)
    return bool(nb.metadata.get("orderlens", {}).get("report", {}).get("show_code"))


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_notebook_runs_and_writes_result_json(runs: dict, name: str) -> None:
    result = _run(runs, name)
    assert result.executed_path.exists()
    assert result.html_path is not None and result.html_path.stat().st_size > 0
    assert result.output_dir is not None
    assert (result.output_dir / "result.json").exists(), f"{name} wrote no result.json"
    assert isinstance(result.result, dict) and result.result
    assert not result.result.get("error"), result.result.get("error")


def test_getting_started_tour_answers_and_adds_a_metric(runs: dict, demo_con) -> None:
    result = _run(runs, "getting_started").result
    channels = {r[0] for r in demo_con.execute("select distinct channel from orders").fetchall()}
    assert set(result["gmv_by_channel"]) == channels
    assert result["gmv_total_matches_layer"] is True
    assert "select" in result["sql"].lower()
    assert result["new_metric"] == "shipping_fee_share"
    assert set(result["new_metric_by_channel"]) == channels
    assert result["new_metric_matches_direct_sql"] is True


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_report_reads_offline_with_charts_and_without_code(runs: dict, name: str) -> None:
    page = _html(runs, name)
    assert external_resources(page) == []
    assert not re.search(r"jsdelivr|cdnjs|unpkg|vegaEmbed|require\.min\.js", page)
    # every report has at least one chart, drawn to SVG in the kernel and embedded in the page
    assert '<img alt="chart" src="data:image/svg+xml;base64,' in page or "<svg" in page
    if _shows_code(name):
        return
    executed = nbformat.read(str(_run(runs, name).executed_path), as_version=4)
    code_lines = [
        line.strip()
        for cell in executed.cells
        if cell.cell_type == "code"
        for line in cell.source.splitlines()
        if len(line.strip()) > 24 and not line.strip().startswith("#")
    ]
    assert code_lines, f"{name} has no code to hide?"
    shown = [line for line in code_lines if html.escape(line, quote=False) in page]
    assert shown == [], f"code visible in the {name} report: {shown[:3]}"
    # tables come from lab.runner.present, not pandas' default HTML (index column, raw floats)
    assert 'class="dataframe"' not in page
    assert "ol-table-wrap" in page


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_report_runs_without_warnings(runs: dict, name: str) -> None:
    """No warning that contradicts the docs ("Passed unknown parameter: db", "Unable to parse
    line 2", a kernel-side warning on stderr) while running or rendering a report."""
    result = _run(runs, name)
    assert runs["warnings"][name] == []
    executed = nbformat.read(str(result.executed_path), as_version=4)
    stderr = [
        out["text"]
        for cell in executed.cells
        for out in cell.get("outputs", [])
        if out.get("output_type") == "stream" and out.get("name") == "stderr"
    ]
    assert stderr == []


def test_reconciliation_report_leads_with_the_dashboard(runs: dict) -> None:
    page = _html(runs, "reconciliation")
    result = _run(runs, "reconciliation").result
    order = [page.index(h) for h in (">Dashboard<", ">Red flows to resolve", ">Differences by")]
    assert order == sorted(order)
    assert "automation rate 100.0%" not in page  # no per-month print-out any more
    lights = result["period_lights"]
    assert [p["period"] for p in lights] == sorted(result["periods"], reverse=True)
    for row in lights:
        worst = "red" if row["red"] else "yellow" if row["yellow"] else "green"
        assert row["light"] == worst and row["flows"] == row["green"] + row["yellow"] + row["red"]
    assert sum(p["red"] for p in lights) == result["by_status"]["red"] > 0
    # the red flows are listed before any detail, largest first, each with its reason
    top = result["top_unmatched"]
    assert top and all(row["reason"] for row in top)
    assert [abs(r["amount"]) for r in top] == sorted((abs(r["amount"]) for r in top), reverse=True)
    first = top[0]["flow_id"]
    assert page.index(first) < page.index(">Differences by")
    assert re.search(r"¥\d{1,3}(,\d{3})*\.\d{2}", page)  # money with ¥ and separators
    # the attention panel charts red and yellow only, so one red flow is a visible bar
    assert "data:image/svg+xml;base64," in page


def test_health_report_puts_critical_first_and_hides_label_scores(runs: dict) -> None:
    page = _html(runs, "order_health")
    result = _run(runs, "order_health").result
    order = [page.index(h) for h in ("Critical findings", "KPIs vs industry", "Informational")]
    assert order == sorted(order)
    assert "Detection quality" not in page and result["evaluation"] is None
    from lab.health.checks import CHECKS

    severities = {name: CHECKS[name].severity for name in result["findings_by_check"]}
    assert result["critical_checks"] and result["informational_checks"]
    assert {severities[c] for c in result["critical_checks"]} <= {"critical", "high"}
    assert {severities[c] for c in result["informational_checks"]} <= {"medium", "low"}


def test_status_trace_report_shows_recent_disagreements_first(runs: dict, demo_con) -> None:
    from lab.health import run_checks

    result = _run(runs, "status_trace").result
    times = result["red_most_recent_first"]
    assert times and times == sorted(times, reverse=True)
    flagged = run_checks(demo_con, checks=["status_disagreement"])
    newest = flagged.sort_values("detected_at", ascending=False)["order_id"].head(5)
    assert set(newest) <= set(result["orders"])  # the 5 most recent, not the 5 oldest
    page = _html(runs, "status_trace")
    shown = re.findall(r"<td>(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d)</td>", page)
    assert shown[: len(times)] == [t.replace("T", " ") for t in times]


def test_getting_started_honours_the_db_it_is_given(runs: dict) -> None:
    assert _run(runs, "getting_started").result["db"] == str(runs["db"])


def test_health_report_shows_detection_quality_only_when_asked(demo_db, tmp_path) -> None:
    run = run_notebook(
        "order_health", {"show_detection_quality": True}, tmp_path, notebooks_dir=NOTEBOOK_DIR,
        db=demo_db, progress=False, timeout_s=600,
    )  # fmt: skip
    page = run.html_path.read_text(encoding="utf-8")
    assert page.index("Informational") < page.index("Detection quality against the labelled")
    scores = run.result["evaluation"]
    assert scores and {"check", "precision", "recall"} <= set(scores[0])


def test_cli_run_reads_orderlens_db_and_prints_no_warning(demo_db, tmp_path) -> None:
    """`orderlens run getting_started` without --db uses $ORDERLENS_DB, and its terminal output
    (the kernel's stderr included: ipykernel's "running over TCP without encryption") holds no
    warning."""
    import os
    import shutil
    import subprocess
    import sys

    copy = tmp_path / "elsewhere.duckdb"
    shutil.copyfile(demo_db, copy)
    out = tmp_path / "runs"
    done = subprocess.run(
        [str(Path(sys.executable).parent / "orderlens"), "run", "getting_started",
         "--out", str(out), "--notebooks-dir", str(NOTEBOOK_DIR), "-p", "today", "2026-11-20",
         "--no-html"],
        env={**os.environ, "ORDERLENS_DB": str(copy)}, capture_output=True, text=True,
        timeout=600, check=False,
    )  # fmt: skip
    terminal = done.stdout + done.stderr
    assert done.returncode == 0, terminal
    assert not re.search(r"warn|unknown parameter|unable to parse", terminal, re.IGNORECASE)
    (result_file,) = out.glob("getting_started-*/result.json")
    assert json.loads(result_file.read_text(encoding="utf-8"))["db"] == str(copy.resolve())
