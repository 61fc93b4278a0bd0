"""The notebook runner on tiny hand-made notebooks (the real notebooks: test_notebooks.py)."""

from __future__ import annotations

import json
import sys
from datetime import datetime
from pathlib import Path

import nbformat
import pytest
from click.testing import CliRunner

from lab.cli import cli
from lab.runner import (
    NotebookFailedError,
    NotebookNotFoundError,
    ParameterError,
    list_notebooks,
    notebook_parameters,
    run_notebook,
)

PARAMS = """\
n: int = 2  # how many to double
label: str = "demo"  # a name carried into result.json
db: str = ".orderlens/demo.duckdb"  # warehouse file
output_dir: str = "out"  # where result.json goes
"""

BODY = """\
import json, pathlib, sys
import lab
pathlib.Path(output_dir).mkdir(parents=True, exist_ok=True)
(pathlib.Path(output_dir) / "result.json").write_text(json.dumps({
    "double": n * 2, "label": label, "db": db, "python": sys.executable,
    "lab": lab.__file__, "cwd": str(pathlib.Path.cwd())}))
"""


def _write_nb(path: Path, cells: list[tuple[str, str, list[str]]], title: str = "Tiny") -> Path:
    nb = nbformat.v4.new_notebook()
    nb.cells.append(nbformat.v4.new_markdown_cell(f"# {title}"))
    for kind, source, tags in cells:
        cell = (
            nbformat.v4.new_code_cell(source)
            if kind == "code"
            else nbformat.v4.new_markdown_cell(source)
        )
        if tags:
            cell.metadata["tags"] = tags
        nb.cells.append(cell)
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nbformat.write(nb, str(path))
    return path


@pytest.fixture()
def nb_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "notebooks"
    folder.mkdir()
    _write_nb(
        folder / "double.ipynb",
        [("code", PARAMS, ["parameters"]), ("code", BODY, [])],
        title="Double a number",
    )
    _write_nb(
        folder / "broken.ipynb",
        [
            ("code", "output_dir: str = 'out'", ["parameters"]),
            ("code", "x = 1", []),
            ("code", "y = x + 1\nraise ValueError('boom at step two')", []),
            ("code", "z = 3", []),
        ],
        title="Fails on purpose",
    )
    _write_nb(folder / "untagged.ipynb", [("code", "n = 1", [])])
    return folder


def test_parameters_are_read_with_types_defaults_and_help(nb_dir: Path) -> None:
    params = notebook_parameters(nb_dir / "double.ipynb")
    assert list(params) == ["n", "label", "db", "output_dir"]
    assert (params["n"].type_name, params["n"].default, params["n"].help) == (
        "int",
        "2",
        "how many to double",
    )
    assert params["label"].default == '"demo"'


def test_a_notebook_without_exactly_one_parameters_cell_is_refused(nb_dir: Path) -> None:
    with pytest.raises(ParameterError, match="no cell tagged 'parameters'"):
        notebook_parameters(nb_dir / "untagged.ipynb")


