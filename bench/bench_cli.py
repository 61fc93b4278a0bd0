"""Cold start of ``orderlens ask`` on the demo warehouse, against ``import duckdb``.

Why a ratio: the machine's load changes absolute seconds several-fold from run to run (CI, a
shared box); Python starting and importing DuckDB is the floor any ``orderlens ask`` pays, so
both are timed in the same run, interleaved, and the ratio is what we compare between runs.
Each run is a fresh process (nothing cached in memory; the OS file cache is warm, as it is for a
user running the command twice). Prints ``cli-cold: ask_s=… duckdb_s=… ratio=…`` (medians).

Usage: ``python bench/bench_cli.py [WAREHOUSE] [--runs N]`` (default: the demo warehouse at
``$ORDERLENS_DB`` or ``.orderlens/demo.duckdb``, built with ``orderlens demo`` when missing).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

#: one question per shape the command line is used for (English and Chinese, grouped and total)
QUESTIONS = ("GMV by channel", "上个月的订单数")
TARGET_S = 1.0


def project_bytecode() -> str:
    """Whether this checkout's modules run from cached bytecode or are compiled on every run.

    Why it is printed: with ``PYTHONDONTWRITEBYTECODE`` set (many containers) and no
    ``__pycache__`` (an editable install never gets one from pip) every cold ``orderlens ask``
    compiles the ~140 modules it imports; installed packages (DuckDB, the floor) have theirs.
    Figures taken one way and the other differ by a tenth of a second or more.
    """
    import importlib.util

    root = Path(__file__).resolve().parents[1] / "nl2sql"
    cached = Path(importlib.util.cache_from_source(str(root / "ask.py"))).exists()
    if cached:
        return "cached"
    return (
        "compiled per run"
        if sys.flags.dont_write_bytecode or os.environ.get("PYTHONDONTWRITEBYTECODE")
        else "written on first run"
    )


def timed(cmd: list[str], env: dict[str, str] | None = None) -> float:
    """Seconds one command takes to run to its end (a failed run stops the benchmark)."""
    started = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, text=True, check=False, env=env)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({done.returncode}): {done.stderr[-500:]}")
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db", nargs="?", type=Path, default=None)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    db = args.db or Path(os.environ.get("ORDERLENS_DB", ".orderlens/demo.duckdb"))
    cli = [sys.executable, "-m", "lab.cli"]
    if not db.exists():
        print(f"building the demo warehouse at {db}")
        subprocess.run([*cli, "demo", "--db", str(db)], check=True, capture_output=True)
    floor = [sys.executable, "-c", "import duckdb"]
    ask_s: list[float] = []
    duck_s: list[float] = []
    for _ in range(args.runs):
        for question in QUESTIONS:  # interleaved, so a load spike hits both series
            duck_s.append(timed(floor))
            ask_s.append(timed([*cli, "ask", question, "--db", str(db)]))
    ask_med, duck_med = statistics.median(ask_s), statistics.median(duck_s)
    print(
        f"cli-cold: ask_s={ask_med:.2f} duckdb_s={duck_med:.2f} ratio={ask_med / duck_med:.1f} "
        f"(median of {len(ask_s)}; max ask_s={max(ask_s):.2f}; target ask_s < {TARGET_S:.0f}; "
        f"load average {os.getloadavg()[0]:.1f}; project bytecode {project_bytecode()})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
