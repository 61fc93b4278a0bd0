"""``make eval`` line of the question engine: execution accuracy over the built-in model.

Prints ``nl-eval: accuracy=P% correct=N/M refused=R/T wrong=W`` over ``tests/eval/orders_eval.yaml``
and ``tests/eval/fresh_eval.yaml`` together (gold SQL runs on the same warehouse, so the figures
hold for any seed and size).
"""

from __future__ import annotations

from pathlib import Path

from connectors.warehouse import connect
from nl2sql.evaluation import evaluate_all


def run(db: str | Path) -> list[str]:
    """Evaluate the rules engine on the warehouse at ``db``."""

    con = connect(db, read_only=True)
    try:
        report = evaluate_all(con)
    finally:
        con.close()
    return [report.line()]
