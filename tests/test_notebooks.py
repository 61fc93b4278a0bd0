"""Every notebook in ``notebooks/`` runs through the runner on the small demo warehouse.

Parametrised over the folder, so a new notebook is picked up without editing this file. Each
must finish and write ``result.json`` into its ``output_dir``; per-notebook key-output
assertions live with their owners' tests (and ``getting_started`` is checked here).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from lab.runner import run_notebook

NOTEBOOK_DIR = Path(__file__).resolve().parents[1] / "notebooks"
NOTEBOOKS = sorted(p.stem for p in NOTEBOOK_DIR.glob("*.ipynb"))


@pytest.fixture(scope="module")
def runs(demo_db: Path, tmp_path_factory: pytest.TempPathFactory) -> dict:
    """Each notebook's RunResult, computed once per session (kernels are slow to start)."""
    return {"out": tmp_path_factory.mktemp("notebook-runs"), "db": demo_db, "done": {}}


def _run(runs: dict, name: str):
    if name not in runs["done"]:
        runs["done"][name] = run_notebook(
            name,
            {},
            runs["out"],
            notebooks_dir=NOTEBOOK_DIR,
            db=runs["db"],
            progress=False,
            timeout_s=600,
        )
    return runs["done"][name]


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
