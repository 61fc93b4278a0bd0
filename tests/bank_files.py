"""Ingest a bank statement written by hand in a test: one helper for the bank-reader modules.

Why a module: a dozen test modules wrote the same four lines (write the text to a file in the
test's directory, ingest it as ``bank-csv`` with the given options, take the file's report),
and several the same build-ingest-reconcile run (:func:`reconciled_flows`).
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import yaml

from connectors.ingest import FileReport, ingest_files
from connectors.warehouse import connect
from lab.evals.recon_flows import FlowRow, flow_rows, ingest_as_user
from lab.evals.recon_heldout import build
from lab.reconciliation.engine import reconcile_period


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


def reconciled_flows(tmp_path: Path, warehouse: dict, statement: str, period: str) -> list[FlowRow]:
    """The flows after one bank CSV ``statement`` is ingested as a user would and ``period``
    reconciled against a warehouse built from ``warehouse`` (recon_heldout's YAML shape).

    Why here: the reversal-word tests of every statement set (СТОРНО, ВОЗВРАТ, QAYTARISH, the
    Indonesian returns) and the serial-order tests build, ingest and reconcile the same way;
    only the file, the word and the period differ.
    """
    (tmp_path / "warehouse.yaml").write_text(yaml.safe_dump(warehouse, allow_unicode=True))
    (tmp_path / "s.csv").write_text(statement, encoding="utf-8")
    con = connect(tmp_path / "w.duckdb")
    try:
        build(con, tmp_path)
        ingest_as_user(con, "bank-csv", [tmp_path / "s.csv"], rejects_dir=tmp_path / "rej")
        reconcile_period(con, period)
        return flow_rows(con)
    finally:
        con.close()
