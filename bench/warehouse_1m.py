"""The 1,000,000-order warehouse every benchmark measures on, built once and reused.

Why one module: every ``bench/*.py`` script needs the same seeded warehouse
(``bench/out/bench-1m.duckdb``, seed 1, history ending 2026-11-20); building it takes about a
minute, so it is reused when complete, waited for while another benchmark builds it, and
otherwise built into a temporary file that is renamed only when finished (never half-written).
"""

from __future__ import annotations

import os
import time
from pathlib import Path

ORDERS = 1_000_000
SEED = 1
END_DATE = "2026-11-20"
BENCH_DB = Path(__file__).resolve().parent / "out" / "bench-1m.duckdb"


def orders_in(path: Path) -> int:
    """Orders in the warehouse at ``path`` (0 when it cannot be read, e.g. half-built)."""
    from connectors.warehouse import connect

    try:
        con = connect(path, read_only=True)
    except Exception:  # locked by its builder or not a warehouse: treat as absent
        return 0
    try:
        return int(con.execute("SELECT COUNT(*) FROM orders").fetchall()[0][0])
    except Exception:
        return 0
    finally:
        con.close()


def someone_is_building(path: Path) -> bool:
    """Whether another live process is writing ``path`` (its temp file names a running pid)."""
    for tmp in path.parent.glob(f"{path.stem}.tmp-*"):
        try:
            pid = int(tmp.name.split(".tmp-")[1].split(".")[0])
            os.kill(pid, 0)
            return True
        except (ValueError, IndexError, ProcessLookupError, PermissionError):
            continue
    return False


def ensure_bench_warehouse(path: Path = BENCH_DB, wait_s: float = 1800) -> Path:
    """Reuse the 1M-order warehouse; wait while another process builds it; else build it."""
    deadline = time.monotonic() + wait_s
    while not path.exists() and someone_is_building(path) and time.monotonic() < deadline:
        print(f"waiting for another process building {path} ...", flush=True)
        time.sleep(15)
    if path.exists():
        n = orders_in(path)
        if n == ORDERS:
            return path
        print(f"{path} holds {n} orders, not {ORDERS}: rebuilding", flush=True)
    from connectors.demo.generate import build_demo_warehouse

    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".tmp-{os.getpid()}.duckdb")
    started = time.perf_counter()
    build_demo_warehouse(tmp, orders=ORDERS, seed=SEED, end_date=END_DATE, progress=True)
    tmp.replace(path)
    print(f"built {path} in {time.perf_counter() - started:.0f} s", flush=True)
    return path
