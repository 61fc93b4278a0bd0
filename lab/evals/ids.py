"""``make eval`` line for order-ID governance: consistency rate and conflict detection quality.

Ground truth: the demo generator labels orders whose ids disagree across systems
(``anomaly_labels.anomaly_type = 'inconsistent_ids'``).
"""

from __future__ import annotations

from pathlib import Path

from connectors.ids import consistency_report
from connectors.warehouse import connect


def run(db_path: str | Path) -> list[str]:
    """One line: the KPI and precision/recall of the conflicting-id list against the labels."""

    con = connect(db_path, read_only=True)
    try:
        rep = consistency_report(con)
        labelled = {
            r[0]
            for r in con.execute(
                "select entity_id from anomaly_labels where anomaly_type = 'inconsistent_ids'"
            ).fetchall()
        }
    finally:
        con.close()
    found = set(rep.conflicts["order_id"]) if len(rep.conflicts) else set()
    hit = len(found & labelled)
    precision = hit / len(found) if found else 1.0
    recall = hit / len(labelled) if labelled else 1.0
    return [
        f"ids: cross-system ID consistency {rep.consistency_rate:.1%} over {rep.orders_checked} "
        f"orders (industry 76.3%); conflicting-id detection precision {precision:.3f} "
        f"recall {recall:.3f} ({hit}/{len(labelled)} labelled)"
    ]
