"""Red team, session 19: a notebook whose cell prints without end, run by ``orderlens run``.

The per-cell timeout did not stop it: papermill keeps every output in memory and autosaves the
whole notebook, and the runner's event loop was busy with the flood. A 1 MB-a-line loop under
``--timeout 20`` grew the kernel to 6.7 GB and the runner to 2.3 GB in 53 s (killed by hand;
another attempt ran past 300 s and left a 318 MB notebook). The run's output is now bounded
(``lab.runner.bounded_engine``): past it the kernel is killed and the run fails naming the
cell, with the partial notebook kept and small.
"""

from __future__ import annotations

import time
from pathlib import Path

import nbformat
import pytest

from lab.runner import run_notebook
from lab.runner.errors import NotebookFailedError

FLOOD = "import sys\nwhile True:\n    sys.stdout.write('x' * 100_000 + '\\n')\n"


def _notebook(folder: Path, name: str, body: str) -> None:
    nb = nbformat.v4.new_notebook()
    params = nbformat.v4.new_code_cell("output_dir: str = 'out'")
    params.metadata["tags"] = ["parameters"]
    nb.cells = [params, nbformat.v4.new_code_cell(body), nbformat.v4.new_code_cell("x = 2")]
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nbformat.write(nb, str(folder / f"{name}.ipynb"))


def test_a_cell_printing_without_end_is_stopped_naming_the_cell(tmp_path: Path) -> None:
    _notebook(tmp_path, "flood", FLOOD)
    started = time.perf_counter()
    with pytest.raises(NotebookFailedError) as failed:
        run_notebook(
            "flood",
            {},
            tmp_path / "runs",
            notebooks_dir=tmp_path,
            progress=False,
            html=False,
            timeout_s=600,
            max_output_bytes=2_000_000,
        )
    took = time.perf_counter() - started
    message = str(failed.value)
    assert "more than 1 MB of output" in message and "the kernel was stopped" in message
    assert failed.value.ename == "OutputLimit"
    kept = Path(failed.value.executed_path or "")
    assert kept.exists() and kept.stat().st_size < 10_000_000
    assert took < 120  # a kernel start under load, then at once (the cell's timeout is 600 s)


def test_output_under_the_bound_runs_as_before(tmp_path: Path) -> None:
    _notebook(tmp_path, "chatty", "for i in range(50):\n    print('y' * 1000)\n")
    run = run_notebook(
        "chatty",
        {},
        tmp_path / "runs",
        notebooks_dir=tmp_path,
        progress=False,
        html=False,
        max_output_bytes=2_000_000,
    )
    nb = nbformat.read(str(run.executed_path), as_version=4)
    printed = "".join(o.get("text", "") for c in nb.cells for o in c.get("outputs", []))
    assert printed.count("y" * 1000) == 50
