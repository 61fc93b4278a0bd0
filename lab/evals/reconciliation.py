"""``make eval`` line for reconciliation: accuracy against the generator's ground truth.

Runs every month that has bank lines on a COPY of the evaluation warehouse (the engine writes
its result tables; other evaluations must see the warehouse as generated).
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from connectors.warehouse import connect
from lab.reconciliation.accuracy import measure_accuracy
from lab.reconciliation.engine import reconcile_all


def run(db_path: str | Path) -> list[str]:
    """Reconcile all periods and report match rate, wrong matches and reasons for unmatched."""
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "recon-eval.duckdb"
        shutil.copyfile(db_path, copy)
        con = connect(copy)
        try:
            results = reconcile_all(con)
            acc = measure_accuracy(con)
        finally:
            con.close()
    flows = sum(r.flows for r in results)
    auto = sum(r.automation_rate * r.flows for r in results) / flows if flows else 0.0
    return [
        f"reconciliation-eval: match_rate={100 * acc['match_rate']:.2f}% "
        f"wrong_matches={acc['wrong_matches']} "
        f"unmatched_with_reason={100 * acc['unmatched_with_reason']:.1f}%",
        f"reconciliation-eval: periods={len(results)} flows={flows} matchable={acc['matchable']} "
        f"traps={acc['traps']} wrong_on_traps={acc['wrong_on_traps']} "
        f"automation_rate={100 * auto:.1f}%",
    ]
