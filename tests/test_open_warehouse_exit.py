"""A process that exits without stopping the server leaves no idle-warehouse thread behind.

Why: the open warehouse's idle watcher (``orderlens-warehouse-idle``) is a daemon thread that
closes the DuckDB file on itself ``ANCHOR_LINGER_S`` after the last question. A script, a
kernel or a test that held an ``AskService`` and exited within that linger left it running,
and when its close (which releases the GIL) overlapped interpreter finalization the process
aborted after its work was done ("FATAL: exception not rethrown", exit code 134; reproduced
9 times in 42 exits timed around the close). The ``atexit`` hook closes the file on the
exiting thread and joins the watcher first.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import duckdb
import pytest

from lab.server import open_warehouse as open_warehouse_module
from lab.server.open_warehouse import OpenWarehouse, file_stamp

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def small_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("open_warehouse_exit") / "w.duckdb"
    with duckdb.connect(str(db)) as con:
        con.execute("CREATE TABLE t AS SELECT range AS i FROM range(10)")
    return db


def _read_sum(warehouse: OpenWarehouse) -> int:
    """Answer one 'question' the way the service does: a cursor of the open warehouse."""
    with warehouse.gate.read(), warehouse.reader(file_stamp(warehouse.db)) as (cursor, _):
        assert cursor is not None
        return int(cursor.execute("SELECT SUM(i) FROM t").fetchone()[0])


def test_a_process_that_exits_within_the_linger_closes_the_warehouse_first(
    small_db: Path,
) -> None:
    # ``report`` is registered before the module is imported, so it runs after the module's
    # own exit hook (atexit runs last-registered first): what it sees is what finalization
    # would meet
    code = textwrap.dedent(
        f"""
        import atexit, json, threading

        def report():
            idle = [t.name for t in threading.enumerate() if t.name == "orderlens-warehouse-idle"]
            print(json.dumps({{"idle_threads": idle, "open": warehouse._anchor is not None}}))

        atexit.register(report)
        from lab.server import open_warehouse as ow
        ow.ANCHOR_LINGER_S = 60.0  # the process exits well within it
        warehouse = ow.OpenWarehouse({str(small_db)!r})
        with warehouse.gate.read(), warehouse.reader(ow.file_stamp(warehouse.db)) as (cur, _):
            print(cur.execute("SELECT SUM(i) FROM t").fetchone()[0])
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert (done.returncode, done.stderr) == (0, "")
    answer, at_exit = done.stdout.strip().splitlines()
    assert answer == "45"
    assert json.loads(at_exit) == {"idle_threads": [], "open": False}


def test_the_exit_hook_closes_an_unclosed_warehouse_on_its_own_thread(small_db: Path) -> None:
    warehouse = OpenWarehouse(str(small_db))
    assert _read_sum(warehouse) == 45
    watcher = warehouse._watcher
    assert watcher is not None and watcher.is_alive()
    assert warehouse._anchor is not None  # kept open between questions
    open_warehouse_module._close_at_exit()
    assert not watcher.is_alive()
    assert warehouse._anchor is None and warehouse.closed
    # nothing holds the file: a read-write open succeeds at once
    duckdb.connect(str(small_db)).close()


def test_closing_wakes_the_watcher_instead_of_waiting_for_its_poll(
    small_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Exit (and a server's stop) is not held up by the watcher's sleep between polls."""
    monkeypatch.setattr(open_warehouse_module, "WRITER_POLL_S", 30.0)
    warehouse = OpenWarehouse(str(small_db))
    assert _read_sum(warehouse) == 45
    watcher = warehouse._watcher
    assert watcher is not None
    started = time.monotonic()
    warehouse.close()
    assert not watcher.is_alive()
    assert time.monotonic() - started < 10.0  # a poll is 30 s here
    assert "orderlens-warehouse-idle" not in {t.name for t in threading.enumerate()}
