"""Typed notebook parameters: bad values are refused before a kernel starts, and papermill's
misleading warnings about annotated parameter cells never reach the user."""

from __future__ import annotations

import logging
from pathlib import Path

import nbformat
import pytest

from lab.runner import ParameterError, notebook_parameters, run_notebook

KINDS_CELL = """\
as_of: "date" = ""  # planning date YYYY-MM-DD, empty = latest
period: "month" = "2026-02"  # month YYYY-MM
since: "datetime" = ""  # date or date-time, empty = all
thresholds: dict = {}  # overrides, e.g. {"minutes": 15}
columns: list = ["a"]  # columns
order_ids: "order_refs" = []  # order references (any system's id)
db: str = ""  # warehouse file, empty = $ORDERLENS_DB
output_dir: str = "."  # where result.json goes
"""
BODY = """\
import json, pathlib
out = pathlib.Path(output_dir); out.mkdir(parents=True, exist_ok=True)
(out / "result.json").write_text(json.dumps({"as_of": as_of, "period": period, "since": since,
    "thresholds": thresholds, "columns": columns, "order_ids": order_ids}))
"""


@pytest.fixture()
def nb_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "notebooks"
    folder.mkdir()
    nb = nbformat.v4.new_notebook()
    nb.cells.append(nbformat.v4.new_markdown_cell("# Kinds"))
    params = nbformat.v4.new_code_cell(KINDS_CELL)
    params.metadata["tags"] = ["parameters"]
    nb.cells += [params, nbformat.v4.new_code_cell(BODY)]
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nbformat.write(nb, str(folder / "kinds.ipynb"))
    return folder


def test_declared_kinds_are_read_from_quoted_annotations(nb_dir: Path) -> None:
    params = notebook_parameters(nb_dir / "kinds.ipynb")
    assert {n: p.type_name for n, p in params.items()} == {
        "as_of": "date",
        "period": "month",
        "since": "datetime",
        "thresholds": "dict",
        "columns": "list",
        "order_ids": "order_refs",
        "db": "str",
        "output_dir": "str",
    }


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("as_of", "2026-13-45", r"'as_of' expects a date YYYY-MM-DD \(month must be in 1\.\.12\)"),
        ("as_of", "2026-02-30", r"'as_of' expects a date YYYY-MM-DD \(day is out of range"),
        ("as_of", "20/11/2026", r"'as_of' expects a date YYYY-MM-DD .*got '20/11/2026'"),
        ("period", "2026-13", r"'period' expects a month YYYY-MM \(01-12\)"),
        ("period", "", r"'period' expects a month"),  # its default is not empty
        ("since", "yesterday", r"'since' expects a date or date-time"),
        (
            "thresholds",
            "!!python/object/apply:os.system ['id']",
            r"'thresholds' not a plain YAML value \(tags such as !!python/… are not accepted\)",
        ),
        ("thresholds", "[1, 2]", r"'thresholds' expects a mapping"),
        ("columns", "{a: 1}", r"'columns' expects a list"),
        ("columns", "[a, b", r"'columns' not valid YAML"),
    ],
)
def test_bad_values_are_refused_before_any_kernel_starts(
    nb_dir: Path, tmp_path: Path, name: str, value: str, message: str
) -> None:
    with pytest.raises(ParameterError, match=message):
        run_notebook("kinds", {name: value}, tmp_path / "runs", notebooks_dir=nb_dir)
    assert not list((tmp_path / "runs").glob("*.ipynb"))


def test_unknown_order_references_are_refused_naming_them(
    nb_dir: Path, tmp_path: Path, demo_db: Path, demo_con
) -> None:
    known = demo_con.execute("SELECT order_id FROM orders ORDER BY order_id LIMIT 1").fetchall()
    refs = f"{known[0][0]},NO-SUCH-ORDER-1,NO-SUCH-ORDER-2"
    with pytest.raises(ParameterError, match=r"2 order reference\(s\) .*NO-SUCH-ORDER-1, NO-SUCH"):
        run_notebook(
            "kinds", {"order_ids": refs}, tmp_path / "runs", notebooks_dir=nb_dir, db=demo_db
        )
    assert not list((tmp_path / "runs").glob("*.ipynb"))


def test_good_values_are_typed_and_papermill_stays_quiet(
    nb_dir: Path, tmp_path: Path, demo_db: Path, demo_con, caplog, capfd
) -> None:
    order = demo_con.execute("SELECT order_id FROM orders ORDER BY order_id LIMIT 1").fetchall()
    with caplog.at_level(logging.INFO):
        result = run_notebook(
            "kinds",
            {
                "as_of": "2026-11-20",
                "period": "2026-02",
                "since": "2026-11-20T08:00",
                "thresholds": '{"minutes": 15}',
                "columns": "[payment_status, order_status]",
                "order_ids": order[0][0],
            },
            tmp_path / "runs",
            notebooks_dir=nb_dir,
            db=demo_db,
            progress=False,
            html=False,
        )
    assert result.result == {
        "as_of": "2026-11-20",
        "period": "2026-02",
        "since": "2026-11-20 08:00:00",
        "thresholds": {"minutes": 15},
        "columns": ["payment_status", "order_status"],
        "order_ids": [order[0][0]],
    }
    noise = ("Passed unknown parameter", "Unable to parse line")
    assert not [r.getMessage() for r in caplog.records if r.getMessage().startswith(noise)]
    assert not any(n in capfd.readouterr().err for n in noise)
