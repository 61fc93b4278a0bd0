"""Benchmark: every health check over a 1,000,000-order warehouse, against a plain scan.

The floor of a check is a plain scan of the columns it reads in the tables it reads (one
``SELECT BIT_XOR(HASH(col, ...))`` per table, built with sqlglot from the check's parsed SQL);
the ratio check/floor says how much work beyond reading the data the check does. Target: all
checks together under 30 s.

Run: ``.venv/bin/python bench/bench_health.py [--db FILE] [--repeat N]``. Reuses
``bench/out/bench-1m.duckdb`` when it holds 1,000,000 orders, else builds it (seed 1, end
2026-11-20) — several minutes on two cores.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from sqlglot import exp

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from warehouse_1m import BENCH_DB, ensure_bench_warehouse

from connectors.schema import TABLES
from connectors.warehouse import connect
from lab.health import CHECKS, default_as_of, run_check

BUDGET_S = 30.0


def floor_queries(check_name: str) -> list[str]:
    """One plain scan per table the check reads, over the columns it references."""
    check = CHECKS[check_name]
    used = {c.name for c in check.expression.find_all(exp.Column)}
    queries = []
    for table in check.reads:
        cols = [c for c in TABLES[table].column_names if c in used] or [
            TABLES[table].column_names[0]
        ]
        # BIT_XOR(HASH(...)) really reads every value (COUNT(col) can be answered from stats)
        digest = exp.func("BIT_XOR", exp.func("HASH", *[exp.column(c) for c in cols]))
        select = exp.select(digest).from_(table)
        queries.append(select.sql(dialect="duckdb"))
    return queries


def best_of(repeat: int, fn) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return min(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", type=Path, default=None, help="warehouse to use (default: 1M demo)")
    parser.add_argument("--repeat", type=int, default=2, help="runs per measurement (best kept)")
    args = parser.parse_args(argv)
    db = args.db or ensure_bench_warehouse(BENCH_DB)
    con = connect(db, read_only=True)
    orders = con.execute("SELECT COUNT(*) FROM orders").fetchall()[0][0]
    snaps = con.execute("SELECT COUNT(*) FROM status_snapshots").fetchall()[0][0]
    as_of = default_as_of(con)
    print(f"warehouse {db}: {orders:,} orders, {snaps:,} status snapshots, as of {as_of}")
    print(f"{'check':<34}{'findings':>10}{'check s':>10}{'floor s':>10}{'ratio':>8}")
    total = floor_total = 0.0
    for name in CHECKS:
        found = len(run_check(con, name, as_of=as_of))  # warm-up, and the finding count
        seconds = best_of(args.repeat, lambda n=name: run_check(con, n, as_of=as_of))
        floors = floor_queries(name)
        floor = best_of(args.repeat, lambda q=floors: [con.execute(s).fetchall() for s in q])
        total += seconds
        floor_total += floor
        print(f"{name:<34}{found:>10,}{seconds:>10.2f}{floor:>10.3f}{seconds / floor:>8.1f}x")
    started = time.perf_counter()
    from lab.health import run_checks

    findings = run_checks(con, as_of=as_of)
    end_to_end = time.perf_counter() - started
    con.close()
    verdict = "OK" if end_to_end < BUDGET_S else "OVER BUDGET"
    print(
        f"all checks: {total:.2f} s (floor {floor_total:.3f} s, ratio {total / floor_total:.1f}x); "
        f"run_checks end to end {end_to_end:.2f} s for {len(findings):,} findings "
        f"[{verdict}: budget {BUDGET_S:.0f} s]"
    )
    return 0 if end_to_end < BUDGET_S else 1


if __name__ == "__main__":
    sys.exit(main())
