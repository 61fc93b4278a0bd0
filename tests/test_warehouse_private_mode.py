"""A warehouse OrderLens creates is readable by its owner only (red team s17, least privilege).

DuckDB created the file under the usual umask (0644): every local user could read customers,
orders and bank lines, while the server's own files were already 0600.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from connectors.warehouse import connect, ensure_schema


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture(autouse=True)
def _usual_umask():
    old = os.umask(0o022)
    yield
    os.umask(old)


def test_new_warehouse_and_its_folder_are_private(tmp_path: Path) -> None:
    db = tmp_path / "new_dir" / "w.duckdb"
    con = connect(db)
    ensure_schema(con)
    con.close()
    assert _mode(db) == 0o600
    assert _mode(db.parent) == 0o700
    # read again: still the owner's only, and readable by the owner
    ro = connect(db, read_only=True)
    assert ro.execute("select count(*) from orders").fetchone() == (0,)
    ro.close()
    assert _mode(db) == 0o600


def test_an_existing_warehouse_keeps_the_mode_its_owner_chose(tmp_path: Path) -> None:
    folder = tmp_path / "team"
    folder.mkdir(mode=0o755)
    db = folder / "shared.duckdb"
    con = connect(db)
    ensure_schema(con)
    con.close()
    db.chmod(0o640)  # shared with a group on purpose
    connect(db).close()
    assert _mode(db) == 0o640
    assert _mode(folder) == 0o755  # a folder that existed is left as it was


def test_the_demo_warehouse_is_private(tmp_path: Path) -> None:
    from connectors.demo.generate import build_demo_warehouse

    db = tmp_path / "demo" / "demo.duckdb"
    build_demo_warehouse(db, orders=100, progress=False)
    assert _mode(db) == 0o600
    assert _mode(db.parent) == 0o700
