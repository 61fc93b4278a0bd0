"""Red team, session 9: statement and warehouse text in exported spreadsheets stays text.

Before: the reconciliation workbook stored a bank memo ``=HYPERLINK("https://…","退款")`` as
a live formula (pandas writes any ``"=..."`` text through openpyxl as one) and its CSVs, like
the data-health findings CSVs, wrote ``=``/``+``/``-``/``@`` cells as they came. The Ask page's
answer export already neutralised them; it now shares the rule (``lab.spreadsheet_cells``).
"""

from __future__ import annotations

import csv
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from lab.health.report import export_findings
from lab.reconciliation import export as recon_export

HOSTILE = ['=HYPERLINK("https://evil.example","退款")', "+1+cmd|' /C calc'!A0", "@SUM(A1)", "-2+3"]


def _csv_cells(path: Path) -> list[str]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return [cell for row in csv.reader(fh) for cell in row]


@pytest.fixture()
def recon_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Path]:
    flows = pd.DataFrame(
        {
            "flow_id": ["F1", "F2", "F3", "F4"],
            "counterparty_name": HOSTILE,
            "memo": ["ok", *HOSTILE[1:]],
            "amount": [-12.5, 3.0, 4.0, 5.0],
            "status": ["red", "green", "yellow", "green"],
        }
    )
    monkeypatch.setattr(recon_export, "export_tables", lambda con, periods: {"flows": flows})
    return recon_export.export_period(None, ["2026-11"], tmp_path)  # type: ignore[arg-type]


def test_reconciliation_workbook_holds_no_formula(recon_files) -> None:
    sheet = openpyxl.load_workbook(recon_files["xlsx"])["flows"]
    cells = [c for row in sheet.iter_rows() for c in row]
    assert not [c.value for c in cells if c.data_type == "f"]
    texts = {c.value for c in cells}
    assert set(HOSTILE) <= texts  # the exact text, typed as text
    assert -12.5 in texts  # numbers stay numbers


def test_reconciliation_csv_prefixes_formula_text(recon_files) -> None:
    cells = _csv_cells(recon_files["flows"])
    assert [c for c in cells if c.startswith(("=", "+", "@"))] == []
    assert "'" + HOSTILE[0] in cells and "'-2+3" in cells
    assert "-12.5" in cells  # a negative amount is a number, not text


def test_health_findings_csv_prefixes_formula_text(tmp_path: Path) -> None:
    findings = pd.DataFrame({"check": ["dup", "dup"], "example": HOSTILE[:2], "count": [-1, 2]})
    paths = export_findings(findings, tmp_path)
    for path in paths.values():
        cells = _csv_cells(Path(path))
        assert [c for c in cells if c.startswith(("=", "+", "@"))] == []
        assert "'" + HOSTILE[0] in cells and "-1" in cells


CONTROL = ["x\x01y", "page\x0cbreak", "bell\x07"]


def test_control_characters_fail_no_answer_workbook() -> None:
    """Session 10. Before: openpyxl's IllegalCharacterError, so the Ask page's Excel download of
    an answer holding one such value (or label) was a 500."""
    from io import BytesIO

    from lab.server.presentation import export_table

    data = export_table(["name\x02", "n"], [[CONTROL[0], 1], [CONTROL[1], -2]], "xlsx")
    sheet = openpyxl.load_workbook(BytesIO(data)).active
    assert [[c.value for c in row] for row in sheet.iter_rows()] == [
        ["name\ufffd", "n"], ["x\ufffdy", 1], ["page\ufffdbreak", -2],
    ]  # fmt: skip
    assert "x\x01y" in export_table(["name"], [[CONTROL[0]]], "csv").decode("utf-8-sig")


def test_control_characters_fail_no_reconciliation_workbook(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    flows = pd.DataFrame({"flow_id": ["F1", "F2", "F3"], "memo": CONTROL, "amount": [1.0, 2, 3]})
    monkeypatch.setattr(recon_export, "export_tables", lambda con, periods: {"flows": flows})
    files = recon_export.export_period(None, ["2026-11"], tmp_path)  # type: ignore[arg-type]
    sheet = openpyxl.load_workbook(files["xlsx"])["flows"]
    memos = [row[1].value for row in sheet.iter_rows(min_row=2)]
    assert memos == ["x\ufffdy", "page\ufffdbreak", "bell\ufffd"]
    assert "x\x01y" in _csv_cells(files["flows"])  # the CSV keeps the exact text
