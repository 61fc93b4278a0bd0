"""Apache Spark engine: the same SQL, transpiled by sqlglot, over Parquet temp views.

When a warehouse outgrows one machine, export it (``orderlens export parquet DIR`` locally, or
write the same Parquet layout to HDFS/S3 from your pipelines) and point the engine at a
cluster: ``spark_master="spark://host:7077"`` (standalone), ``"yarn"``, ``"k8s://…"`` or a
Spark Connect server ``"sc://host:15002"``. Sessions are cached per master, so a notebook or a
test pays the JVM start-up once.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd
import sqlglot

from connectors.errors import EngineError
from connectors.export import export_parquet
from connectors.warehouse import connect, default_db_path


def to_spark_sql(sql: str) -> str:
    """Transpile DuckDB SQL to Spark SQL.

    >>> to_spark_sql("select strftime(created_at, '%Y-%m') as m, count(*) from orders group by 1")
    "SELECT DATE_FORMAT(created_at, 'yyyy-MM') AS m, COUNT(*) FROM orders GROUP BY 1"
    """
    try:
        return sqlglot.transpile(sql, read="duckdb", write="spark")[0]
    except sqlglot.errors.ParseError as exc:
        raise EngineError(f"cannot transpile the SQL to Spark: {exc}") from exc


@lru_cache(maxsize=4)
def get_session(master: str = "local[2]") -> Any:
    """A SparkSession for ``master`` (cached); Arrow transfer on, UTC session time zone."""
    try:
        from pyspark.sql import SparkSession  # optional (dev extra) and slow: only for Spark
    except ImportError as exc:  # pragma: no cover - pyspark is a dev dependency
        raise EngineError("pyspark is not installed: pip install 'orderlens[dev]'") from exc
    builder = SparkSession.builder.appName("orderlens")
    builder = builder.remote(master) if master.startswith("sc://") else builder.master(master)
    if not master.startswith("sc://"):
        builder = (
            builder.config("spark.ui.enabled", "false")
            .config("spark.sql.shuffle.partitions", _partitions(master))
            .config("spark.ui.showConsoleProgress", "false")
            .config("spark.driver.memory", os.environ.get("ORDERLENS_SPARK_MEMORY", "2g"))
        )
    spark = (
        builder.config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.execution.arrow.pyspark.enabled", "true")
        .getOrCreate()
    )
    if not master.startswith("sc://"):
        spark.sparkContext.setLogLevel("ERROR")
    return spark


def _partitions(master: str) -> str:
    """Few shuffle partitions on a laptop (``local[N]`` → N), Spark's usual 200 elsewhere."""
    if master.startswith("local"):
        inside = master[master.find("[") + 1 : master.find("]")] if "[" in master else "1"
        return inside if inside.isdigit() else "4"
    return "200"


def referenced_tables(sql: str, dialect: str = "duckdb") -> list[str]:
    """Table names a query reads (CTE names excluded), so only those are registered.

    >>> referenced_tables("with t as (select * from orders) select * from t join skus using (sku)")
    ['orders', 'skus']
    """
    tree = sqlglot.parse_one(sql, read=dialect)
    ctes = {c.alias_or_name for c in tree.find_all(sqlglot.exp.CTE)}
    names = {t.name for t in tree.find_all(sqlglot.exp.Table) if t.name and t.name not in ctes}
    return sorted(names)


def register_parquet(spark: Any, parquet_dir: str | Path, tables: list[str]) -> list[str]:
    """Register ``<table>.parquet`` under ``parquet_dir`` (local path or any Spark-readable URL,
    e.g. ``s3a://bucket/warehouse``) as a temp view for each table in ``tables``."""
    base = str(parquet_dir).rstrip("/")
    done = []
    for t in tables:
        path = f"{base}/{t}.parquet"
        if "://" not in base and not Path(path).exists():
            raise EngineError(
                f"table {t} has no {path}: run `orderlens export parquet {base}` (or --tables {t})"
            )
        spark.read.parquet(path).createOrReplaceTempView(t)
        done.append(t)
    return done


def _export_cache(db: str | Path | None) -> Path:
    path = Path(db) if db is not None else default_db_path()
    if not path.exists():
        raise EngineError(f"warehouse {path} does not exist; pass --db or a parquet directory")
    stat = path.stat()
    key = hashlib.sha256(f"{path.resolve()}|{stat.st_size}|{stat.st_mtime_ns}".encode()).hexdigest()
    out = Path(tempfile.gettempdir()) / "orderlens-parquet" / key[:16]
    if not (out / ".complete").exists():
        con = connect(path, read_only=True, sandbox=False)  # COPY writes the files
        try:
            export_parquet(con, out)
        finally:
            con.close()
        (out / ".complete").touch()
    return out


_registered: dict[str, set[tuple[str, str]]] = {}


def run_spark(
    sql: str, *, db=None, parquet_dir=None, master: str = "local[2]", dialect: str = "duckdb"
) -> pd.DataFrame:
    """Run ``sql`` on Spark over the Parquet tables; returns pandas.

    ``dialect="duckdb"`` SQL is transpiled; ``dialect="spark"`` (e.g. from
    ``compile_query(..., dialect="spark")``) runs as is.

    Only the tables the query reads are registered (each registration reads a Parquet
    footer), once per session and directory.
    """
    pdir = str(parquet_dir) if parquet_dir is not None else str(_export_cache(db))
    spark = get_session(master)
    seen = _registered.setdefault(master, set())
    todo = [t for t in referenced_tables(sql, dialect) if (pdir, t) not in seen]
    # a view name points at one directory at a time: forget other dirs' registrations
    seen.difference_update({k for k in seen if k[1] in todo})
    register_parquet(spark, pdir, todo)
    seen.update((pdir, t) for t in todo)
    try:
        return spark.sql(sql if dialect == "spark" else to_spark_sql(sql)).toPandas()
    except Exception as exc:  # AnalysisException, ParseException...
        raise EngineError(f"Spark could not run the query: {exc}") from exc
