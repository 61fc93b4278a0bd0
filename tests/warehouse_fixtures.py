"""Module-scoped pytest fixtures for a test file's own small warehouse and the model loaded on
it.

Why shared: the semantic-layer files (dbt projects, funnels, join paths) and the metric-word
file each declared the same two fixtures, differing only in the SQL that builds the warehouse
and the project folder; a file now writes ``con = module_warehouse(SQL)`` and
``model = module_model(PROJECT)``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pytest


def module_warehouse(sql: str) -> Any:
    """A module-scoped fixture ``con``: a new in-memory DuckDB warehouse built by ``sql``,
    closed after the file's last test."""

    @pytest.fixture(scope="module", name="con")
    def con() -> Iterator[duckdb.DuckDBPyConnection]:
        c = duckdb.connect()
        c.execute(sql)
        yield c
        c.close()

    return con


def module_model(project: Path) -> Any:
    """A module-scoped fixture ``model``: the semantic model of ``project`` loaded on the
    file's ``con``."""

    @pytest.fixture(scope="module", name="model")
    def model(con: duckdb.DuckDBPyConnection) -> Any:
        from semantic_layer import load_model

        return load_model(project, con=con)

    return model
