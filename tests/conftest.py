"""Shared fixtures: one small seeded demo warehouse per test session (built in seconds)."""

from __future__ import annotations

from pathlib import Path

import pytest

TEST_ORDERS = 3_000
TEST_SEED = 42
TEST_END_DATE = "2026-11-20"


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Path to a small demo warehouse; tests must open it read-only (it is shared)."""
    from connectors.demo.generate import build_demo_warehouse

    path = tmp_path_factory.mktemp("warehouse") / "demo.duckdb"
    build_demo_warehouse(
        path, orders=TEST_ORDERS, seed=TEST_SEED, end_date=TEST_END_DATE, progress=False
    )
    return path


@pytest.fixture()
def demo_con(demo_db: Path):
    """A read-only connection to the shared demo warehouse."""
    from connectors.warehouse import connect

    con = connect(demo_db, read_only=True)
    yield con
    con.close()
