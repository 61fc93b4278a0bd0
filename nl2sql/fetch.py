"""A checked query's first rows as Arrow, read on DuckDB's cheapest path for small results.

Why its own module: :func:`nl2sql.guard.run_guarded` decides *whether* a query may run and for
how long; this decides only *how* its rows are read, a choice made by cost and checked against
DuckDB's own Arrow export type by type.

Why not ``con.sql(sql).to_arrow_reader()`` for every query: in DuckDB 2.0 a relation parses
and binds its statement to learn its schema, and reading it as Arrow runs the statement again
(parse, bind, execute) — ~1.5 CPU-ms more per answer than ``con.execute(sql)`` and fetching
rows, on the bench's questions (``/tmp`` scripts at load ~6: 7.0 vs 5.4 CPU-ms per query).
Answers are small (capped at ``max_rows``), so building the Arrow table from the fetched Python
values costs little. ``execute`` streams: fetching ``limit`` rows and then aborting the rest
never materialises a huge result, as the reader did not either.

The Arrow types are the ones DuckDB's own export gives each column type, so ``to_pandas``
yields the same frame as before; a result with any other column type (time zones, intervals,
lists, structs, enums, UUIDs, blobs...) is read through the Arrow reader, as before, and that
SQL text is remembered so it goes there directly next time.
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from typing import Any

import duckdb
import pyarrow as pa

#: DuckDB column types whose Python values convert to exactly the Arrow type DuckDB exports.
_ARROW_TYPES: dict[str, pa.DataType] = {
    "BOOLEAN": pa.bool_(),
    "TINYINT": pa.int8(),
    "SMALLINT": pa.int16(),
    "INTEGER": pa.int32(),
    "BIGINT": pa.int64(),
    "UTINYINT": pa.uint8(),
    "USMALLINT": pa.uint16(),
    "UINTEGER": pa.uint32(),
    "UBIGINT": pa.uint64(),
    "FLOAT": pa.float32(),
    "DOUBLE": pa.float64(),
    "VARCHAR": pa.string(),
    "DATE": pa.date32(),
    "TIMESTAMP": pa.timestamp("us"),
    "HUGEINT": pa.decimal128(38, 0),  # SUM of integers; DuckDB exports it as this decimal
}
_DECIMAL = re.compile(r"DECIMAL\((\d+),\s*(\d+)\)")
#: SQL texts seen with a column type not in ``_ARROW_TYPES`` (read through the Arrow reader).
_OTHER_TYPES: OrderedDict[str, None] = OrderedDict()
_OTHER_TYPES_SIZE = 512
_lock = threading.Lock()


def arrow_type(duckdb_type: str) -> pa.DataType | None:
    """The Arrow type DuckDB exports a column of ``duckdb_type`` as, for the plain types.

    >>> arrow_type("DECIMAL(18,2)"), arrow_type("VARCHAR"), arrow_type("INTERVAL")
    (Decimal128Type(decimal128(18, 2)), DataType(string), None)
    """
    found = _ARROW_TYPES.get(duckdb_type)
    if found is not None:
        return found
    decimal = _DECIMAL.fullmatch(duckdb_type)
    return pa.decimal128(int(decimal[1]), int(decimal[2])) if decimal else None


def first_rows(con: duckdb.DuckDBPyConnection, sql: str, limit: int) -> pa.Table:
    """At most ``limit`` rows of ``sql`` (already checked) as an Arrow table.

    Interrupting ``con`` (the guard's watchdog) stops it with ``duckdb.InterruptException``
    as before; the connection is left with no unfinished result either way.
    """
    with _lock:
        other = sql in _OTHER_TYPES
    if not other:
        table = _fetched(con, sql, limit)
        if table is not None:
            return table
        with _lock:
            _OTHER_TYPES[sql] = None
            while len(_OTHER_TYPES) > _OTHER_TYPES_SIZE:
                _OTHER_TYPES.popitem(last=False)
    reader = con.sql(sql).to_arrow_reader(min(limit, 100_000))
    batches: list[pa.RecordBatch] = []
    rows = 0
    for batch in reader:
        batches.append(batch)
        rows += batch.num_rows
        if rows >= limit:
            break
    return pa.Table.from_batches(batches, schema=reader.schema).slice(0, limit)


def _fetched(con: duckdb.DuckDBPyConnection, sql: str, limit: int) -> pa.Table | None:
    """The rows through ``execute`` and ``fetchmany``; None when a column's type is not one
    whose Arrow type is known here (nothing read), or a value does not fit it (read again)."""
    con.execute(sql)
    try:
        description = con.description or []
        types = [arrow_type(str(column[1])) for column in description]
        if any(t is None for t in types):
            return None
        rows: list[tuple[Any, ...]] = con.fetchmany(limit)
    finally:
        con.abort()  # the rest of a long result is never computed; a read-only SELECT
    columns = list(zip(*rows, strict=True)) if rows else [()] * len(types)
    try:
        arrays = [pa.array(values, type=t) for values, t in zip(columns, types, strict=True)]
    except (pa.ArrowInvalid, pa.ArrowTypeError, OverflowError):  # e.g. a HUGEINT past 38 digits
        return None
    return pa.Table.from_arrays(arrays, names=[str(column[0]) for column in description])
