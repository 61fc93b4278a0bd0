"""Seven-digit Republic-of-China (民國) dates, ``1130502``: read only when the file proves them.

Why a module of its own: Taiwanese exports write the 民國 year (Gregorian year − 1911) in three
digits; ``113/05/02`` and ``民國113年5月2日`` are read by the date macros (session 29), but a bare
``1130502`` was left a reject, because a run of seven digits could be some other date that lost
a digit. Whether it is a 民國 date is decided here from the file's own data, never guessed:

* **the era**: another date of the file, in the date column or in the lines above the table,
  writes a 民國 year — ``民國113年…``, ``113/05/01`` (a three-digit year: no other calendar a
  statement uses writes one) — so the file counts years so;
* **the width**: every seven-digit cell of the column is a real date read as ``YYYMMDD`` with
  a year 100–199 (2011–2110), and those years and the proving dates' years lie within one year
  of each other (a statement covers days, not decades).

The two readings cannot both hold: a day-first date that lost a zero (``5032036``, d/mm/yyyy)
ends in its Gregorian year, 19xx or 20xx, which as ``YYYMMDD`` would be month 19 or 20. With no
proof, or one cell that is not such a date, every seven-digit cell stays a reject, as before.
"""

from __future__ import annotations

import re
from datetime import date

import duckdb
from sqlglot import exp

from connectors.sources._tabular import RawTable

#: the 民國 offset: 民國 1 is 1912
ROC_OFFSET = 1911
#: a date writing a 民國 year: after 民國 / 民国, or three digits 1xx then month and day
_PROOF = r"(?:民國|民国)\s*(1\d{2})|(?:^|[^\d])(1\d{2})[/.\-年]\d{1,2}[/.\-月]\d{1,2}(?:[^\d]|$)"


def _years(text: str) -> set[int]:
    """The 民國 years the dates written in ``text`` name.

    >>> sorted(_years("查詢期間：113/05/01~113/05/31 民國113年6月1日")), _years("2024/05/01")
    ([113], set())
    """
    return {int(a or b) for a, b in re.findall(_PROOF, text)}


def seven_digit_roc(
    con: duckdb.DuckDBPyConnection, raw: RawTable, date_col: str, above: str
) -> bool:
    """Whether the column's seven-digit cells are 民國 ``YYYMMDD`` dates, as the file proves
    (the module's rule). False when it has none."""
    c = exp.column(date_col, quoted=True).sql("duckdb")
    cells = [  # the distinct cells are few (the days of a statement): matched here in Python
        str(v).strip()
        for (v,) in con.execute(f"SELECT DISTINCT {c} FROM {raw.scan or raw.name}").fetchall()
        if v is not None
    ]
    sevens = [t for t in cells if re.fullmatch(r"1\d{6}", t)]
    if not sevens:
        return False
    proof = _years(above) | {y for t in cells if t not in sevens for y in _years(t)}
    if not proof:
        return False
    years = set(proof)
    for t in sevens:
        try:
            date(int(t[:3]) + ROC_OFFSET, int(t[3:5]), int(t[5:]))
        except ValueError:
            return False
        years.add(int(t[:3]))
    return max(years) - min(years) <= 1
