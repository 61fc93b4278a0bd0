"""``nl2sql.fetch.first_rows``: the cheap read path gives exactly what DuckDB's Arrow export gives.

Why these checks: the fast path builds the Arrow table itself from fetched Python values, so a
type mapped wrongly would silently change an answer's frame (int32 read as int64, a decimal's
scale, a date read as a timestamp). Each case compares with ``to_arrow_table()`` of the same SQL.
"""

from __future__ import annotations

import duckdb
import pytest

from nl2sql import fetch
from nl2sql.fetch import first_rows

PLAIN = """
SELECT * FROM (VALUES
    (7::HUGEINT, 1::TINYINT, 2::SMALLINT, 3::INTEGER, 4::BIGINT, 5::UBIGINT, 1.5::FLOAT, 2.25::DOUBLE,
     12.34::DECIMAL(18,2), 5::DECIMAL(38,4), 'tmall', DATE '2026-03-01',
     TIMESTAMP '2026-03-01 10:20:30.123456', true),
    (NULL, NULL, NULL, NULL, NULL, NULL, NULL, 'NaN'::DOUBLE, NULL, NULL, NULL, NULL, NULL, NULL),
    (-12345678901234567890123, -1, -2, -3, -4, 0, -0.5, -1e300, -0.01, 123456789.1234, '京东', DATE '1970-01-01',
     TIMESTAMP '1999-12-31 23:59:59', false)
) AS t(hu, a, b, c, d, e, f, g, h, i, j, k, l, m)
ORDER BY c NULLS LAST
"""


@pytest.fixture()
def con():
    con = duckdb.connect()
    yield con
    con.close()


def test_plain_types_read_as_duckdbs_own_arrow_export(con) -> None:
    expected = con.sql(PLAIN).to_arrow_table()
    got = first_rows(con, PLAIN, 100)
    assert got.schema == expected.schema
    assert repr(got.to_pylist()) == repr(expected.to_pylist())  # NaN != NaN: compare as text
    assert got.to_pandas().equals(expected.to_pandas())  # the answer's frame, dtypes included


def test_an_empty_result_keeps_its_column_types(con) -> None:
    sql = "SELECT 1::INTEGER AS n, 'x' AS s, 1.5::DECIMAL(9,3) AS d WHERE false"
    got = first_rows(con, sql, 10)
    assert got.num_rows == 0 and got.schema == con.sql(sql).to_arrow_table().schema


def test_only_the_rows_asked_for_are_read_and_the_connection_is_free_after(con) -> None:
    got = first_rows(con, "SELECT range AS n FROM range(100000000) ORDER BY n", 3)
    assert got.column("n").to_pylist() == [0, 1, 2]
    # no unfinished result is left behind: the next statement runs
    assert con.execute("SELECT 42").fetchall() == [(42,)]


def test_other_column_types_go_through_the_arrow_reader_and_are_remembered(con) -> None:
    sql = (
        "SELECT INTERVAL 3 DAY AS gap, [1, 2] AS xs, TIMESTAMPTZ '2026-01-01 10:00:00+00' AS at, "
        "range AS n FROM range(5)"
    )
    expected = con.sql(sql).to_arrow_table().slice(0, 4)
    got = first_rows(con, sql, 4)
    assert got.equals(expected)
    assert sql in fetch._OTHER_TYPES
    assert first_rows(con, sql, 4).equals(expected)  # straight to the reader the next time


def test_a_value_past_the_arrow_type_is_read_as_duckdb_exports_it(con) -> None:
    sql = "SELECT (-170141183460469231731687303715884105727)::HUGEINT AS big"  # 39 digits
    assert first_rows(con, sql, 5).to_pylist() == con.sql(sql).to_arrow_table().to_pylist()


def test_an_error_leaves_the_connection_usable(con) -> None:
    with pytest.raises(duckdb.Error):
        first_rows(con, "SELECT 1 / 0::INTEGER, error('no')", 10)
    assert con.execute("SELECT 1").fetchall() == [(1,)]
