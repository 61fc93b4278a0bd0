"""``make eval`` line for the demo data: is the ground truth true?

Why: every other capability measures itself against ``anomaly_labels``; this checks those
labels against the executable definitions in :mod:`connectors.demo.anomalies`.
"""

from __future__ import annotations

from pathlib import Path

from connectors.demo.anomalies import ANOMALY_TYPES, verify_labels
from connectors.warehouse import connect


def run(db: str | Path) -> list[str]:
    """``["demo-eval: anomaly_types=N/N labels_verified=P% unlabelled_matches=K"]``.

    ``anomaly_types`` counts types present with at least one label; ``labels_verified`` is the
    share of labels satisfying their definition; ``unlabelled_matches`` counts rows satisfying
    a definition without a label (0 means the labels are complete).
    """

    con = connect(db, read_only=True)
    try:
        checks = verify_labels(con)
    finally:
        con.close()
    present = sum(1 for c in checks.values() if c.labelled)
    labelled = sum(len(c.labelled) for c in checks.values())
    verified = sum(len(c.verified) for c in checks.values())
    unlabelled = sum(len(c.unlabelled) for c in checks.values())
    pct = 100.0 * verified / labelled if labelled else 0.0
    return [
        f"demo-eval: anomaly_types={present}/{len(ANOMALY_TYPES)} "
        f"labels_verified={pct:.1f}% unlabelled_matches={unlabelled}"
    ]