def test_run_executes_in_the_venv_kernel_and_names_outputs_by_time(
    nb_dir: Path, tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run_notebook(
        "double",
        {"n": "21", "db": "w/x.duckdb"},
        tmp_path / "runs",
        notebooks_dir=nb_dir,
        progress=False,
        now=datetime(2026, 11, 20, 8, 30, 5),
    )
    assert result.executed_path == (tmp_path / "runs" / "double-20261120-083005.ipynb").resolve()
    assert result.html_path is not None and result.html_path.name == "double-20261120-083005.html"
    assert "Double a number" in result.html_path.read_text(encoding="utf-8")
    assert result.output_dir == (tmp_path / "runs" / "double-20261120-083005").resolve()
    assert result.result is not None
    assert result.result["double"] == 42  # "21" was typed as int from the default's type
    assert result.result["label"] == "demo"
    # relative paths were resolved from the caller's folder, not the notebook's
    assert result.result["db"] == str((tmp_path / "w" / "x.duckdb").resolve())
    # the kernel is this venv's python, runs in the notebook's folder and imports the project
    assert Path(result.result["python"]).resolve().parent == Path(sys.executable).resolve().parent
    assert result.result["cwd"] == str(nb_dir.resolve())
    assert result.result["lab"].endswith("lab/__init__.py")
    # a second run in the same second does not overwrite the first
    again = run_notebook(
        "double",
        {},
        tmp_path / "runs",
        notebooks_dir=nb_dir,
        progress=False,
        html=False,
        now=datetime(2026, 11, 20, 8, 30, 5),
    )
    assert again.executed_path.name == "double-20261120-083005-2.ipynb"
    assert again.result["double"] == 4


def test_unknown_parameter_is_rejected_before_any_kernel_starts(
    nb_dir: Path, tmp_path: Path
) -> None:
    with pytest.raises(ParameterError, match=r"no parameter 'nn' \(did you mean 'n'\?\)"):
        run_notebook("double", {"nn": "3"}, tmp_path / "runs", notebooks_dir=nb_dir, progress=False)
    assert not list((tmp_path / "runs").glob("*.ipynb"))


def test_missing_notebook_lists_the_available_ones(nb_dir: Path) -> None:
    with pytest.raises(NotebookNotFoundError, match="available: broken, double, untagged"):
        run_notebook("dubble", {}, notebooks_dir=nb_dir, progress=False)


def test_failure_names_the_cell_and_keeps_the_partial_notebook(
    nb_dir: Path, tmp_path: Path
) -> None:
    with pytest.raises(NotebookFailedError) as info:
        run_notebook("broken", {}, tmp_path / "runs", notebooks_dir=nb_dir, progress=False)
    err = info.value
    assert err.first_line == "y = x + 1"
    assert (err.ename, err.evalue) == ("ValueError", "boom at step two")
    assert "cell" in str(err) and "'y = x + 1'" in str(err) and "boom at step two" in str(err)
    partial = nbformat.read(err.executed_path, as_version=4)
    failed = partial.cells[err.cell_index]
    assert failed.source.startswith("y = x + 1")
    assert failed.metadata.papermill.status == "failed"
    assert err.html_path is not None and Path(err.html_path).exists()
    last = next(c for c in partial.cells if c.cell_type == "code" and c.source == "z = 3")
    assert last.metadata.papermill.status == "pending"  # never ran


def test_cli_run_and_notebooks(nb_dir: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    listing = runner.invoke(cli, ["notebooks", "--notebooks-dir", str(nb_dir)])
    assert listing.exit_code == 0, listing.output
    assert "double  —  Double a number" in listing.output
    assert "-p n <int>  default 2  # how many to double" in listing.output
    assert "(no parameters cell)" in listing.output  # untagged is listed, not hidden

    out = tmp_path / "cli-runs"
    ok = runner.invoke(
        cli,
        [
            "run",
            "double",
            "-p",
            "n",
            "5",
            "--out",
            str(out),
            "--notebooks-dir",
            str(nb_dir),
            "--no-html",
        ],
    )
    assert ok.exit_code == 0, ok.output
    result_json = next(out.glob("double-*/result.json"))
    assert json.loads(result_json.read_text())["double"] == 10

    bad = runner.invoke(
        cli, ["run", "double", "-p", "n", "five", "--out", str(out), "--notebooks-dir", str(nb_dir)]
    )
    assert bad.exit_code == 2
    assert "parameter 'n' expects int (default 2), got 'five'" in bad.output

    failed = runner.invoke(
        cli, ["run", "broken", "--out", str(out), "--notebooks-dir", str(nb_dir)]
    )
    assert failed.exit_code == 1
    assert "ValueError: boom at step two" in failed.output
    assert "partial notebook kept at" in failed.output


def test_list_notebooks_sorted_with_titles(nb_dir: Path) -> None:
    infos = list_notebooks(nb_dir)
    assert [i.name for i in infos] == ["broken", "double", "untagged"]
    assert infos[1].title == "Double a number"


def test_parameters_papermill_cannot_read_are_still_declared(tmp_path: Path) -> None:
    # papermill skips lines with a second "=", e.g. in the help comment
    path = _write_nb(
        tmp_path / "eq.ipynb",
        [("code", 'db: str = ""  # empty = $ORDERLENS_DB\nlimit: int = 5  # rows', ["parameters"])],
    )
    params = notebook_parameters(path)
    assert list(params) == ["db", "limit"]
    assert (params["db"].type_name, params["db"].default) == ("str", '""')
    assert params["db"].help == "empty = $ORDERLENS_DB"
