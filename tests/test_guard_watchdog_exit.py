"""The query watchdog leaves nothing behind that could abort the process at exit.

Why: the watchdog's daemon thread used to keep every query's connection until its deadline
(30 s) passed, so it was often the last owner of a connection the caller had dropped and
DuckDB closed that database on it; when that close (which releases the GIL) overlapped
interpreter finalization, the thread was ended inside DuckDB's C++ destructor and the process
aborted after pytest's summary ("FATAL: exception not rethrown", exit code 134).
"""

from __future__ import annotations

import sys
import threading

import duckdb

from nl2sql.guard import _Watchdog, run_guarded


def test_a_finished_query_leaves_its_connection_to_its_caller_alone() -> None:
    con = duckdb.connect()
    con.execute("CREATE TABLE t AS SELECT range AS i FROM range(10)")
    got = run_guarded(con, "SELECT SUM(i) AS s FROM t", {"t"}, timeout_s=30.0)
    assert got.df.iloc[0, 0] == 45
    # only this frame's name and getrefcount's argument: dropping ``con`` here closes the
    # database on this thread, never later on the watchdog's
    assert sys.getrefcount(con) == 2
    con.close()


def test_a_stopped_watchdog_has_no_thread_and_starts_none() -> None:
    watchdog = _Watchdog()
    con = duckdb.connect()
    watchdog.disarm(watchdog.arm(con, 30.0))
    thread = watchdog._thread
    assert thread is not None and thread.is_alive()
    watchdog.stop()
    assert not thread.is_alive()
    before = threading.active_count()
    watchdog.disarm(watchdog.arm(con, 30.0))  # e.g. a query run by another exit hook
    assert threading.active_count() == before
    assert sys.getrefcount(con) == 2
    con.close()


def test_the_watchdog_still_stops_a_query_past_its_time() -> None:
    watchdog = _Watchdog()
    con = duckdb.connect()
    con.execute("CREATE TABLE t AS SELECT range AS i FROM range(3000)")
    token = watchdog.arm(con, 0.2)
    try:
        try:
            con.execute("SELECT COUNT(*) FROM t a, t b, t c").fetchall()
            stopped = False
        except duckdb.InterruptException:
            stopped = True
    finally:
        watchdog.disarm(token)
        watchdog.stop()
    assert stopped
    assert sys.getrefcount(con) == 2
    con.close()
