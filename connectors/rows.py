"""The one row an aggregate query returns, typed as present.

Why a helper: DuckDB types ``fetchone()`` as ``tuple | None`` because a query may return no
rows, but ``SELECT count(*) ...`` / ``min/max`` without ``GROUP BY`` always returns exactly one.
Reading that row through :func:`one_row` says so once, keeps the type checker precise, and turns
the impossible empty result into a clear error instead of ``'NoneType' is not subscriptable``.

>>> import duckdb
>>> one_row(duckdb.connect().execute("SELECT count(*), max(x) FROM range(3) t(x)"))
(3, 2)
"""

from __future__ import annotations

from typing import Any

import duckdb


def one_row(result: duckdb.DuckDBPyConnection) -> tuple[Any, ...]:
    """The first row of an executed query that always returns one (an aggregate)."""
    row = result.fetchone()
    if row is None:
        raise RuntimeError("an aggregate query returned no row; this is a bug in OrderLens")
    return row
