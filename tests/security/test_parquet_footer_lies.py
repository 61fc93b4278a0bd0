"""Red team, session 29: a Parquet footer that under-states its sizes.

Session 28 refused a row group whose footer said it took more than an eighth of the query
memory limit. The footer is only a claim: a reader allocates each page from the page's own
header. Measured on main e1d1d8ff: a 94 KB file, one row group holding one zstd page of 20,000
copies of a 50 KB text, its footer's ``total_byte_size`` and the column's uncompressed size
patched to 1,000 (same-length varints, so the file stays valid): the check passed and
``SELECT count(*) … WHERE s LIKE '%z%'`` under ``ORDERLENS_QUERY_MEMORY_LIMIT=512MB`` took the
process to 1,157 MB (pyarrow decompressed the 1 GB page; DuckDB's limit never saw it). Now each
page header is read (:mod:`connectors.engines.parquet_pages`): the same file is refused from its
pages, 160 MB peak, 0.3 s. The files here are a few KB to a few hundred KB.
"""

from __future__ import annotations

import struct
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from connectors.engines import parquet_bounds
from connectors.engines.duckdb_engine import run_duckdb
from connectors.engines.parquet_bounds import ParquetTooLarge, bounded_dataset, row_group_bytes
from connectors.engines.parquet_pages import BadPages, chunk_bytes, page_header


def _varint(n: int) -> bytes:
    out = bytearray()
    while True:
        low, n = n & 0x7F, n >> 7
        out.append(low | (0x80 if n else 0))
        if not n:
            return bytes(out)


def _padded(n: int, length: int) -> bytes:
    """``n`` as a zigzag varint of exactly ``length`` bytes (redundant continuation bytes: a
    Thrift reader accepts them, and the footer keeps its length)."""
    raw = bytearray(_varint(n << 1))
    while len(raw) < length:
        raw[-1] |= 0x80
        raw.append(0)
    return bytes(raw)


def _lying_file(path: Path, rows: int, text: int, claim: int = 1_000) -> int:
    """One row group, one page of ``rows`` copies of a ``text``-byte string (zstd), whose
    footer says the group and its column take ``claim`` bytes. Returns the honest size."""
    table = pa.table({"s": pa.array(["x" * text] * rows)})
    pq.write_table(table, path, row_group_size=rows, compression="zstd", use_dictionary=False,
                   data_page_size=2**31 - 1, write_statistics=False)  # fmt: skip
    group = pq.ParquetFile(path).metadata.row_group(0)
    data = bytearray(path.read_bytes())
    start = len(data) - 8 - struct.unpack("<I", data[-8:-4])[0]
    footer = bytes(data[start:-8])
    for value in {group.total_byte_size, group.column(0).total_uncompressed_size}:
        encoded = _varint(value << 1)
        assert encoded in footer
        footer = footer.replace(encoded, _padded(claim, len(encoded)))
    data[start:-8] = footer
    path.write_bytes(bytes(data))
    assert pq.ParquetFile(path).metadata.row_group(0).total_byte_size == claim  # it still reads
    return int(group.total_byte_size)


def test_a_footer_under_stating_its_row_group_is_refused_from_the_pages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ORDERLENS_QUERY_MEMORY_LIMIT", "16MB")  # bound: 2 MB a row group
    folder = tmp_path / "lies"
    folder.mkdir()
    honest = _lying_file(folder / "t.parquet", rows=2_000, text=2_000)  # 4 MB in one page
    assert honest > 2_000_000 and (folder / "t.parquet").stat().st_size < 50_000
    with pytest.raises(ParquetTooLarge) as err:
        run_duckdb("SELECT count(*) AS n FROM t WHERE s LIKE '%z%'", parquet_dir=folder)
    assert str(err.value).startswith("t.parquet: row group 0 takes 4,0")  # the pages' size


