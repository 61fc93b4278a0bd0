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


#: the project's own packages: what an editable install leaves without bytecode
PROJECT_PACKAGES = ("connectors", "semantic_layer", "nl2sql", "lab")


def stale_bytecode(sources: list[Path]) -> list[Path]:
    """The sources whose cached bytecode Python would not use: missing, or written for another
    version of the file.

    Why not just "a ``.pyc`` exists": Python checks a timestamp ``.pyc`` against the source's
    modification time and size (a checked hash-based one against its hash) and compiles the
    source again when they differ, so a checkout edited after ``make`` runs partly from source
    while a ``.pyc`` is still there. Unchecked hash-based files are used as they are.

    >>> import tempfile, py_compile
    >>> d = Path(tempfile.mkdtemp()); src = d / "m.py"; _ = src.write_text("x = 1")
    >>> stale_bytecode([src]) == [src]
    True
    >>> _ = py_compile.compile(str(src)); stale_bytecode([src])
    []
    >>> _ = src.write_text("x = 12"); stale_bytecode([src]) == [src]
    True
    """
    import importlib.util

    stale = []
    for src in sources:
        try:
            header = Path(importlib.util.cache_from_source(str(src))).read_bytes()[:16]
            st = src.stat()
        except OSError:
            stale.append(src)
            continue
        if len(header) < 16 or header[:4] != importlib.util.MAGIC_NUMBER:
            stale.append(src)
            continue
        flags = int.from_bytes(header[4:8], "little")
        if flags & 0b1:  # hash-based: checked ones must match the source's hash
            if flags & 0b10 and header[8:16] != importlib.util.source_hash(src.read_bytes()):
                stale.append(src)
        elif (
            int.from_bytes(header[8:12], "little") != int(st.st_mtime) & 0xFFFFFFFF
            or int.from_bytes(header[12:16], "little") != st.st_size & 0xFFFFFFFF
        ):
            stale.append(src)
    return stale


def project_sources(root: Path | None = None) -> list[Path]:
    """Every module of the project's packages under ``root`` (this checkout by default)."""
    root = root or Path(__file__).resolve().parents[1]
    return sorted(p for pkg in PROJECT_PACKAGES for p in (root / pkg).rglob("*.py"))


def project_bytecode(sources: list[Path] | None = None) -> str:
    """Whether this checkout's modules run from cached bytecode or are compiled on every run.

    Why it is printed: with ``PYTHONDONTWRITEBYTECODE`` set (many containers) and no
    ``__pycache__`` (an editable install never gets one from pip) every cold ``orderlens ask``
    compiles the ~140 modules it imports; installed packages (DuckDB, the floor) have theirs.
    Figures taken one way and the other differ by a tenth of a second or more. "cached" only
    when every module's bytecode is current (:func:`stale_bytecode`), not merely present.
    """
    sources = project_sources() if sources is None else sources
    stale = stale_bytecode(sources)
    if not stale:
        return "cached"
    if sys.flags.dont_write_bytecode or os.environ.get("PYTHONDONTWRITEBYTECODE"):
        return f"compiled per run ({len(stale)} of {len(sources)} modules not cached)"
    return f"written on first run ({len(stale)} of {len(sources)} modules not cached)"


def compile_project(sources: list[Path]) -> int:
    """Write current bytecode for ``sources`` as ``make`` does (``compileall``); how many were
    written. Why before timing: the figure is then the one a ``make``-installed checkout gets,
    whatever was edited since, instead of a mix of cached and compiled-per-run modules."""
    import py_compile

    stale = stale_bytecode(sources)
    for src in stale:
        py_compile.compile(str(src), doraise=True)
    return len(stale)


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
    parser.add_argument(
        "--as-is",
        action="store_true",
        help="time the checkout's bytecode as it is (default: compile stale modules first)",
    )
    args = parser.parse_args()
    if not args.as_is:
        written = compile_project(project_sources())
        if written:
            print(f"compiled {written} modules whose bytecode was missing or stale (as make does)")
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
