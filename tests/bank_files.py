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
    return ingest_files(
        con, "bank-csv", [path], rejects_dir=tmp_path / "rej", progress=False, options=options
    ).files[0]
