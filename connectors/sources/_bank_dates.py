"""A bank CSV's dates: in which order a ``dd-mm-yyyy``-shaped date gives its day and month, and
whether a two-digit year can be read — as the file shows, never guessed.

Why a module of its own: the order of a date's numbers is decided over the whole column (one
``25-03-2027`` decides ``05-03-2027``), apart from reading the file in
:mod:`connectors.sources.bank_csv`. A two-digit year (``05-03-27``) was read by the date parser as
the year 5 (or 27); now it is read only when the column shows its order, and a year before 1900
is a reject whatever wrote it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

import duckdb
from sqlglot import exp

from connectors.errors import IngestError
from connectors.rows import one_row
from connectors.sources._bank_headers import DATE, first
from connectors.sources._bank_roc_dates import seven_digit_roc
from connectors.sources._tabular import RawTable

#: a date written with the day and the month both before the year: 05-03-2027, 25/03/2027
_DAY_MONTH = r"^\s*(\d{1,2})[-/.](\d{1,2})[-/.]\d{4}\b"
#: a date written with dots, 05.03.2027: every convention that writes dots writes the day first
#: (DIN 5008, NL, CH, …), so such a date is day-first evidence of its own. Sparkasse's CSV-CAMT
#: writes a two-digit year (05.03.27): a statement line is of this century, 2027.
_DOTTED = r"^\s*\d{1,2}\.\d{1,2}\.(\d{4}|\d{2})(\s|$)"


def date_order(
    con: duckdb.DuckDBPyConnection,
    path: Path,
    raw: RawTable,
    date_col: str,
    convention: tuple[str, str] | None = None,
    era: Era | None = None,
) -> tuple[str, list[tuple[str, str]]]:
    """How to read ``dd-mm-yyyy``-shaped dates: as the file shows, never guessed.

    A value whose first number is above 12 (``25-03-2027``) shows the file writes the day
    first; one whose second is (``03-25-2027``), the month first. With such evidence (and none
    against it) every date of that shape is read that way, ``05-03-2027`` included. A file with
    evidence both ways is refused; a file with none leaves each such date a reject that says
    why (before, ``bad timestamp``): 05-03-2027 is 5 March or 3 May, and a guess books the
    money in the wrong month. A date with dots (``05.03.2027``, German and Dutch exports) is
    day-first evidence itself: no convention writes the month first with dots.

    ``convention`` is (export, ``dmy``/``mdy``) when the header is a known export's whose format
    documents its date order (:mod:`connectors.sources._bank_formats`): a file without evidence
    is read in that order, and a date showing the other order refuses the file. ``era`` is what
    the lines above the table say and the user declared, for a two-digit year's era
    (:func:`two_digit_year_era`).
    """
    c = exp.column(date_col, quoted=True).sql("duckdb")
    pat = exp.Literal.string(_DAY_MONTH).sql("duckdb")
    dotted = f"regexp_matches({c}, {exp.Literal.string(_DOTTED).sql('duckdb')})"
    day_first = f"((a > 12 AND b <= 12) OR {dotted})"

    def scan(select: str, table: str) -> tuple:
        return one_row(
            con.execute(
                f"""WITH d AS (SELECT *, TRY_CAST(regexp_extract({c}, {pat}, 1) AS INT) AS a,
                           TRY_CAST(regexp_extract({c}, {pat}, 2) AS INT) AS b FROM {table})
                    SELECT {select} FROM d"""
            )
        )

    # counted on the parallel scan; the line numbers are read only for the refusal
    first, second = scan(
        f"count(*) FILTER (WHERE {day_first}), count(*) FILTER (WHERE b > 12 AND a <= 12)",
        raw.scan or raw.name,
    )
    if first and second:
        line_d, line_m = scan(
            f"min(_line) FILTER (WHERE {day_first}), min(_line) FILTER (WHERE b > 12 AND a <= 12)",
            raw.name,
        )
        raise IngestError(
            f"{path}: dates in {date_col} are written day first (line {line_d}) and month first "
            f"(line {line_m}); the file was pasted together — export it again with dates as "
            "YYYY-MM-DD (nothing was loaded)"
        )
    if convention is not None:
        export, order = convention
        against = second if order == "dmy" else first
        if against:
            cond = "b > 12 AND a <= 12" if order == "dmy" else day_first
            (line,) = scan(f"min(_line) FILTER (WHERE {cond})", raw.name)
            said = "day first" if order == "dmy" else "month first"
            raise IngestError(
                f"{path}: the header is {export}'s, whose dates are written {said}, but line "
                f"{line} writes {date_col} the other way round; nothing was loaded — export the "
                "statement again from the bank (or with dates as YYYY-MM-DD)"
            )
        first, second = (1, 0) if order == "dmy" else (0, 1)
    short = two_digit_year_order(con, path, raw, date_col, first, second, era or Era())
    if short:
        return short, [_EARLY]
    if (  # 05.03.69: its era decides too
        first
        and _dotted_short_years(con, raw, date_col)
        and two_digit_year_era(con, path, raw, date_col, era or Era()) == _BE_BASE
    ):
        return "timestamp_dmy_be", [_EARLY]
    if first or second:
        return ("timestamp_dmy" if first else "timestamp_mdy"), [_EARLY]
    check = (
        f"_date IS NULL AND regexp_matches(_src0, {pat})",
        "day and month cannot be told apart (no date of the file has a number above 12 in "
        "either place, so it is the day first or the month first): export the statement with "
        "dates as YYYY-MM-DD",
    )
    if seven_digit_roc(con, raw, date_col, (era or Era()).above):  # 1130502, proven 民國
        return "timestamp_roc7", [check, _EARLY]
    return "timestamp", [check, _EARLY]


def _dotted_short_years(con: duckdb.DuckDBPyConnection, raw: RawTable, date_col: str) -> bool:
    """Whether the column writes a dotted date with a two-digit year (``05.03.27``)."""
    c = exp.column(date_col, quoted=True).sql("duckdb")
    pat = exp.Literal.string(r"^\s*\d{1,2}\.\d{1,2}\.\d{2}(\s|$)").sql("duckdb")
    (n,) = one_row(
        con.execute(f"SELECT count(*) FROM {raw.scan or raw.name} WHERE regexp_matches({c}, {pat})")
    )
    return bool(n)


#: a date before 1900 is a year the file did not write in full (``05-03-27`` read as year 5)
_EARLY = (
    "year(_date) < 1900",
    "a year before 1900: the file writes the year short or wrongly; export the statement with "
    "dates as YYYY-MM-DD",
)
#: a date with a two-digit year and two one- or two-digit numbers before it: 05-03-27, 3/25/27
_SHORT = r"^\s*(\d{1,2})[-/](\d{1,2})[-/](\d{2})(\s|T|$)"
#: the three readings of such a date, as (kind, name, positions of (year, month, day))
_READINGS = (
    ("timestamp_yy_dmy", "day-month-year", (2, 1, 0)),
    ("timestamp_yy_mdy", "month-day-year", (2, 0, 1)),
    ("timestamp_yy_ymd", "year-month-day", (0, 1, 2)),
)


def _fits(values: list[tuple[int, int, int]], at: tuple[int, int, int], base: int = 2000) -> bool:
    """Whether every value is a real date read with the year, month and day at ``at``, and the
    years of the column are at most one apart (a statement covers days, not decades: read
    year-first, a day-first column's days 05..31 would be its years)."""
    years = {v[at[0]] for v in values}
    if max(years) - min(years) > 1:
        return False
    try:
        for v in values:
            date(base + v[at[0]], v[at[1]], v[at[2]])
    except ValueError:
        return False
    return True


def _reading(value: tuple[int, int, int], at: tuple[int, int, int], base: int = 2000) -> str | None:
    try:
        return date(base + value[at[0]], value[at[1]], value[at[2]]).isoformat()
    except ValueError:
        return None


#: Buddhist-era years are Gregorian years + 543 (2569 is 2026); a two-digit Buddhist-era year
#: ``69`` is 2569, so its Gregorian year is 1957 + 69. Thai statements count years this way.
BE_OFFSET = 543
_BE_BASE = 2500 - BE_OFFSET
#: the eras a two-digit year can be declared in (``--date-era``)
ERAS = ("gregorian", "buddhist")
#: a date with a four-digit year in the Buddhist era (2400–2699) / in the Gregorian (1900–2199)
_FULL_DATE = (
    r"(^|[^0-9])(\d{{1,2}}[-/.]\d{{1,2}}[-/.]{y}|{y}[-/.]\d{{1,2}}[-/.]\d{{1,2}})([^0-9]|$)"
)
_BE_DATE = _FULL_DATE.format(y=r"2[4-6]\d{2}")
_CE_DATE = _FULL_DATE.format(y=r"(19|20|21)\d{2}")
#: Thai script (the lines above the table, the header): an export of a country that counts in the
#: Buddhist era; ``พ.ศ.`` names that era, ``ค.ศ.`` the Gregorian one
_THAI = re.compile(r"[\u0E00-\u0E7F]")


@dataclass(frozen=True)
class Era:
    """What decides the era of a two-digit year besides the date column: the text of the lines
    above the table and the header (``above``), and the user's ``--date-era`` (``declared``)."""

    above: str = ""
    declared: str | None = None


def two_digit_year_era(
    con: duckdb.DuckDBPyConnection, path: Path, raw: RawTable, date_col: str, era: Era
) -> int:
    """The century base of the file's two-digit years: 2000 (Gregorian, ``27`` is 2027) or
    1957 (Buddhist era, ``69`` is 2569, that is 2026) — as the statement shows, never guessed.

    Why: a Thai export writing ``15/03/69`` was read as 2069, when the bank meant 2569 of the
    Buddhist era (2026); out of every period, its money was lost quietly. The era is the one the
    user declares (``--date-era``), else the one the statement's other dates write in full (a
    ``01/03/2569`` in the date column or above the table, ``พ.ศ.``); both eras written refuse the
    file. With neither, a Thai-script export (its header or the lines above it) is refused — its
    banks write either era, and the two readings are 543 years apart; any other file's two-digit
    years stay of this century, as before.
    """
    if era.declared is not None:
        if era.declared not in ERAS:
            raise IngestError(
                f"date era {era.declared!r} is not supported; declare one of {', '.join(ERAS)} (--date-era)"
            )
        return _BE_BASE if era.declared == "buddhist" else 2000
    c = exp.column(date_col, quoted=True).sql("duckdb")
    be_pat, ce_pat = (exp.Literal.string(p).sql("duckdb") for p in (_BE_DATE, _CE_DATE))
    be_line, ce_line = one_row(
        con.execute(
            f"SELECT min(_line) FILTER (WHERE regexp_matches({c}, {be_pat})), "
            f"min(_line) FILTER (WHERE regexp_matches({c}, {ce_pat})) FROM {raw.name}"
        )
    )
    be = be_line is not None or bool(re.search(_BE_DATE, era.above)) or "พ.ศ" in era.above
    ce = ce_line is not None or bool(re.search(_CE_DATE, era.above)) or "ค.ศ" in era.above
    if be and ce:
        raise IngestError(
            f"{path}: {date_col} writes years with two digits, and the statement writes full "
            "years both in the Buddhist era (25xx) and in the Gregorian one (20xx), so which "
            "era a two-digit year is cannot be told; nothing was loaded — declare it "
            "(--date-era buddhist or --date-era gregorian) or export the statement with "
            "four-digit years"
        )
    if be:
        return _BE_BASE
    if ce or not _THAI.search(era.above):
        return 2000
    short = r"^\s*\d{1,2}[-/.]\d{1,2}[-/.](\d{2})(\s|T|$)"
    text, line = one_row(
        con.execute(
            f"SELECT arg_min(trim({c}), _line), min(_line) FROM {raw.name} "
            f"WHERE regexp_matches({c}, {exp.Literal.string(short).sql('duckdb')})"
        )
    )
    m = re.match(short, text)
    year = int(m.group(1)) if m else 0
    raise IngestError(
        f"{path}: {date_col} writes the year with two digits (line {line}: {text}), and a Thai "
        f"statement may count years in the Buddhist era: {year:02d} is 20{year:02d}, or "
        f"25{year:02d} of the Buddhist era ({_BE_BASE + year}); nothing in the file says which, "
        "so nothing was loaded — declare it (--date-era buddhist or --date-era gregorian) or "
        "export the statement with four-digit years"
    )


def two_digit_year_order(
    con: duckdb.DuckDBPyConnection,
    path: Path,
    raw: RawTable,
    date_col: str,
    day_first: int,
    month_first: int,
    era: Era | None = None,
) -> str | None:
    """The kind that reads the column's two-digit-year dates (``05-03-27``), None when it has
    none; a column that does not tell their order refuses the file.

    Why the whole column: ``05-03-27`` is 5 March 2027, 3 May 2027 or 27 March 2005, and the
    date parser read it as the year 5. A reading (day-month-year, month-day-year,
    year-month-day) is kept when every such date of the column is a real date in it and its
    years are at most one apart; a full date's order (``25-03-2027``, ``05.03.27``) keeps only
    the matching reading. One reading left is the column's (the year is 20yy, or 25yy of the
    Buddhist era when :func:`two_digit_year_era` says so); none or several, and the file is
    refused naming a date and its readings.
    """
    c = exp.column(date_col, quoted=True).sql("duckdb")
    pat = exp.Literal.string(_SHORT).sql("duckdb")
    parts = ", ".join(f"TRY_CAST(regexp_extract({c}, {pat}, {i}) AS INT)" for i in (1, 2, 3))
    values = [
        (int(a), int(b), int(y))
        for a, b, y in con.execute(
            f"SELECT DISTINCT {parts} FROM {raw.scan or raw.name} WHERE regexp_matches({c}, {pat})"
        ).fetchall()
    ]
    if not values:
        return None
    base = two_digit_year_era(con, path, raw, date_col, era or Era())
    suffix = "_be" if base == _BE_BASE else ""
    readings = [r for r in _READINGS if _fits(values, r[2], base)]
    if day_first or month_first:  # a full date already showed the day-month order
        want = "timestamp_yy_dmy" if day_first else "timestamp_yy_mdy"
        readings = [r for r in readings if r[0] == want]
    if len(readings) == 1:
        return readings[0][0] + suffix
    # the date to show: the one with the most readings
    example = max(values, key=lambda v: sum(_reading(v, r[2], base) is not None for r in _READINGS))
    same = " AND ".join(
        f"TRY_CAST(regexp_extract({c}, {pat}, {i + 1}) AS INT) = {n}" for i, n in enumerate(example)
    )
    text, line = one_row(
        con.execute(
            f"SELECT arg_min(trim({c}), _line), min(_line) FROM {raw.name} "
            f"WHERE regexp_matches({c}, {pat}) AND {same}"
        )
    )
    dates = [f"{d} ({r[1]})" for r in _READINGS if (d := _reading(example, r[2], base))]
    why = (
        "no reading fits every such date of the column"
        if not readings
        else "the column fits " + " and ".join(r[1] for r in readings)
    )
    raise IngestError(
        f"{path}: {date_col} writes the year with two digits and its day, month and year cannot "
        f"be told apart (line {line}: {text} is {' or '.join(dates)}; {why}); nothing was "
        "loaded — export the statement with dates as YYYY-MM-DD"
    )


#: An Excel serial date as a sheet without its date format shows it: a whole day number of five
#: digits, perhaps with the time as a fraction (``45678``, ``45678.25``).
_SERIAL = re.compile(r"^\d{5}(\.\d+)?$")
#: The years a statement line's date can have: a serial outside them is not a date.
_SERIAL_YEARS = (2000, 2100)


def _serial_date(value: float, epoch: datetime) -> datetime:
    """Excel's day number ``value`` in the workbook's date system (1900: day 60 is the
    29 February 1900 Excel counts, so later days are one off the calendar; 1904: none).

    >>> _serial_date(45678, datetime(1899, 12, 30)), _serial_date(45678.25, datetime(1904, 1, 1))
    (datetime.datetime(2025, 1, 21, 0, 0), datetime.datetime(2029, 1, 22, 6, 0))
    """
    return epoch + timedelta(days=value)


def serial_date_cells(header: list[str], rows: list[list[str]]) -> tuple[int, list[str]] | None:
    """The date column's index and cells when every cell with a digit is an Excel serial.

    Why all of them: one ``45678`` among ``2026-06-01`` dates is more likely a typing slip
    than a date, and stays a reject of its own line; a column of serials only is a date
    column whose format was lost. Cells without a digit (合计, Opening balance) do not count.
    """
    name = first(header, DATE)
    if name is None:
        return None
    at = header.index(name)
    cells = [r[at].strip() if len(r) > at else "" for r in rows]
    dated = [c for c in cells if any(ch.isdigit() for ch in c)]
    if not dated or not all(_SERIAL.match(c) for c in dated):
        return None
    return at, cells


def read_serial_dates(path: Path, rows: list[list[str]], header_at: int, epoch: datetime) -> int:
    """Write an XLSX sheet's serial-number dates (a date column saved in the General number
    format) as dates, in the workbook's own date system; return how many were read.

    Why only a workbook: it records its date system (1900 or 1904, four years apart), so the
    number is a date. A serial outside 2000–2100 is no statement date: the file is refused.
    """
    found = serial_date_cells(rows[header_at], rows[header_at + 1 :])
    if found is None:
        return 0
    at, _ = found
    n = 0
    for line, row in enumerate(rows[header_at + 1 :], start=header_at + 2):
        cell = row[at].strip() if len(row) > at else ""
        if not _SERIAL.match(cell):
            continue
        when = _serial_date(float(cell), epoch)
        if not _SERIAL_YEARS[0] <= when.year <= _SERIAL_YEARS[1]:
            raise IngestError(
                f"{path}: line {line} of the sheet writes {cell!r} in the date column, an Excel "
                f"day number that is {when:%Y-%m-%d}, outside {_SERIAL_YEARS[0]}–"
                f"{_SERIAL_YEARS[1]}; nothing was loaded — format the column as a date in Excel, "
                "check that line and export again"
            )
        row[at] = when.strftime("%Y-%m-%d %H:%M:%S" if when.time() != time() else "%Y-%m-%d")
        n += 1
    return n


def refuse_serial_dates(
    con: duckdb.DuckDBPyConnection, path: Path, raw: RawTable, date_col: str
) -> None:
    """Refuse a CSV whose date column holds only Excel serial numbers (``45678``).

    Why refuse a CSV and read a workbook: a CSV does not say whether the sheet it was saved
    from counted days in Excel's 1900 or 1904 date system, and the two readings are four years
    and a day apart (45678 is 2025-01-21 or 2029-01-22): a guess books the money in the wrong
    year. Before, every line was a reject ("bad timestamp") with nothing saying why.
    """
    c = exp.column(date_col, quoted=True).sql("duckdb")
    serial = exp.Literal.string(_SERIAL.pattern).sql("duckdb")
    row = one_row(
        con.execute(
            f"""SELECT count(*) FILTER (WHERE regexp_matches(trim({c}), '\\d')),
                       count(*) FILTER (WHERE regexp_matches(trim({c}), {serial})),
                       arg_min(trim({c}), _line) FILTER (WHERE regexp_matches(trim({c}), {serial})),
                       min(_line) FILTER (WHERE regexp_matches(trim({c}), {serial}))
                FROM {raw.name}"""
        )
    )
    dated, serials, value, line = row
    if not dated or serials != dated:
        return
    day = float(value)
    a, b = (_serial_date(day, datetime(*e)) for e in ((1899, 12, 30), (1904, 1, 1)))
    raise IngestError(
        f"{path}: the {date_col} column holds numbers, not dates (line {line} writes {value!r}): "
        f"Excel day numbers of a column that lost its date format, {a:%Y-%m-%d} in Excel's 1900 "
        f"date system or {b:%Y-%m-%d} in its 1904 one, and a CSV does not say which; nothing "
        "was loaded — ingest the bank's .xlsx export itself, or format the column as a date in "
        "Excel and save the CSV again"
    )
