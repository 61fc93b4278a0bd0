"""Benchmark: build the 1,000,000-order demo warehouse and compare with DuckDB's write floor.

Prints seconds and rows/s per build step (and the tables it writes), total time, peak memory
(max RSS of this process, DuckDB included), and the floor: the time DuckDB needs to write the
same row counts into the same tables (same DDL, primary keys included) from rows generated
in-engine with ``range()``. The ratio build / floor says how much the generator itself costs.
Three floors: keys added after the load (what the build does, the fair one), keys checked
inline on every insert, and no keys at all (what the keys cost).

Usage: ``.venv/bin/python bench/bench_generate.py [--orders N] [--out PATH]``. The warehouse is
left at ``bench/out/bench-1m.duckdb`` (seed 1, end 2026-11-20) for the other benchmarks.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from connectors.demo import generate  # noqa: E402
from connectors.schema import SOURCE_TABLES, TABLES, create_table_sql  # noqa: E402
from connectors.warehouse import add_primary_keys  # noqa: E402

STEP_TABLES = {
    "skus, freight index, customs calendar": ["skus", "freight_index", "customs_calendar"],
    "orders drawn": [],
    "shipments, returns": [],
    "customers, orders": ["customers", "orders"],
    "order_lines": ["order_lines"],
    "shipments": ["shipments"],
    "tracking_events": ["tracking_events"],
    "returns": ["returns"],
    "payment_bills": ["payment_bills"],
    "status_snapshots": ["status_snapshots"],
    "order_id_map": ["order_id_map"],
    "bank_transactions, bank_truth": ["bank_transactions", "bank_truth"],
    "service_interactions": ["service_interactions"],
    "warehouse_stock": ["warehouse_stock"],
    "anomaly_labels": ["anomaly_labels"],
    "primary keys": [],
}


def _value_sql(col_type: str, name: str) -> str:
    """A distinct, realistic-width value of ``col_type`` for row ``i`` of ``range()``."""
    t = col_type.upper()
    if t.startswith("VARCHAR"):
        return f"'{name[:2].upper()}' || lpad(i::VARCHAR, 11, '0')"
    if t.startswith("DECIMAL"):
        return f"((i % 100) / 1000)::{col_type}"
    if t == "TIMESTAMP":
        return "TIMESTAMP '2025-01-01' + to_seconds(i % 60000000)"
    if t == "DATE":
        return "DATE '2025-01-01' + (i % 700)::INTEGER"
    if t == "BOOLEAN":
        return "i % 2 = 0"
    if t == "DOUBLE":
        return "i / 7.0"
    return f"(i % 1000)::{col_type}"


def write_floor(counts: dict[str, int], workdir: Path, *, keys: str = "after") -> float:
    """Seconds DuckDB takes to write ``counts`` rows into the same tables from ``range()``.

    ``keys``: ``"after"`` loads without keys then adds the ``schema.py`` keys (as the build
    does), ``"inline"`` declares them up front, ``"none"`` never adds them.
    """
    con = duckdb.connect(str(workdir / f"floor-{keys}.duckdb"))
    con.execute("SET memory_limit = '2500MB'")
    con.execute("SET preserve_insertion_order = false")
    con.execute("SET enable_progress_bar = false")
    start = time.perf_counter()
    for name, rows in counts.items():
        table = TABLES[name] if keys == "inline" else replace(TABLES[name], primary_key=())
        con.execute(create_table_sql(table))
        values = ", ".join(_value_sql(c.type, c.name) for c in table.columns)
        con.execute(f"INSERT INTO {name} SELECT {values} FROM range({rows}) t(i)")
    if keys == "after":
        add_primary_keys(con, list(counts))
    con.execute("CHECKPOINT")
    seconds = time.perf_counter() - start
    con.close()
    (workdir / f"floor-{keys}.duckdb").unlink()
    return seconds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--orders", type=int, default=1_000_000)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out" / "bench-1m.duckdb")
    args = parser.parse_args(argv)

    print(f"load average (1 min) at the start: {os.getloadavg()[0]:.2f}")
    start = time.perf_counter()
    counts = generate.build_demo_warehouse(
        args.out, orders=args.orders, seed=1, end_date="2026-11-20", progress=True
    )
    total = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\nbuild {args.orders:,} orders → {args.out}")
    print(f"{'step':<40} {'seconds':>8} {'rows':>12} {'rows/s':>12}")
    for step, seconds in generate.LAST_BUILD_SECONDS.items():
        rows = sum(counts[t] for t in STEP_TABLES.get(step, []))
        rate = f"{rows / seconds:,.0f}" if rows and seconds > 0 else "-"
        print(f"{step:<40} {seconds:>8.2f} {rows:>12,} {rate:>12}")
    all_rows = sum(counts[t] for t in SOURCE_TABLES)
    print(f"{'total':<40} {total:>8.2f} {all_rows:>12,} {all_rows / total:>12,.0f}")
    print(f"peak memory (max RSS): {peak_mb:,.0f} MB")
    with tempfile.TemporaryDirectory() as tmp:
        floor = write_floor(counts, Path(tmp), keys="after")
        inline = write_floor(counts, Path(tmp), keys="inline")
        bare = write_floor(counts, Path(tmp), keys="none")
    print(f"load average (1 min) at the end: {os.getloadavg()[0]:.2f}")
    print(
        f"floor: DuckDB writes the same {all_rows:,} rows from range() in {floor:.2f} s "
        "(same DDL, primary keys added after the load, as the build does)"
    )
    print(f"ratio build/floor: {total / floor:.2f}x")
    print(
        f"floor with primary keys checked on insert: {inline:.2f} s (build/that: "
        f"{total / inline:.2f}x)"
    )
    print(f"floor without primary keys: {bare:.2f} s (keys cost {floor / bare:.2f}x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
