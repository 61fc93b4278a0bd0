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
  parquet`` writes groups of 122,880 rows (DuckDB's default), far below it. Session 29: the
  footer's sizes are claims a reader never checks, so the size is also summed from every
  page's own header (:mod:`connectors.engines.parquet_pages`), and the larger one counts.
"""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from connectors.engines.parquet_pages import BadPages, chunk_bytes
from connectors.errors import WarehouseError
from connectors.query_limits import MEMORY_ENV, query_limits, size_bytes

if TYPE_CHECKING:
    import pyarrow as pa
    import pyarrow.dataset as ds

#: the share of the query memory limit one row group may take (pyarrow reads a few ahead)
ROW_GROUP_SHARE = 8
#: files whose row groups were checked, remembered by identity (:func:`_checked`)
_SEEN_FILES = 1024
_seen: OrderedDict[tuple[Any, ...], Any] = OrderedDict()  # -> the file's Arrow schema
_seen_lock = threading.Lock()


class ParquetTooLarge(WarehouseError):
    """A Parquet row group larger than the engine reads at once."""


def row_group_bound(env: Mapping[str, str] | None = None) -> int:
    """The largest row group (uncompressed bytes) a scan may read: the memory limit's share."""
    return size_bytes(str(query_limits(env)["memory_limit"])) // ROW_GROUP_SHARE


def check_row_groups(files: Iterable[str | Path], bound: int | None = None) -> None:
    """Raise :class:`ParquetTooLarge` for the first row group above ``bound`` bytes.

    Reads each file's footer and its pages' headers (a few KB); a file that is not Parquet fails
    here as pyarrow says, before anything is registered.
    """
    limit = row_group_bound() if bound is None else bound
    for file in files:
        _checked(str(file), limit)


def _checked(file: str, limit: int) -> pa.Schema:
    """The Arrow schema of ``file`` once its row groups are known to be within ``limit``.

    Why remembered by the file's identity (device, inode, size, modification time): the
    Parquet engine registers its tables for every query, and walking every page header of
    every file each time would cost more than the query. A file written again is walked again.
    """
    st = os.stat(file)
    key = (file, st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, limit)
    with _seen_lock:
        schema = _seen.get(key)
        if schema is not None:
            _seen.move_to_end(key)
            return schema
    schema = _walk(file, st.st_size, limit)
    with _seen_lock:
        _seen[key] = schema
        while len(_seen) > _SEEN_FILES:
            _seen.popitem(last=False)
    return schema


def _walk(file: str, size: int, limit: int) -> pa.Schema:
    """Read ``file``'s footer once, check each row group by its pages' own headers
    (:func:`row_group_bytes`), return its schema."""
    import pyarrow.parquet as pq

    with open(file, "rb") as handle:
        parquet = pq.ParquetFile(handle)
        meta = parquet.metadata
        for i in range(meta.num_row_groups):
            group = meta.row_group(i)
            try:
                real = row_group_bytes(group, handle, size)
            except BadPages as exc:
                raise ParquetTooLarge(
                    f"{Path(file).name}: row group {i} cannot be read as Parquet pages "
                    f"({exc}); write the file again (`orderlens export parquet`)"
                ) from None
            if real > limit:
                raise ParquetTooLarge(
                    f"{Path(file).name}: row group {i} takes {real:,} bytes to read, more "
                    f"than the {limit:,} a Parquet scan may read at once (an eighth of "
                    f"{MEMORY_ENV}). Write it with smaller row groups (`orderlens export "
                    f"parquet`, or ROW_GROUP_SIZE in DuckDB's COPY), or raise {MEMORY_ENV}."
                )
        return parquet.schema_arrow


def row_group_bytes(group: Any, handle: BinaryIO | None = None, size: int = 0) -> int:
    """What reading a row group takes at most, with text kept as dictionaries: its encoded,
    uncompressed bytes and 8 bytes a value of each column (the offsets or dictionary indices
    Arrow adds).

    From the footer (its ``total_byte_size`` and row count) when no ``handle`` is given; with
    the open file (``handle``, ``size`` bytes long), also from each page's own header
    (:func:`~connectors.engines.parquet_pages.chunk_bytes`), and the larger of the two: the
    footer's numbers are claims a reader never checks (session 29: a footer saying 1,000 bytes
    over a page of 1 GB).
    """
    claimed = int(group.total_byte_size) + 8 * int(group.num_rows) * int(group.num_columns)
    if handle is None:
        return claimed
    pages = 0
    for c in range(group.num_columns):
        col = group.column(c)
        start = col.data_page_offset
        if col.has_dictionary_page and 0 < col.dictionary_page_offset < start:
            start = col.dictionary_page_offset
        pages += chunk_bytes(handle, int(start), int(col.total_compressed_size), size)
    return max(claimed, pages)


def bounded_dataset(files: list[str], bound: int) -> ds.Dataset:
    """A pyarrow dataset over ``files`` whose row groups are within ``bound``
    (:func:`check_row_groups`) and whose text and binary columns are read as dictionaries.

    Each footer is read once here (with the check), and the dataset is made with the schema
    read then: until session 29 the check, the schema and the dataset each read every footer.
    """
    import pyarrow as pa
    import pyarrow.dataset as ds

    # every file is checked; the first one's schema is the dataset's (as pyarrow's discovery)
    schemas = [_checked(str(f), bound) for f in files]
    schema = schemas[0]
    texts = [
        field.name
        for field in schema
        if pa.types.is_string(field.type)
        or pa.types.is_large_string(field.type)
        or pa.types.is_binary(field.type)
        or pa.types.is_large_binary(field.type)
    ]
    schema = pa.schema(
        [f.with_type(pa.dictionary(pa.int32(), f.type)) if f.name in texts else f for f in schema],
        metadata=schema.metadata,
    )
    options = ds.ParquetReadOptions(dictionary_columns=texts)
    return ds.dataset(files, schema=schema, format=ds.ParquetFileFormat(read_options=options))
