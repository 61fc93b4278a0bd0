"""A bank CSV's dates: in which order a ``dd-mm-yyyy``-shaped date gives its day and month, and
whether a two-digit year can be read — as the file shows, never guessed.

Why a module of its own: the order of a date's numbers is decided over the whole column (one
``25-03-2027`` decides ``05-03-2027``), apart from reading the file in
:mod:`connectors.sources.bank_csv`.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
from sqlglot import exp

from connectors.errors import IngestError
from connectors.rows import one_row
from connectors.sources._tabular import RawTable

#: a date written with the day and the month both before the year: 05-03-2027, 25/03/2027
_DAY_MONTH = r"^\s*(\d{1,2})[-/.](\d{1,2})[-/.]\d{4}\b"
#: a date written with dots, 05.03.2027: every convention that writes dots writes the day first
#: (DIN 5008, NL, CH, …), so such a date is day-first evidence of its own. Sparkasse's CSV-CAMT
#: writes a two-digit year (05.03.27): a statement line is of this century, 2027.
_DOTTED = r"^\s*\d{1,2}\.\d{1,2}\.(\d{4}|\d{2})(\s|$)"


def date_order(
    con: duckdb.DuckDBPyConnection, path: Path, raw: RawTable, date_col: str
) -> tuple[str, list[tuple[str, str]]]:
    """How to read ``dd-mm-yyyy``-shaped dates: as the file shows, never guessed.

    A value whose first number is above 12 (``25-03-2027``) shows the file writes the day
    first; one whose second is (``03-25-2027``), the month first. With such evidence (and none
    against it) every date of that shape is read that way, ``05-03-2027`` included. A file with
    evidence both ways is refused; a file with none leaves each such date a reject that says
    why (before, ``bad timestamp``): 05-03-2027 is 5 March or 3 May, and a guess books the
    money in the wrong month. A date with dots (``05.03.2027``, German and Dutch exports) is
    day-first evidence itself: no convention writes the month first with dots.
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
    if first or second:
        return ("timestamp_dmy" if first else "timestamp_mdy"), []
    check = (
        f"_date IS NULL AND regexp_matches(_src0, {pat})",
        "day and month cannot be told apart (no date of the file has a number above 12 in "
        "either place, so it is the day first or the month first): export the statement with "
        "dates as YYYY-MM-DD",
    )
    return "timestamp", [check]
