"""Red team, session 20: the rejects CSV of an ingest holds no formula cell.

``orderlens ingest`` writes the rows it refuses to ``<rejects>/<file>.<fp8>.rejects.csv``
(``file,line,reason,raw``) and tells the user to open it. Every other CSV and workbook OrderLens
writes for people treats text that starts like a formula as text (``lab.spreadsheet_cells``,
session 9); this one did not: a statement saved as ``=2+5.csv`` (or ``=HYPERLINK("\\\\host\\x",
"open").csv``, ``@SUM(...).csv``: a file name may hold quotes and backslashes) put a live
formula in the ``file`` column of every reject, read by the spreadsheet that opens it.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from connectors.ingest import ingest_files
from lab.spreadsheet_cells import FORMULA_STARTS

STATEMENT = (
    "date,description,amount,balance\n"
    "2026-11-01,Payment order 123,100.00,1100.00\n"
    "2026-11-02,refund,abc,1000.00\n"
)


@pytest.mark.parametrize("name", ["=2+5.csv", '@SUM(1+1)"x.csv', "-3+4.csv", "+1.csv"])
def test_a_file_name_like_a_formula_is_text_in_the_rejects_csv(
    con, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    monkeypatch.chdir(tmp_path)  # `orderlens ingest bank-csv *.csv` in the downloads folder
    Path(name).write_text(STATEMENT, encoding="utf-8")
    report = ingest_files(
        con, "bank-csv", [Path(name)], rejects_dir=tmp_path / "rej", progress=False,
        options={"currency": "CNY"},
    )  # fmt: skip
    written = report.files[0].rejects_path
    assert written is not None
    with open(written, encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[0] == ["file", "line", "reason", "raw"]
    assert len(rows) == 2 and rows[1][1] == "3"
    assert rows[1][0] == "'" + name  # shown as the exact name, never run
    for row in rows[1:]:
        assert not any(cell.startswith(FORMULA_STARTS) for cell in row)


def test_a_plain_file_name_is_unchanged(
    con, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("statement.csv").write_text(STATEMENT, encoding="utf-8")
    report = ingest_files(
        con, "bank-csv", [Path("statement.csv")], rejects_dir=tmp_path / "rej", progress=False,
        options={"currency": "CNY"},
    )  # fmt: skip
    with open(report.files[0].rejects_path or "", encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[1][0] == "statement.csv" and rows[1][2].startswith("bad amount")
