"""A server stopping while its warm-up still runs must not leave the warehouse open.

Why it matters: a read-only handle left open in the server process holds DuckDB's file lock, so
every writer (ingest, reconciliation, a notebook) then fails with "Could not set lock".
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from lab.server.history import QuestionHistory
from lab.server.service import AskService, ServiceSettings


def test_no_connection_is_reopened_after_close(demo_db: Path, tmp_path: Path) -> None:
    service = AskService(ServiceSettings(db=str(demo_db), chart_svg=False), QuestionHistory(None))
    service.close()  # the server stops first ...
    with service.gate.read():
        service._keep_warehouse_open()  # ... then the warm-up thread reaches the warehouse
    assert service._anchor is None
    writer = duckdb.connect(str(demo_db))  # a read-write open would fail if a handle leaked
    writer.close()
