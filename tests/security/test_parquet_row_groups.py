"""Parquet reads are bounded: text stays dictionary-encoded, and a row group larger than the
scan may hold is refused unread.

Session 28: the Parquet engine's tables are pyarrow datasets; pyarrow decodes a whole row group
into its own memory, which DuckDB's ``memory_limit`` does not count. Measured on main
``4026d35a``: a 298 KB file of one row group holding 100,000 copies of a 10 KB text, ``SELECT
count(*) … WHERE s LIKE '%z%'`` under ``ORDERLENS_QUERY_MEMORY_LIMIT=512MB``: 1,771 MB peak,
35 s; read as a dictionary: 204 MB, 2 s. The files here are a few hundred KB.
"""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from connectors.engines.duckdb_engine import run_duckdb
from connectors.engines.parquet_bounds import ParquetTooLarge, bounded_dataset, row_group_bound

ROWS = 4_000
TEXT = "x" * 1_000  # 4,000 distinct texts of 1 KB: 4 MB encoded, a few KB with zstd


def _write(folder: Path, row_group_size: int) -> Path:
    folder.mkdir()
    table = pa.table({"id": list(range(ROWS)), "s": [f"{i:06d}{TEXT}" for i in range(ROWS)]})
    pq.write_table(table, folder / "t.parquet", row_group_size=row_group_size, compression="zstd")
    return folder


def test_a_row_group_above_the_bound_is_refused_naming_the_fix(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ORDERLENS_QUERY_MEMORY_LIMIT", "16MB")  # bound: 2 MB a row group
    folder = _write(tmp_path / "one", row_group_size=ROWS)
    with pytest.raises(ParquetTooLarge) as err:
        run_duckdb("SELECT count(*) AS n FROM t", parquet_dir=folder)
    text = str(err.value)
    assert text.startswith("t.parquet: row group 0 takes ")
    assert "more than the 2,000,000 a Parquet scan may read at once" in text
    assert "ORDERLENS_QUERY_MEMORY_LIMIT" in text and "smaller row groups" in text
    assert str(tmp_path) not in text  # the file's name, not the server's folders


def test_the_same_rows_in_small_row_groups_are_answered(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ORDERLENS_QUERY_MEMORY_LIMIT", "16MB")
    folder = _write(tmp_path / "many", row_group_size=500)  # ~0.5 MB a group
    got = run_duckdb("SELECT count(*) AS n, sum(length(s)) AS chars FROM t", parquet_dir=folder)
    assert got.to_dict("records") == [{"n": ROWS, "chars": ROWS * (len(TEXT) + 6)}]


def test_repeated_text_is_read_as_a_dictionary_and_answered_alike(tmp_path: Path) -> None:
    """The memory bomb's shape, small: one row group of one text repeated. Read as a
    dictionary, the answer is the same values (DuckDB reads the dictionary as text)."""
    folder = tmp_path / "rep"
    folder.mkdir()
    table = pa.table({"id": list(range(ROWS)), "s": pa.array(["ab" * 500] * ROWS)})
    pq.write_table(table, folder / "t.parquet", row_group_size=ROWS, compression="zstd")
    dataset = bounded_dataset([str(folder / "t.parquet")], row_group_bound())
    assert pa.types.is_dictionary(dataset.schema.field("s").type)
    got = run_duckdb(
        "SELECT typeof(s) AS t, count(*) AS n, min(s) = max(s) AS one FROM t GROUP BY 1",
        parquet_dir=folder,
    )
    assert got.to_dict("records") == [{"t": "VARCHAR", "n": ROWS, "one": True}]


def test_the_bound_is_an_eighth_of_the_query_memory_limit() -> None:
    assert row_group_bound({}) == 250_000_000  # default 2GB (DuckDB's GB: 10^9 bytes)
    assert row_group_bound({"ORDERLENS_QUERY_MEMORY_LIMIT": "512MiB"}) == 64 * 2**20
