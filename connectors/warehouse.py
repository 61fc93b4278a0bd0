"""Opening the DuckDB warehouse and creating the canonical schema idempotently.

Why here: the warehouse is created by ``connectors`` only; every other package calls
:func:`connect` to read. The default location is ``.orderlens/demo.duckdb`` relative to the
working directory, overridden by the ``ORDERLENS_DB`` environment variable or an explicit path.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import replace
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


def ensure_schema(
    con: duckdb.DuckDBPyConnection,
    tables: list[str] | None = None,
    *,
    defer_keys: Iterable[str] = (),
) -> None:
    """Create every canonical table that does not exist yet (safe to call any number of times).

    ``defer_keys`` names tables created WITHOUT their primary key (key columns stay NOT NULL):
    a bulk loader fills them and then calls :func:`add_primary_keys`, so the index is built
    once instead of being checked row by row. The key itself still comes from ``schema.py``.

    >>> con = connect(":memory:")
    >>> ensure_schema(con); ensure_schema(con)
    >>> con.execute("select count(*) from orders").fetchone()
    (0,)
    """
    deferred = set(defer_keys)
    for name in tables or list(TABLES):
        table = TABLES[name]
        if name in deferred:
            table = replace(table, primary_key=())
        con.execute(create_table_sql(table))


def add_primary_keys(con: duckdb.DuckDBPyConnection, tables: Iterable[str]) -> None:
    """Add the ``schema.py`` primary key to tables created with ``defer_keys`` (idempotent).

    Fails (DuckDB constraint error) when the loaded rows hold duplicate or NULL keys, exactly
    as an inline key would have.

    >>> con = connect(":memory:")
    >>> ensure_schema(con, ["skus"], defer_keys=["skus"])
    >>> _ = con.execute("insert into skus values ('SKU-1', 'x', 'c', 'b', 1, 2, 0.5)")
    >>> add_primary_keys(con, ["skus"]); add_primary_keys(con, ["skus"])
    >>> try:
    ...     con.execute("insert into skus values ('SKU-1', 'y', 'c', 'b', 1, 2, 0.5)")
    ... except duckdb.ConstraintException as exc:
    ...     print(str(exc).split(":")[0])
    Constraint Error
    """
    for name in tables:
        key = TABLES[name].primary_key
        has_key = con.execute(
            "SELECT count(*) FROM duckdb_constraints() "
            "WHERE table_name = ? AND constraint_type = 'PRIMARY KEY'",
            [name],
        ).fetchone()[0]
        if key and not has_key:
            con.execute(f"ALTER TABLE {name} ADD PRIMARY KEY ({', '.join(key)})")


def missing_tables(con: duckdb.DuckDBPyConnection, required: list[str]) -> list[str]:
    """Which of ``required`` do not exist in the warehouse (for clear errors in readers)."""
    present = {
        r[0] for r in con.execute("select table_name from information_schema.tables").fetchall()
    }
    return [t for t in required if t not in present]
