"""A stopped server leaves no thread and no handle on the warehouse behind it.

Why: the warm-up a server starts with (and any question still running) used to outlive the
stop, holding its own read-only handle on the warehouse. In the test suite, in-process servers
on the session's shared demo warehouse kept it open past their test (CI once failed on such a
handle in a writer check; tests/security/test_service_lifecycle.py); in a long-running process
that embeds the server, a writer met it.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import threading
from pathlib import Path
from typing import Any

import pytest

import lab.server.service as service_module
from lab.server.open_warehouse import OpenWarehouse
from tests.server_helpers import server_config

pytest_plugins = ["pytest_jupyter.jupyter_server"]


@pytest.fixture()
def own_db(demo_db: Path, tmp_path: Path) -> Path:
    """A private copy: only this server's handles on it are counted."""
    db = tmp_path / "own.duckdb"
    shutil.copyfile(demo_db, db)
    return db


@pytest.fixture()
def warm_up_in_progress(monkeypatch: pytest.MonkeyPatch) -> threading.Event:
    """The warm-up's catalog build is still reading the warehouse when the server stops (the
    distinct values of a big warehouse take tens of seconds): one query after another on the
    warm-up's connection until it is interrupted or the warehouse closed."""
    started, closed = threading.Event(), threading.Event()
    real_close = OpenWarehouse.close

    def slow_catalog_for(model: Any, db: Any, con: Any = None) -> Any:
        while not closed.is_set():
            con.execute("SELECT sum(hash(range)) FROM range(20000000)").fetchall()
            started.set()
        return None

    def close(self: OpenWarehouse) -> None:
        real_close(self)
        closed.set()

    monkeypatch.setattr(service_module, "catalog_for", slow_catalog_for)
    monkeypatch.setattr(OpenWarehouse, "close", close)
    return started


@pytest.fixture()
def jp_server_config(
    own_db: Path, warm_up_in_progress: threading.Event, tmp_path: Path, users_file: Path
) -> dict:
    return server_config(
        own_db, users_file, tmp_path / "history.sqlite3", token_role="ask", chart_svg=False
    )


def _handles_on(path: Path) -> list[str]:
    """This process's open file descriptors on ``path`` (Linux /proc)."""
    found = []
    for fd in os.listdir("/proc/self/fd"):
        try:
            if os.readlink(f"/proc/self/fd/{fd}") == str(path):
                found.append(fd)
        except OSError:
            continue
    return found


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc")
async def test_stopping_waits_for_the_warm_up_and_leaves_no_handle(
    jp_serverapp: Any, own_db: Path, warm_up_in_progress: threading.Event
) -> None:
    assert await asyncio.to_thread(warm_up_in_progress.wait, 60)
    assert _handles_on(own_db)  # the warm-up is reading the warehouse
    (app,) = (
        a
        for apps in jp_serverapp.extension_manager.extension_apps.values()
        for a in apps
        if type(a).__name__ == "OrderLensApp"
    )
    await app.stop_extension()
    # the server's threads (the process-wide query watchdog is not one of them)
    mine = ("orderlens-ask", "orderlens-warehouse-idle")
    assert [t.name for t in threading.enumerate() if t.name.startswith(mine)] == []
    assert _handles_on(own_db) == []
