"""Red team, session 20: a notebook run has a time limit as a whole, not only per cell.

``orderlens run --timeout`` bounds each cell (600 s by default). A notebook of many cells, each
under that limit, ran for their sum: 10,000 cells of ``time.sleep(1)`` would hold the runner
(and a scheduled job's slot) for close to three hours. The run now has a total budget
(``run_notebook(max_run_s=...)``, ``orderlens run --max-run-time``, an hour by default): the cell
running when it is spent gets only what is left, and the run fails naming that cell with the
partial notebook kept.
"""

from __future__ import annotations

import time
from pathlib import Path

import nbformat
import pytest

from lab.runner import run_notebook
from lab.runner.errors import NotebookFailedError


def _notebook(folder: Path, name: str, cells: list[str]) -> None:
    nb = nbformat.v4.new_notebook()
    params = nbformat.v4.new_code_cell("output_dir: str = 'out'")
    params.metadata["tags"] = ["parameters"]
    nb.cells = [params, *(nbformat.v4.new_code_cell(c) for c in cells)]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}  # fmt: skip
    nbformat.write(nb, str(folder / f"{name}.ipynb"))


def test_many_short_cells_stop_at_the_run_time_limit(tmp_path: Path) -> None:
    # 200 cells of 0.5 s: each well under its 60 s timeout, together 100 s
    _notebook(tmp_path, "many", ["import time"] + ["time.sleep(0.5)"] * 200)
    started = time.perf_counter()
    with pytest.raises(NotebookFailedError) as failed:
        run_notebook(
            "many", {}, tmp_path / "runs", notebooks_dir=tmp_path, progress=False, html=False,
            timeout_s=60, max_run_s=8,
        )  # fmt: skip
    took = time.perf_counter() - started
    assert failed.value.ename == "RunTimeLimit"
    message = str(failed.value)
    assert "8 s" in message and "--max-run-time" in message
    assert 2 <= failed.value.cell_index < 150  # a cell in the middle, not the end
    assert Path(failed.value.executed_path or "").exists()
    assert took < 8 + 90  # the budget, a kernel start under load and the stop


def test_a_slow_cell_gets_only_what_is_left_of_the_run(tmp_path: Path) -> None:
    _notebook(tmp_path, "slow", ["x = 1", "import time\ntime.sleep(300)", "y = 2"])
    started = time.perf_counter()
    with pytest.raises(NotebookFailedError) as failed:
        run_notebook(
            "slow", {}, tmp_path / "runs", notebooks_dir=tmp_path, progress=False, html=False,
            timeout_s=600, max_run_s=6,
        )  # fmt: skip
    assert failed.value.ename == "RunTimeLimit"
    assert time.perf_counter() - started < 6 + 90  # not the cell's own 600 s


def test_a_run_within_its_time_runs_as_before(tmp_path: Path) -> None:
    _notebook(tmp_path, "quick", ["x = 1", "y = x + 1"])
    run = run_notebook(
        "quick", {}, tmp_path / "runs", notebooks_dir=tmp_path, progress=False, html=False,
        max_run_s=600,
    )  # fmt: skip
    assert run.executed_path.exists()
