"""Shared last step of every bank reader: staged statement lines → ``bank_transactions``.

Why deterministic ids: the same statement line arrives again in the next (overlapping)
statement download; its ``txn_id`` is a hash of account, booking time, amount, bank reference,
memo and counterparty *plus its ordinal among identical lines of the file*, so an overlap adds
nothing while two genuinely identical lines in one statement (a real duplicate payment, which
reconciliation must see) both stay.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pyarrow as pa

from connectors.sources._tabular import RawTable, new_rejects_table
from connectors.sources.base import LoadContext, LoadResult, insert_new

BANK_COLUMNS = ("account_no", "booked_at", "value_date", "amount", "currency",
                "counterparty_name", "counterparty_account", "memo", "bank_ref")  # fmt: skip


def stage_python_rows(
    con: duckdb.DuckDBPyConnection, rows: list[dict], columns: list[str], table: str
) -> RawTable:
    """Put rows parsed in Python (MT940, camt.053, JSON lines) into a text temp table.

    Every value is stringified so the same SQL conversions (and rejects) apply as for CSV.
    """
    data = {c: [None if r.get(c) is None else str(r.get(c)) for r in rows] for c in columns}
    arrow = pa.table(
        {
            "_line": pa.array([int(r["_line"]) for r in rows], pa.int64()),
            **{c: pa.array(v, pa.string()) for c, v in data.items()},
        }
    )
    con.register(f"{table}_arrow", arrow)
    con.execute(f"CREATE OR REPLACE TEMP TABLE {table} AS SELECT * FROM {table}_arrow")
    con.unregister(f"{table}_arrow")
    return RawTable(table, list(columns), len(rows), new_rejects_table(con, f"{table}_rej"))


def finish_bank(
    con: duckdb.DuckDBPyConnection,
    good: str,
    raw: RawTable,
    ctx: LoadContext,
    fmt: str,
    path: Path | str,
) -> LoadResult:
    """Insert typed lines from temp table ``good`` (BANK_COLUMNS + ``_line``) into the warehouse."""
    res = LoadResult("bank_transactions", rows_read=raw.rows, rejects=raw.rejects)
    keys = "account_no, booked_at, amount, bank_ref, memo, counterparty_name"
    label = Path(str(path)).name
    n_good = con.execute(f"SELECT count(*) FROM {good}").fetchone()[0]
    res.rows_loaded = insert_new(
        con,
        "bank_transactions",
        f"""SELECT '{fmt}-' || substr(sha256(concat_ws('|', account_no, booked_at, amount, bank_ref,
                       memo, counterparty_name, row_number() OVER (PARTITION BY {keys}
                       ORDER BY _line))), 1, 16) AS txn_id,
                   {", ".join(BANK_COLUMNS[:3])}, amount, coalesce(currency, 'CNY') AS currency,
                   counterparty_name, counterparty_account, memo, bank_ref,
                   $label AS source_file
            FROM {good}""".replace("$label", "'" + label.replace("'", "''") + "'"),
        ("txn_id",),
    )
    res.rows_duplicate = n_good - res.rows_loaded
    return res
