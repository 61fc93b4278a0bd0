"""Export warehouse tables to Parquet: the hand-off from DuckDB to Spark (or any engine).

Why Parquet: Spark, Trino, pandas and DuckDB itself read it natively, column types survive
(DECIMAL, TIMESTAMP), and DuckDB writes it with ``COPY … (FORMAT parquet)`` streaming, in
parallel. One file per table: ``OUT_DIR/<table>.parquet``.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from connectors.errors import WarehouseError
from connectors.rows import one_row
from connectors.schema import SOURCE_TABLES, TABLES


def existing_tables(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Canonical tables present in the warehouse, in schema order."""
    present = {
        r[0]
        for r in con.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'"
        ).fetchall()
    }
    return [t for t in TABLES if t in present]


def export_parquet(
    con: duckdb.DuckDBPyConnection, out_dir: str | Path, tables: list[str] | None = None
) -> dict[str, int]:
    """Write each table to ``out_dir/<table>.parquet``; returns table -> rows written.

    Default tables: every source table present (what semantic queries read) plus the
    feature tables that exist.

    >>> con = duckdb.connect(); _ = con.execute("create table orders (order_id varchar)")
    >>> import tempfile; export_parquet(con, tempfile.mkdtemp(), ["orders"])
    {'orders': 0}
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    have = existing_tables(con)
    wanted = tables or [t for t in have if t in SOURCE_TABLES or t in TABLES]
    unknown = [t for t in wanted if t not in TABLES]
    missing = [t for t in wanted if t in TABLES and t not in have]
    if unknown or missing:
        raise WarehouseError(
            f"cannot export {', '.join(unknown + missing)}: "
            + ("not canonical tables; " if unknown else "")
            + ("missing from the warehouse; " if missing else "")
            + f"available: {', '.join(have)}"
        )
    counts = {}
    for t in wanted:
        target = str(out / f"{t}.parquet").replace("'", "''")
        con.execute(f"COPY {t} TO '{target}' (FORMAT parquet, COMPRESSION zstd)")
        counts[t] = one_row(con.execute(f"SELECT count(*) FROM {t}"))[0]
    return counts
