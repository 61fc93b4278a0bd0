"""Engines that run the (semantic layer's) SQL: DuckDB embedded by default, Spark for scale.

Why one entry point: the semantic layer compiles a query once into a sqlglot tree; where it
runs is a deployment choice. :func:`run_sql` takes DuckDB-dialect SQL and returns a pandas
DataFrame from either engine — for Spark the SQL is transpiled with sqlglot and the warehouse
tables are Parquet files (``orderlens export parquet``) registered as temp views.

The engine modules never import this package back (``EngineError`` lives in
``connectors.errors``), so there is no import cycle; pyspark itself is imported only when a
Spark session is first needed.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from connectors.engines.duckdb_engine import run_duckdb
from connectors.engines.spark import run_spark
from connectors.errors import EngineError

ENGINES = ("duckdb", "spark")
__all__ = ["ENGINES", "EngineError", "run_sql"]


def run_sql(
    sql: str,
    *,
    engine: str = "duckdb",
    db: str | Path | None = None,
    parquet_dir: str | Path | None = None,
    spark_master: str = "local[2]",
    dialect: str = "duckdb",
) -> pd.DataFrame:
    """Run DuckDB-dialect ``sql`` on ``engine`` and return the rows as a DataFrame.

    Args:
        sql: one SELECT written for DuckDB (what ``compile_query(..., dialect="duckdb")`` emits).
        engine: ``duckdb`` (the warehouse file, or Parquet views) or ``spark``.
        db: warehouse file (default ``$ORDERLENS_DB`` / the demo); for Spark it is exported to
            Parquet first (cached per file version) unless ``parquet_dir`` is given.
        parquet_dir: a directory of ``<table>.parquet`` files (``orderlens export parquet``).
        spark_master: ``local[N]``, ``spark://host:7077``, ``yarn``, ``k8s://…`` or a Spark
            Connect URL ``sc://host:15002``.
        dialect: the dialect ``sql`` is written in; ``spark`` SQL skips transpilation (DuckDB
            runs only ``duckdb`` SQL).

    >>> run_sql("select 41 + 1 as answer", db=":memory:")["answer"].tolist()
    [42]
    """
    if engine == "duckdb":
        if dialect != "duckdb":
            raise EngineError(f"the duckdb engine runs duckdb SQL, not {dialect}")
        return run_duckdb(sql, db=db, parquet_dir=parquet_dir)
    if engine == "spark":
        return run_spark(sql, db=db, parquet_dir=parquet_dir, master=spark_master, dialect=dialect)
    raise EngineError(f"unknown engine {engine!r}; choose one of {', '.join(ENGINES)}")
