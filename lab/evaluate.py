"""``make eval``: accuracy against ground truth, one summary line per capability.

Why discovery: each capability owns its evaluation in ``lab/evals/<capability>.py`` with a
``run(db_path) -> list[str]`` function returning its summary lines; this module builds one
seeded demo warehouse and runs them all against it. A capability that reports a line with
``: ERROR`` (or raises) makes the exit status 1 after every other line is printed.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
import tempfile
from pathlib import Path

import lab.evals
from connectors.demo.generate import build_demo_warehouse
from lab.evals import EVAL_END_DATE, EVAL_ORDERS, EVAL_SEED


def main(argv: list[str] | None = None) -> int:
    """Build the evaluation warehouse (unless ``--db`` is given) and print every eval line."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", help="existing warehouse to evaluate on (default: build one)")
    parser.add_argument("--orders", type=int, default=EVAL_ORDERS)
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(args.db) if args.db else Path(tmp) / "eval.duckdb"
        if not args.db:
            build_demo_warehouse(
                db, orders=args.orders, seed=EVAL_SEED, end_date=EVAL_END_DATE, progress=False
            )
        failed = False
        for info in sorted(pkgutil.iter_modules(lab.evals.__path__), key=lambda m: m.name):
            module = importlib.import_module(f"lab.evals.{info.name}")
            run = getattr(module, "run", None)
            if run is None:
                continue
            try:
                for line in run(db):
                    print(line, flush=True)
                    failed = failed or ": ERROR " in line
            except Exception as exc:  # report and keep evaluating the other capabilities
                failed = True
                print(f"{info.name}-eval: ERROR {type(exc).__name__}: {exc}", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
