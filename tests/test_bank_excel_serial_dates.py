"""Excel serial dates (``45678``): read from a workbook, refused in a CSV (session 15).

Before: a date column saved in Excel's General number format made every line a reject ("bad
timestamp"), in an XLSX and a CSV alike, with nothing saying why. Now an XLSX whose date column
holds serial numbers only (labels without digits aside) is read in the workbook's own date
system (1900, or 1904 when the workbook says so), a serial outside 2000–2100 refuses the file,
and a CSV of serials is refused naming both readings (a CSV does not say which system). One
serial among real dates stays a reject of its own line. Files written by hand.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook
from openpyxl.utils.datetime import CALENDAR_MAC_1904

from connectors.errors import IngestError
from connectors.ingest import ingest_files

HEADER = ["Date", "Description", "Amount"]


def _ingest(con, path: Path):
    return ingest_files(
        con, "bank-csv", [path], rejects_dir=path.parent / "rej", progress=False,
        options={"currency": "USD"},
    ).files[0]  # fmt: skip


def _xlsx(path: Path, rows: list[list], mac: bool = False) -> Path:
    wb = Workbook()
    if mac:
        wb.epoch = CALENDAR_MAC_1904
    ws = wb.active
    for row in [HEADER, *rows]:
        ws.append(row)
    wb.save(path)
    return path


def _lines(con) -> list[tuple]:
    return con.execute(
        "select booked_at, amount from bank_transactions order by booked_at"
    ).fetchall()


def test_a_workbook_date_column_of_serials_is_read_in_its_date_system(con, tmp_path):
    _ingest(
        con, _xlsx(tmp_path / "a.xlsx", [[45678, "A", 12], [45679.5, "B", 5], ["Total", "", 17]])
    )
    assert [(t, float(a)) for t, a in _lines(con)] == [
        (datetime(2025, 1, 21), 12.0), (datetime(2025, 1, 22, 12), 5.0),
    ]  # fmt: skip


def test_a_1904_workbook_is_read_four_years_later(con, tmp_path):
    _ingest(con, _xlsx(tmp_path / "m.xlsx", [[45678, "A", 12]], mac=True))
    assert [t.date() for t, _ in _lines(con)] == [date(2029, 1, 22)]


def test_a_serial_outside_the_plausible_years_refuses_the_workbook(con, tmp_path):
    with pytest.raises(IngestError, match=r"line 3 of the sheet writes '12345'.*1933-10-18"):
        _ingest(con, _xlsx(tmp_path / "o.xlsx", [[45678, "A", 12], [12345, "B", 5]]))


def test_one_serial_among_dates_stays_a_reject_of_its_line(con, tmp_path):
    f = _ingest(con, _xlsx(tmp_path / "d.xlsx", [[datetime(2026, 6, 1), "A", 12], [45678, "B", 5]]))
    assert [t.date() for t, _ in _lines(con)] == [date(2026, 6, 1)]
    assert [r["line"] for r in f.rejects] == [3]


def test_a_csv_of_serials_is_refused_naming_both_readings(con, tmp_path):
    path = tmp_path / "s.csv"
    path.write_text("Date,Description,Amount\n45678,A,12.00\n45679,B,5.00\n", encoding="utf-8")
    with pytest.raises(IngestError) as err:
        _ingest(con, path)
    msg = str(err.value)
    assert "the Date column holds numbers, not dates (line 2 writes '45678')" in msg
    assert "2025-01-21 in Excel's 1900 date system or 2029-01-22 in its 1904 one" in msg
    assert "ingest the bank's .xlsx export itself" in msg
    assert _lines(con) == []