def _shapes(folder: Path) -> list[Path]:
    """Honest files of the shapes writers make: DuckDB's COPY (what `orderlens export parquet`
    runs), pyarrow with each compression, data page v2, plain and dictionary pages, many pages
    a chunk, nulls, nested lists, long statistics, a page index."""
    folder.mkdir()
    rows = 3_000
    table = pa.table({
        "id": pa.array(range(rows), pa.int64()),
        "s": pa.array([None if i % 7 == 0 else f"value-{i % 50}" * 3 for i in range(rows)]),
        "long": pa.array([f"{i:05d}" + "y" * 3_000 for i in range(rows)]),  # long page stats
        "tags": pa.array([[f"t{i % 3}", "u"] for i in range(rows)]),
        "x": pa.array([i * 0.5 for i in range(rows)]),
    })  # fmt: skip
    written = []
    for name, options in {
        "zstd": {"compression": "zstd"},
        "snappy": {"compression": "snappy", "data_page_version": "2.0"},
        "gzip_plain": {"compression": "gzip", "use_dictionary": False},
        "none_small_pages": {"compression": "none", "data_page_size": 4_096},
        "index": {"write_page_index": True, "row_group_size": 1_000},
    }.items():
        pq.write_table(table, folder / f"{name}.parquet", **options)
        written.append(folder / f"{name}.parquet")
    con = duckdb.connect()
    con.execute(f"COPY (SELECT i AS id, 'v' || (i % 9) AS s, i / 3.0 AS x, [i, i + 1] AS l "
                f"FROM range(200000) t(i)) TO '{folder / 'duck.parquet'}' "
                "(FORMAT parquet, COMPRESSION zstd)")  # fmt: skip
    con.close()
    return [*written, folder / "duck.parquet"]


def test_honest_files_of_every_shape_walk_to_about_their_footers_size(tmp_path: Path) -> None:
    """The walk reads every page (a walk that stopped early would come out far below the
    footer's claim) and refuses none of the shapes writers make."""
    for path in _shapes(tmp_path / "shapes"):
        meta = pq.ParquetFile(path).metadata
        with path.open("rb") as handle:
            for i in range(meta.num_row_groups):
                group = meta.row_group(i)
                claimed = row_group_bytes(group)
                pages = sum(
                    chunk_bytes(handle, _chunk_start(group.column(c)),
                                group.column(c).total_compressed_size, path.stat().st_size)
                    for c in range(group.num_columns)
                )  # fmt: skip
                assert 0.5 * claimed <= pages <= 2 * claimed, (path.name, i, claimed, pages)
        got = run_duckdb(f"SELECT count(*) AS n FROM {path.stem}", parquet_dir=path.parent)
        assert got["n"].iloc[0] == meta.num_rows


def _chunk_start(col: object) -> int:
    start = col.data_page_offset  # type: ignore[attr-defined]
    if col.has_dictionary_page and 0 < col.dictionary_page_offset < start:  # type: ignore[attr-defined]
        start = col.dictionary_page_offset  # type: ignore[attr-defined]
    return int(start)


def test_page_headers_that_lie_or_loop_are_refused() -> None:
    # type 0, uncompressed 100, compressed -1 (zigzag 1): a walk would step backwards
    with pytest.raises(BadPages):
        page_header(bytes([0x15, 0x00, 0x15, 0xC8, 0x01, 0x15, 0x01, 0x00]))
    with pytest.raises(BadPages):  # a field of an unknown type
        page_header(bytes([0x1D, 0x00]))
    with pytest.raises(IndexError):  # cut inside the header: the caller reads more
        page_header(bytes([0x15, 0x00, 0x15]))


def test_each_footer_is_read_once_and_remembered_until_the_file_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    walks: list[str] = []
    real = parquet_bounds._walk
    monkeypatch.setattr(
        parquet_bounds, "_walk", lambda file, *a: walks.append(file) or real(file, *a)
    )
    path = tmp_path / "t.parquet"
    pq.write_table(pa.table({"id": [1, 2], "s": ["a", "b"]}), path)
    for _ in range(3):
        dataset = bounded_dataset([str(path)], 10**9)
        assert pa.types.is_dictionary(dataset.schema.field("s").type)
        assert dataset.to_table().column("s").to_pylist() == ["a", "b"]
    assert walks == [str(path)]
    pq.write_table(pa.table({"id": [1, 2, 3], "s": ["a", "b", "c"]}), path)  # written again
    assert bounded_dataset([str(path)], 10**9).to_table().num_rows == 3
    assert walks == [str(path), str(path)]
