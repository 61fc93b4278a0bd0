"""Ingest a bank statement written by hand in a test: one helper for the bank-reader modules.

Why a module: a dozen test modules wrote the same four lines (write the text to a file in the
test's directory, ingest it as ``bank-csv`` with the given options, take the file's report).
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from connectors.ingest import FileReport, ingest_files


def ingest_text(
    con: duckdb.DuckDBPyConnection,
    tmp_path: Path,
    text: str,
    name: str = "s.csv",
    **options: str,
) -> FileReport:
    """Write ``text`` (UTF-8) to ``tmp_path / name``, ingest it as a bank CSV, return its report."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return ingest_path(con, path, tmp_path, **options)


def ingest_path(
    con: duckdb.DuckDBPyConnection, path: Path, tmp_path: Path, **options: str
) -> FileReport:
    """Ingest the bank CSV at ``path`` (rejects under ``tmp_path / "rej"``), return its report."""
    return ingest_files(
        con, "bank-csv", [path], rejects_dir=tmp_path / "rej", progress=False, options=options
    ).files[0]


def ingest_cny_path(
    con: duckdb.DuckDBPyConnection, path: Path, tmp_path: Path, **options: str
) -> FileReport:
    """:func:`ingest_path` for an account kept in CNY (``--currency``) unless ``options`` say
    another: the statements written by the bank-statement and export-habit files state no
    currency of their own."""
    options.setdefault("currency", "CNY")
    return ingest_path(con, path, tmp_path, **options)
