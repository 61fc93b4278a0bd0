"""Red team, session 27: the Parquet-folder connection cannot write, even past the guard.

Before: the connection allowed the Parquet folder (``allowed_directories``), and DuckDB has no
read-only allowed directory, so ``COPY … TO`` and ``ATTACH`` wrote files inside it; only the
guard's one-SELECT rule stopped them. Here each statement runs on the connection exactly as
:func:`connectors.engines.duckdb_engine.run_duckdb` makes it, bypassing the guard, and DuckDB
itself refuses.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from connectors.engines.duckdb_engine import parquet_views, run_duckdb, sandbox_to_directory


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    out = tmp_path / "parquet"
    (out / "lines").mkdir(parents=True)
    con = duckdb.connect()
    con.execute(f"COPY (SELECT 1 AS id, 5.0 AS amount) TO '{out / 'orders.parquet'}'")
    for part in (1, 2):
        con.execute(f"COPY (SELECT {part} AS line) TO '{out / 'lines' / f'p{part}.parquet'}'")
    con.close()
    return out


def _sandboxed(folder: Path) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect(":memory:")
    parquet_views(con, folder)
    sandbox_to_directory(con, folder)
    return con


def test_the_tables_are_read(folder: Path) -> None:
    got = run_duckdb("SELECT sum(amount) AS s FROM orders", parquet_dir=folder)
    assert got["s"].tolist() == [5.0]
    got = run_duckdb("SELECT line FROM lines ORDER BY line", parquet_dir=folder)
    assert got["line"].tolist() == [1, 2]  # a directory of parts is one table


@pytest.mark.parametrize(
    "statement",
    [
        "COPY (SELECT 1) TO '{d}/x.csv'",
        "COPY (SELECT 9 AS id) TO '{d}/orders.parquet' (USE_TMP_FILE false)",
        "COPY orders TO '{d}/y.parquet' (FORMAT parquet)",
        "ATTACH '{d}/new.duckdb' AS n",
        "ATTACH '{d}/orders.parquet' AS n",
        "EXPORT DATABASE '{d}/dump'",
        "SELECT * FROM read_parquet('{d}/orders.parquet')",
        "SELECT * FROM read_csv('/etc/passwd')",
        "SET enable_external_access = true",
    ],
)
def test_duckdb_refuses_files_on_the_parquet_connection(folder: Path, statement: str) -> None:
    before = sorted(p.name for p in folder.rglob("*"))
    con = _sandboxed(folder)
    try:
        with pytest.raises((duckdb.PermissionException, duckdb.InvalidInputException)):
            con.execute(statement.format(d=folder))
        assert con.execute("SELECT id FROM orders").fetchall() == [(1,)]  # data unchanged
    finally:
        con.close()
    assert sorted(p.name for p in folder.rglob("*")) == before  # nothing written
