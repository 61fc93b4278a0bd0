"""The default engine: DuckDB over the warehouse file (read-only) or over Parquet files."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd

from connectors.engines.parquet_bounds import bounded_dataset, row_group_bound
from connectors.query_limits import limit_statements, query_limits
from connectors.warehouse import connect


def parquet_views(con: duckdb.DuckDBPyConnection, parquet_dir: str | Path) -> list[str]:
    """Register one relation per ``<table>.parquet`` (or ``<table>/`` directory of parts).

    Each is a pyarrow dataset (pyarrow reads the files, lazily, with DuckDB's projections and
    filters pushed down), not a ``read_parquet`` view: the connection itself then needs no
    file access at all (:func:`sandbox_to_directory`). pyarrow's reads are not counted by
    DuckDB's memory limit, so text stays dictionary-encoded and every file's row groups are
    bounded first (:mod:`connectors.engines.parquet_bounds`).
    """
    names = []
    bound = row_group_bound()
    for p in sorted(Path(parquet_dir).iterdir()):
        parts = sorted(str(f) for f in p.glob("*.parquet")) if p.is_dir() else []
        if p.suffix == ".parquet" or parts:
            con.register(p.stem, bounded_dataset(parts or [str(p)], bound))
            names.append(p.stem)
    return names


def sandbox_to_directory(con: duckdb.DuckDBPyConnection, directory: str | Path) -> None:
    """DuckDB's sandbox for a Parquet connection: no file access at all, configuration locked.

    Why none, not ``allowed_directories``: DuckDB has no read-only allowed directory, so with
    the Parquet folder allowed, ``COPY … TO`` and ``ATTACH`` could write there and only the
    guard's one-SELECT rule stopped them (session 27). The tables are pyarrow datasets
    registered before (:func:`parquet_views`), so no query needs DuckDB to open a file: any
    ``read_parquet``, ``COPY``, ``ATTACH`` or ``EXPORT`` fails inside DuckDB. ``directory`` is
    the folder those datasets read (kept for callers; nothing is allowed in it). Memory,
    threads and spill size are limited as on the warehouse (:mod:`connectors.query_limits`).
    """
    del directory  # read by pyarrow, never by this connection
    for statement in limit_statements(query_limits()):
        con.execute(statement)
    con.execute("SET enable_external_access = false")
    con.execute("SET lock_configuration = true")


def run_duckdb(sql: str, *, db=None, parquet_dir=None) -> pd.DataFrame:
    """Run ``sql`` on the warehouse file, or on Parquet views when ``parquet_dir`` is given."""
    if parquet_dir is not None:
        con = duckdb.connect(":memory:")
        parquet_views(con, parquet_dir)
        sandbox_to_directory(con, parquet_dir)
    else:
        con = connect(db, read_only=str(db) != ":memory:")
    try:
        return con.execute(sql).df()
    finally:
        con.close()
