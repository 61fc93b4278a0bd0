"""Red team, session 27: a CSV opened by Excel where the list separator is ``;`` holds no formula.

German, French and Spanish Excel split a CSV at ``;`` (the Windows list separator there), not
at ``,``. A text cell ``x;=HYPERLINK("…")`` holds no comma, so the CSV writers leave it
unquoted; such a reader splits it and gets a cell that starts with ``=``. Before, the guard
(``lab.spreadsheet_cells.inert`` and the rejects CSV's ``inert_sql``) looked at a cell's start
only. Each file is read here as such an Excel reads it: Python's csv reader with ``;``.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from connectors.ingest import ingest_files
from connectors.spreadsheet_text import FORMULA_STARTS, inert_sql
from lab.reconciliation import export as recon_export
from lab.server.presentation import export_table
from lab.spreadsheet_cells import inert

HOSTILE = [
    'x;=HYPERLINK("https://evil.example","refund")',
    "a;;@SUM(A1)",
    "b; +1+cmd|' /C calc'!A0",
    "c;-2+3;d;\t=1",
]


def _semicolon_cells(text: str) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(text), delimiter=";") for cell in row]


def _live(cells: list[str]) -> list[str]:
    """The cells a spreadsheet would run (leading spaces are no protection)."""
    return [c for c in cells if c.lstrip(" ").startswith(FORMULA_STARTS)]


def test_every_semicolon_part_of_a_cell_is_inert() -> None:
    for value in HOSTILE:
        assert _live(inert(value).split(";")) == [], value
    assert inert(HOSTILE[0]) == 'x;\'=HYPERLINK("https://evil.example","refund")'
    assert inert("a;b;c") == "a;b;c" and inert("3;4") == "3;4"  # nothing to guard: unchanged


def test_the_answer_export_read_with_semicolons_holds_no_formula() -> None:
    data = export_table(["name", "n"], [[v, i] for i, v in enumerate(HOSTILE)], "csv")
    cells = _semicolon_cells(data.decode("utf-8-sig"))
    assert _live(cells) == [], cells
    # read with ',' the cells are the exact text, a neutralised part marked with '
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[1] == ['x;\'=HYPERLINK("https://evil.example","refund")', "0"]


def test_the_reconciliation_csv_read_with_semicolons_holds_no_formula(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    flows = pd.DataFrame({"flow_id": ["F1", "F2", "F3", "F4"], "memo": HOSTILE, "amount": 1.0})
    monkeypatch.setattr(recon_export, "export_tables", lambda con, periods: {"flows": flows})
    files = recon_export.export_period(None, ["2026-11"], tmp_path)  # type: ignore[arg-type]
    cells = _semicolon_cells(files["flows"].read_text(encoding="utf-8-sig"))
    assert _live(cells) == [], cells


def test_inert_sql_guards_every_semicolon_part() -> None:
    con = duckdb.connect()
    got = [
        con.execute(
            f"SELECT {inert_sql('$v')}", {"v": v, "formula_starts": list(FORMULA_STARTS)}
        ).fetchone()[0]  # type: ignore[index]
        for v in [*HOSTILE, "a;b", "=x"]
    ]
    for value in got[:4]:
        assert _live(value.split(";")) == [], value
    assert got[0] == 'x;\'=HYPERLINK("https://evil.example","refund")'
    assert got[:4] == [inert(v) for v in HOSTILE]  # the SQL and the Python rule agree
    assert got[4:] == ["a;b", "'=x"]


def test_a_semicolon_statements_rejected_line_is_inert_in_the_rejects_csv(
    con, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A European bank export is ``;``-separated and its memos may hold ``;``: a rejected row's
    raw text (a memo ``ok;=HYPERLINK(…)``) in the rejects CSV, read where ``;`` is the list
    separator, gave a cell starting with ``=``."""
    monkeypatch.chdir(tmp_path)
    Path("s.csv").write_text(
        "date;description;amount;balance\n"
        "2026-11-01;Payment order 123;100.00;1100.00\n"
        '2026-11-02;"ok;=HYPERLINK(""https://evil.example"")";abc;1000.00\n',
        encoding="utf-8",
    )
    report = ingest_files(
        con, "bank-csv", [Path("s.csv")], rejects_dir=tmp_path / "rej", progress=False,
        options={"currency": "CNY"},
    )  # fmt: skip
    written = report.files[0].rejects_path
    assert written is not None
    text = Path(written).read_text(encoding="utf-8")
    assert "HYPERLINK" in text, text  # the line was rejected and written
    assert _live(_semicolon_cells(text)) == [], text
