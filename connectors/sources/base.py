"""What every reader receives and returns, so ``connectors.ingest`` can drive any format.

A reader is a function ``load(con, path, ctx) -> LoadResult`` that runs *inside* the ingest
transaction: it stages the file into temp tables, writes new rows into canonical tables
(anti-joined on natural keys, so overlapping exports never duplicate) and leaves the rows it
refused in the temp table ``result.rejects`` (line, reason, raw). It never commits.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

import duckdb

from connectors.rows import one_row


@dataclass
class LoadContext:
    """Per-file settings: a unique temp-table prefix, a scratch dir, the optional mapping."""

    prefix: str
    tmp_dir: Path
    mapping: Any = None
    progress: bool = False
    options: dict[str, Any] = field(default_factory=dict)


@dataclass
class LoadResult:
    """What one file did to the warehouse."""

    target_table: str
    rows_read: int = 0
    rows_loaded: int = 0
    rows_updated: int = 0
    rows_duplicate: int = 0
    rejects: str | None = None  # temp table (line, reason, raw)
    extra: dict[str, int] = field(default_factory=dict)  # other tables written -> rows
    overlaps: dict[str, int] = field(default_factory=dict)  # earlier file -> its lines seen again
    #: Lines recognised as not transactions and left out, by kind (totals rows, a header the
    #: export repeats after a page break, a line a page break repeats): counted, never silent.
    skipped: dict[str, int] = field(default_factory=dict)
    #: What a person should know although the file loaded (a statement missing between two).
    notes: list[str] = field(default_factory=list)


Reader = Callable[[duckdb.DuckDBPyConnection, Path, LoadContext], LoadResult]


@runtime_checkable
class SourceReader(Protocol):
    """What a file format module provides (``connectors.sources.FORMATS`` lists them).

    Why a Protocol: ``connectors.ingest`` drives every format the same way, and a new reader
    is checked against this contract (``tests/test_source_readers.py``) instead of being found
    out by a ``getattr`` at ingest time. A module satisfies it structurally (PEP 544).
    """

    def load(self, con: duckdb.DuckDBPyConnection, path: Path, ctx: LoadContext) -> LoadResult:
        """Stage one file and insert its new rows, inside the caller's transaction."""
        ...


@runtime_checkable
class DatabaseSourceReader(Protocol):
    """A source read from a database: PATH is a connection string, not a file.

    It fingerprints what it streams (the ingest log's idempotence key) and redacts secrets
    from the connection string before it is shown or logged.
    """

    def load(self, con: duckdb.DuckDBPyConnection, path: str, ctx: LoadContext) -> LoadResult:
        """Stream the source's rows and insert the new ones, inside the caller's transaction."""
        ...

    def source_fingerprint(
        self, con: duckdb.DuckDBPyConnection, source: str, ctx: LoadContext
    ) -> str:
        """A content hash of what ``load`` will read."""
        ...

    def redact(self, source: str) -> str:
        """The connection string without its password."""
        ...


def insert_new(
    con: duckdb.DuckDBPyConnection,
    table: str,
    select_sql: str,
    keys: tuple[str, ...],
    *,
    unique: bool = False,
    new: bool = False,
) -> int:
    """Insert the rows of ``select_sql`` whose natural key is not in ``table`` yet; count them.

    Rows repeating a key inside the batch keep their first occurrence (PK-safe); pass
    ``unique=True`` when the caller guarantees unique keys (skips that costly step), and
    ``new=True`` when it guarantees none of them exists yet (fresh global ids): no anti-join.

    ``select_sql`` and names are static reader text (canonical names from ``schema.py``).
    """
    on = " AND ".join(f"t.{k} IS NOT DISTINCT FROM s.{k}" for k in keys)
    where = "" if new else f"WHERE NOT EXISTS (SELECT 1 FROM {table} t WHERE {on})"
    with unordered_appends(con):
        row = con.execute(
            f"""INSERT INTO {table} BY NAME
            SELECT {"" if unique else f"DISTINCT ON ({', '.join('s.' + k for k in keys)})"} s.*
            FROM ({select_sql}) s {where}"""
        ).fetchone()
    return int(row[0]) if row else 0


@contextmanager
def unordered_appends(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """Let one statement append rows in any order (this session only), then restore the setting.

    Why: with ``preserve_insertion_order`` on (DuckDB's default, and what the staging steps
    rely on to number lines), an INSERT into a keyed table runs as one ordered "batch insert"
    on a single thread; off, every thread appends and updates the key index. A table's rows
    have no order in SQL (readers ORDER BY), so nothing is lost; on 2 cores the 2M-row orders
    insert of ``bench/bench_ingest.py`` drops from about 3.3 s to 2.0 s.
    """
    on = one_row(con.execute("SELECT current_setting('preserve_insertion_order')"))[0]
    if not on:
        yield
        return
    con.execute("SET SESSION preserve_insertion_order = false")
    try:
        yield
    finally:
        con.execute("SET SESSION preserve_insertion_order = true")
