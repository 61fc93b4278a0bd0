"""The default engine: DuckDB over the warehouse file (read-only) or over Parquet files."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd
from sqlglot import exp

from connectors.query_limits import limit_statements, query_limits
from connectors.warehouse import connect


def parquet_views(con: duckdb.DuckDBPyConnection, parquet_dir: str | Path) -> list[str]:
    """Create one view per ``<table>.parquet`` (or ``<table>/`` directory of parts)."""
    names = []
    for p in sorted(Path(parquet_dir).iterdir()):
        if p.suffix == ".parquet" or (p.is_dir() and any(p.glob("*.parquet"))):
            name = p.stem
            src = str(p if p.is_file() else p / "*.parquet")
            con.execute(
                f"CREATE OR REPLACE VIEW {exp.to_identifier(name, quoted=True).sql('duckdb')} AS "
                f"SELECT * FROM read_parquet({exp.Literal.string(src).sql('duckdb')})"
            )
            names.append(name)
    return names


def sandbox_to_directory(con: duckdb.DuckDBPyConnection, directory: str | Path) -> None:
    """DuckDB's sandbox for a Parquet connection: only ``directory`` stays readable.

    Why: the views read their files at query time, so external access cannot be switched off
    entirely; ``allowed_directories`` keeps them working while a query (or a model's view)
    over any other file fails inside DuckDB, and the configuration is locked after. Memory,
    threads and spill size are limited as on the warehouse (:mod:`connectors.query_limits`).
    """
    allowed = exp.Array(expressions=[exp.Literal.string(str(Path(directory).resolve()) + "/")])
    con.execute(f"SET allowed_directories = {allowed.sql('duckdb')}")
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
