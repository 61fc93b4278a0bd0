"""Opening the DuckDB warehouse and creating the canonical schema idempotently.

Why here: the warehouse is created by ``connectors`` only; every other package calls
:func:`connect` to read. The default location is ``.orderlens/demo.duckdb`` relative to the
working directory, overridden by the ``ORDERLENS_DB`` environment variable or an explicit path.
"""

from __future__ import annotations

import os
from pathlib import Path

import duckdb

from connectors.errors import WarehouseError
from connectors.schema import TABLES, create_table_sql

DEFAULT_DB = Path(".orderlens") / "demo.duckdb"


def default_db_path() -> Path:
    """The warehouse path users get when they pass none: ``$ORDERLENS_DB`` or the demo file."""
    env = os.environ.get("ORDERLENS_DB")
    return Path(env) if env else DEFAULT_DB


def connect(db: str | Path | None = None, *, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open the warehouse; read-only opens fail clearly when the file does not exist yet.

    >>> con = connect(":memory:")
    >>> con.execute("select 1").fetchone()
    (1,)
    """
    path = default_db_path() if db is None else db
    if str(path) == ":memory:":
        return duckdb.connect(":memory:")
    path = Path(path)
    if read_only and not path.exists():
        raise WarehouseError(
            f"warehouse {path} does not exist: build the demo with `orderlens demo --db {path}` "
            "or point ORDERLENS_DB / --db at your warehouse file"
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        return duckdb.connect(str(path), read_only=read_only)
    except duckdb.IOException as exc:  # locked by another writer, unreadable file...
        raise WarehouseError(f"cannot open warehouse {path}: {exc}") from exc


def ensure_schema(con: duckdb.DuckDBPyConnection, tables: list[str] | None = None) -> None:
    """Create every canonical table that does not exist yet (safe to call any number of times).

    >>> con = connect(":memory:")
    >>> ensure_schema(con); ensure_schema(con)
    >>> con.execute("select count(*) from orders").fetchone()
    (0,)
    """
    for name in tables or list(TABLES):
        con.execute(create_table_sql(TABLES[name]))


def missing_tables(con: duckdb.DuckDBPyConnection, required: list[str]) -> list[str]:
    """Which of ``required`` do not exist in the warehouse (for clear errors in readers)."""
    present = {r[0] for r in con.execute("select table_name from information_schema.tables").fetchall()}
    return [t for t in required if t not in present]
