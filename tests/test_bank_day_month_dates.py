"""Dates with the day and the month before the year (session 11, RECON11).

The third independent statement set wrote ``05-03-2027`` beside ``2027/3/2`` and
``2027年3月3日``: 5 March or 3 May. The reject said only ``bad timestamp``; and a file whose
dates are all ``dd-mm-yyyy`` (Hong Kong, UK and EU exports) lost every line. Now the file
decides: a date with a number above 12 in one place shows the order for all, evidence both
ways refuses the file, and none leaves each such date a reject saying why. Values by hand.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from connectors.errors import IngestError
from connectors.ingest import ingest_files

HEAD = "交易日期,流水号,收入金额,支出金额,对方户名\n"


def _ingest(con, tmp_path: Path, name: str, rows: str):
    path = tmp_path / name
    path.write_text(HEAD + rows, encoding="utf-8")
    return ingest_files(
        con, "bank-csv", [path], rejects_dir=tmp_path / "rej", progress=False,
        options={"currency": "CNY"},  # the account's currency (--currency): the files state none
    )  # fmt: skip


def _booked(con) -> dict[str, datetime]:
    return dict(con.execute("select bank_ref, booked_at from bank_transactions").fetchall())


def test_a_day_above_twelve_shows_the_file_writes_the_day_first(con, tmp_path):
    _ingest(con, tmp_path, "hk.csv",
            "05-03-2027,A1,100.00,,X\n25/03/2027 10:20,A2,50.00,,Y\n2027年3月3日,A3,7.00,,Z\n")  # fmt: skip
    assert _booked(con) == {
        "A1": datetime(2027, 3, 5), "A2": datetime(2027, 3, 25, 10, 20),
        "A3": datetime(2027, 3, 3),
    }  # fmt: skip


def test_a_month_first_file_is_read_month_first(con, tmp_path):
    _ingest(con, tmp_path, "us.csv", "03-05-2027,B1,100.00,,X\n03-25-2027,B2,50.00,,Y\n")
    assert _booked(con) == {"B1": datetime(2027, 3, 5), "B2": datetime(2027, 3, 25)}


def test_dates_nothing_resolves_are_rejects_that_say_why(con, tmp_path):
    f = _ingest(con, tmp_path, "x.csv", "05-03-2027,C1,100.00,,X\n2027/3/6,C2,50.00,,Y\n").files[0]
    assert _booked(con) == {"C2": datetime(2027, 3, 6)}
    assert f.rejects[0]["line"] == 2
    assert f.rejects[0]["reason"].endswith(
        "day and month cannot be told apart (no date of the file has a number above 12 in "
        "either place, so it is the day first or the month first): export the statement with "
        "dates as YYYY-MM-DD"
    )


def test_a_file_with_both_orders_is_refused(con, tmp_path):
    with pytest.raises(IngestError, match=r"written day first \(line 3\) and month first "
                                          r"\(line 4\)"):  # fmt: skip
        _ingest(con, tmp_path, "mix.csv",
                "03-05-2027,D1,1.00,,X\n25-03-2027,D2,2.00,,Y\n03-25-2027,D3,3.00,,Z\n")  # fmt: skip
    assert _booked(con) == {}


# ----------------------------------------------- two-digit years (session 14): 05-03-27 was year 27

SHORT_YEARS = [
    # a day above 12 in first place: day-month-year for the whole column (year-first would give
    # years 05 and 25: a statement does not span twenty years)
    ("05-03-27,E1,1.00,,X\n25-03-27,E2,2.00,,Y\n", {"E1": (2027, 3, 5), "E2": (2027, 3, 25)}),
    # a day above 12 in second place: month-day-year (US exports' 03/25/27)
    ("03/05/27,E1,1.00,,X\n03/25/27,E2,2.00,,Y\n", {"E1": (2027, 3, 5), "E2": (2027, 3, 25)}),
    # year first: the last number is the day (25 is no month, and 05..25 are no one year)
    ("27-03-05,E1,1.00,,X\n27-03-25,E2,2.00,,Y\n", {"E1": (2027, 3, 5), "E2": (2027, 3, 25)}),
    # a full date shows the order: 25-03-2027 is day first, so 05-03-27 10:00 is 5 March
    ("05-03-27 10:00,E1,1.00,,X\n25-03-2027,E2,2.00,,Y\n",
     {"E1": (2027, 3, 5, 10), "E2": (2027, 3, 25)}),
]  # fmt: skip


@pytest.mark.parametrize(("rows", "expected"), SHORT_YEARS)
def test_two_digit_years_are_read_when_the_column_shows_the_order(con, tmp_path, rows, expected):
    _ingest(con, tmp_path, "yy.csv", rows)
    assert _booked(con) == {k: datetime(*v) for k, v in expected.items()}


def test_a_two_digit_year_the_column_does_not_resolve_refuses_the_file(con, tmp_path):
    with pytest.raises(
        IngestError,
        match=r"line 2: 05-03-27 is 2027-03-05 \(day-month-year\) or 2027-05-03 "
        r"\(month-day-year\) or 2005-03-27 \(year-month-day\)",
    ):
        _ingest(con, tmp_path, "yy.csv", "05-03-27,F1,1.00,,X\n06-03-27,F2,1.00,,X\n")
    assert _booked(con) == {}


def test_a_year_before_1900_is_a_reject_never_a_date(con, tmp_path):
    f = _ingest(con, tmp_path, "y.csv", "0027-03-05,G1,1.00,,X\n2027-03-06,G2,2.00,,Y\n").files[0]
    assert _booked(con) == {"G2": datetime(2027, 3, 6)}
    assert [(r["line"], "a year before 1900" in r["reason"]) for r in f.rejects] == [(2, True)]
