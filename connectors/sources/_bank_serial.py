"""Which column of a bank CSV is the bank's serial, and which holds the payer's reference text.

Why a module of its own: the choice looks at the values, not only the header (an export can
leave its listed serial column empty, and a service's ``Reference`` beside its own line ID is
the payer's text), and :mod:`connectors.sources.bank_csv` had grown to its size limit.
"""

from __future__ import annotations

import duckdb
from sqlglot import exp

from connectors.sources._bank_headers import IDS, first, ref_columns
from connectors.sources._tabular import RawTable


def _holds(con: duckdb.DuckDBPyConnection, raw: RawTable, column: str, condition: str) -> bool:
    """Whether some line's value of ``column`` (trimmed, as ``_v``) meets the SQL ``condition``."""
    col = exp.column(column, quoted=True).sql("duckdb")
    sql = (
        f"SELECT count(*) FROM (SELECT nullif(trim({col}), '') AS _v, * FROM {raw.name}) "
        f"WHERE _v IS NOT NULL AND ({condition})"
    )
    row = con.execute(sql).fetchone()
    return row is not None and row[0] > 0


def _is_text(con: duckdb.DuckDBPyConnection, raw: RawTable, column: str, date: str) -> bool:
    """Whether a serial-named column holds words on a dated line: a value with a space inside
    (``INV 20417``, ``Rent March``). A bank's serial is one token; a UK bank's ``Reference``
    (Starling, Monzo) is what the payer typed, and read as the serial it was lost to the
    matcher. Lines without a date (``Total Credits`` in a totals row) do not count."""
    d = exp.column(date, quoted=True).sql("duckdb")
    cond = rf"regexp_matches(_v, '\S\s+\S') AND nullif(trim({d}), '') IS NOT NULL"
    return _holds(con, raw, column, cond)


def _repeats_across_days(
    con: duckdb.DuckDBPyConnection, raw: RawTable, column: str, date: str
) -> bool:
    """Whether one value of ``column`` stands on lines of two different dates. A bank's serial
    names one line (an export that repeats a line at a page break repeats its date too); a
    column whose ``ICT`` / ``SC`` stand on many days is a transaction-code column (DBS's
    ``Reference``), and read as the serial every line of one code became one line."""
    col = exp.column(column, quoted=True).sql("duckdb")
    d = exp.column(date, quoted=True).sql("duckdb")
    sql = (
        f"SELECT count(*) FROM (SELECT nullif(trim({col}), '') AS _v, "
        f"nullif(trim({d}), '') AS _d FROM {raw.name}) WHERE _v IS NOT NULL AND _d IS NOT NULL "
        "GROUP BY _v HAVING count(DISTINCT _d) > 1"
    )
    return bool(con.execute(sql).fetchall())


def serial_and_reference_text(
    con: duckdb.DuckDBPyConnection, raw: RawTable, cols: list[str], date: str
) -> tuple[str | None, list[str]]:
    """The bank's serial of each line (None when the file has none) and the columns holding the
    payer's reference text, read into the memo.

    The serial is a service's own line ID, else the first serial-named column that holds a value,
    no words and no value on two days (a transaction code is text, not a serial): 建设银行 writes an empty ``凭证号`` beside the filled compound serial, and a
    column of words is the payer's text, not the bank's key. A ``Reference`` beside a service's
    line ID (Revolut) is the payer's text too.
    """
    ids = first(cols, IDS)
    texts: list[str] = []
    if ids:
        said = first(cols, ("Reference",))
        return ids, [said] if said and said != ids else []
    candidates = ref_columns(cols)
    filled = [c for c in candidates if _holds(con, raw, c, "true")]
    for c in filled:
        if _is_text(con, raw, c, date) or _repeats_across_days(con, raw, c, date):
            texts.append(c)
    serials = [c for c in filled if c not in texts]
    if serials:
        return serials[0], texts
    return (candidates[0] if candidates and not texts else None), texts
