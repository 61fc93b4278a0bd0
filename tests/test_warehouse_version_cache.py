"""``warehouse_version`` reuses a resolved path briefly, never a stale file state.

Why this matters: cache keys (plans, catalogs, answers) are built from it. A warehouse rebuilt
in place must change the version at once; only the path resolution is reused (for at most
``RESOLVE_TTL_S``), so a symlink moved to another warehouse is seen after that.
"""

from __future__ import annotations

import os
from pathlib import Path

import duckdb
import pytest

from connectors import warehouse
from connectors.warehouse import warehouse_version


def _make(path: Path, rows: int) -> None:
    con = duckdb.connect(str(path))
    con.execute(f"create table t as select * from range({rows})")
    con.close()


def test_a_file_replaced_in_place_changes_the_version_at_once(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    _make(db, 1)
    before = warehouse_version(db)
    _make(tmp_path / "new.duckdb", 50_000)
    os.replace(tmp_path / "new.duckdb", db)
    assert warehouse_version(db) != before  # within the resolve TTL: the stat is fresh


def test_a_retargeted_symlink_is_seen_after_the_ttl(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    a, b, link = tmp_path / "a.duckdb", tmp_path / "b.duckdb", tmp_path / "current.duckdb"
    _make(a, 1)
    _make(b, 2)
    link.symlink_to(a)
    assert warehouse_version(link).startswith(str(a))
    link.unlink()
    link.symlink_to(b)
    monkeypatch.setattr(warehouse, "RESOLVE_TTL_S", 0.0)  # the TTL has passed
    assert warehouse_version(link).startswith(str(b))
