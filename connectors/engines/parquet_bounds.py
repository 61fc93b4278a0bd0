"""How much of a Parquet file pyarrow may hold at once: text kept dictionary-encoded, row
groups bounded before a scan.

Why (session 28): the Parquet engine registers pyarrow datasets with DuckDB
(:func:`connectors.engines.duckdb_engine.parquet_views`) so that the connection opens no file.
pyarrow then reads the files into its own memory pool, which DuckDB's ``memory_limit`` does not
count: it decodes a whole row group (the columns a query reads) at a time. A 298 KB file of one
row group holding 100,000 copies of a 10 KB text (dictionary-encoded, zstd) took a query under a
512MB limit to 1,771 MB of memory (35 s): pyarrow wrote the text out 100,000 times. Two bounds:

- text and binary columns are read as Arrow dictionaries (:func:`bounded_dataset`): memory
  follows the file's encoded size, not the text repeated (the same query: 204 MB, 2 s);
- each file's row groups are checked from its footer before it is registered: one whose
  encoded size plus its values' offsets (:func:`row_group_bytes`) passes an eighth of the query
  memory limit (:mod:`connectors.query_limits`, ``ORDERLENS_QUERY_MEMORY_LIMIT``, default 2GB:
  250 MB) is an error naming the file, the group, both sizes and the fix. ``orderlens export
  parquet`` writes groups of 122,880 rows (DuckDB's default), far below it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from connectors.errors import WarehouseError
from connectors.query_limits import MEMORY_ENV, query_limits, size_bytes

if TYPE_CHECKING:
    import pyarrow.dataset as ds

#: the share of the query memory limit one row group may take (pyarrow reads a few ahead)
ROW_GROUP_SHARE = 8


class ParquetTooLarge(WarehouseError):
    """A Parquet row group larger than the engine reads at once."""


def row_group_bound(env: Mapping[str, str] | None = None) -> int:
    """The largest row group (uncompressed bytes) a scan may read: the memory limit's share."""
    return size_bytes(str(query_limits(env)["memory_limit"])) // ROW_GROUP_SHARE


def check_row_groups(files: Iterable[str | Path], bound: int | None = None) -> None:
    """Raise :class:`ParquetTooLarge` for the first row group above ``bound`` bytes.

    Reads each file's footer only (a few KB); a file that is not Parquet fails here as pyarrow
    says, before anything is registered.
    """
    import pyarrow.parquet as pq

    limit = row_group_bound() if bound is None else bound
    for file in files:
        meta = pq.ParquetFile(file).metadata
        for i in range(meta.num_row_groups):
            size = row_group_bytes(meta.row_group(i))
            if size > limit:
                raise ParquetTooLarge(
                    f"{Path(file).name}: row group {i} takes {size:,} bytes to read, more "
                    f"than the {limit:,} a Parquet scan may read at once (an eighth of "
                    f"{MEMORY_ENV}). Write it with smaller row groups (`orderlens export "
                    f"parquet`, or ROW_GROUP_SIZE in DuckDB's COPY), or raise {MEMORY_ENV}."
                )


def row_group_bytes(group: Any) -> int:
    """What reading a row group takes at most, with text kept as dictionaries: its encoded,
    uncompressed bytes (the footer's ``total_byte_size``) and 8 bytes a value of each column
    (the offsets or dictionary indices Arrow adds)."""
    return int(group.total_byte_size) + 8 * int(group.num_rows) * int(group.num_columns)


def bounded_dataset(files: list[str], bound: int) -> ds.Dataset:
    """A pyarrow dataset over ``files`` whose row groups are within ``bound``
    (:func:`check_row_groups`) and whose text and binary columns are read as dictionaries."""
    import pyarrow as pa
    import pyarrow.dataset as ds

    check_row_groups(files, bound)
    schema = ds.dataset(files, format="parquet").schema
    texts = [
        field.name
        for field in schema
        if pa.types.is_string(field.type)
        or pa.types.is_large_string(field.type)
        or pa.types.is_binary(field.type)
        or pa.types.is_large_binary(field.type)
    ]
    options = ds.ParquetReadOptions(dictionary_columns=texts)
    return ds.dataset(files, format=ds.ParquetFileFormat(read_options=options))
