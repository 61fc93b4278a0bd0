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


def _filled(con: duckdb.DuckDBPyConnection, raw: RawTable, candidates: list[str]) -> str | None:
    """The first of ``candidates`` with a value on some line (else the first, else None): a
    serial column the export leaves empty (建设银行's ``凭证号``) is not the serial."""
    for c in candidates:
        col = exp.column(c, quoted=True).sql("duckdb")
        sql = f"SELECT count(*) FROM {raw.name} WHERE nullif(trim({col}), '') IS NOT NULL"
        row = con.execute(sql).fetchone()
        if row is not None and row[0] > 0:
            return c
    return candidates[0] if candidates else None


def reference_text_columns(cols: list[str]) -> list[str]:
    """Columns holding the payer's reference text rather than the bank's serial, read into the
    memo: a ``Reference`` beside a service's own line ID (Revolut)."""
    ids = first(cols, IDS)
    said = first(cols, ("Reference",))
    return [said] if ids and said and said != ids else []


def serial_column(con: duckdb.DuckDBPyConnection, raw: RawTable, cols: list[str]) -> str | None:
    """The bank's serial of each line: a service's line ID, else the first filled serial
    column (None when the file has none)."""
    return first(cols, IDS) or _filled(con, raw, ref_columns(cols))
