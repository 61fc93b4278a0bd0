"""Every conversion macro binds to a small expression tree (session 28, suite28).

Why: DuckDB expands a macro inline, so a macro that reads its argument n times, applied to
another macro's result, copies that result n times. ``ol_era`` (5 reads) and ``ol_be`` (8 reads)
wrapped around ``ol_ts_text`` grew the date kinds' trees to ~1.6 M characters of plan: creating
the macros cost ~4.4 s of CPU per connection and binding one date kind 0.5-2.7 s, paid by every
ingest (a one-line bank statement took ~12 s of CPU; the bank and recon tests were half the
suite). Passing the argument through a one-element ``list_transform`` lambda binds it once.

The measure is the length of DuckDB's plan (JSON, every stage) for one column: deterministic,
unlike a timing, and about 30 times larger on the old macros than the bound below.
"""

from __future__ import annotations

import datetime as dt

import duckdb
import pytest

from connectors.sources._tabular import KINDS, install_macros

#: the largest plan (characters) any kind may bind to; the old date kinds were 240,000-1,630,000,
#: the rewritten ones are at most ~60,000
PLAN_BOUND = 150_000


@pytest.fixture(scope="module")
def con() -> duckdb.DuckDBPyConnection:
    c = duckdb.connect()
    install_macros(c)
    c.execute("SET explain_output = 'all'")
    c.execute("CREATE TABLE t (x VARCHAR)")
    return c


@pytest.mark.parametrize("macro", sorted(set(KINDS.values())))
def test_each_kind_binds_to_a_small_plan(con: duckdb.DuckDBPyConnection, macro: str) -> None:
    rows = con.execute(f"EXPLAIN (FORMAT JSON) SELECT {macro}(x) FROM t").fetchall()
    size = sum(len(str(v)) for row in rows for v in row)
    assert size < PLAN_BOUND, f"{macro} binds to a plan of {size:,} characters"


@pytest.mark.parametrize(
    ("macro", "text", "expected"),
    [
        ("ol_ts", "令和6年3月15日", dt.datetime(2024, 3, 15)),
        ("ol_ts", "R元.05.01", dt.datetime(2019, 5, 1)),
        ("ol_ts", "平成31-04-30 10:00", dt.datetime(2019, 4, 30, 10, 0)),
        ("ol_ts", "2569-03-15", dt.datetime(2026, 3, 15)),
        ("ol_ts_dmy", "15.03.2569", dt.datetime(2026, 3, 15)),
        ("ol_ts_yy_dmy_be", "15-03-69", dt.datetime(2026, 3, 15)),
        ("ol_ts_yy_dmy", "15-03-24", dt.datetime(2024, 3, 15)),
        ("ol_ts", "2026-02-10 08:00:00", dt.datetime(2026, 2, 10, 8, 0)),
        ("ol_ts", "R6.02.30", None),  # no 30 February in any era
    ],
)
def test_the_era_dates_keep_their_values(
    con: duckdb.DuckDBPyConnection, macro: str, text: str, expected: dt.datetime | None
) -> None:
    assert con.execute(f"SELECT {macro}(?)", [text]).fetchone() == (expected,)
