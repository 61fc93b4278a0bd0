"""``make eval`` lines of the health checks: precision and recall per check vs anomaly_labels."""

from __future__ import annotations

from pathlib import Path

from connectors.warehouse import connect
from lab.health.evaluation import eval_lines, evaluate_checks


def run(db_path: str | Path) -> list[str]:
    """One ``health-eval CHECK: precision=P% recall=R%`` line per health check."""

    con = connect(db_path, read_only=True)
    try:
        return eval_lines(evaluate_checks(con))
    finally:
        con.close()
