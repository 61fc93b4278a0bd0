"""``make eval`` line of the question engine: execution accuracy over the built-in model.

Prints ``nl-eval: accuracy=P% correct=N/M refused=R/T wrong=W`` for ``tests/eval/orders_eval.yaml``
(gold SQL runs on the same warehouse, so the figures hold for any seed and size).
"""

from __future__ import annotations

from pathlib import Path


def run(db: str | Path) -> list[str]:
    """Evaluate the rules engine on the warehouse at ``db``."""
    from connectors.warehouse import connect
    from nl2sql.evaluation import EVAL_DIR, evaluate

    con = connect(db, read_only=True)
    try:
        report = evaluate(EVAL_DIR / "orders_eval.yaml", con)
    finally:
        con.close()
    return [report.line()]
