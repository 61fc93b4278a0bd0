"""Precision and recall of each health check against the demo generator's ``anomaly_labels``.

Why here (not only in ``lab/evals``): the tests, ``make eval`` and the health notebook's
"automatic anomaly detection rate" KPI all need the same comparison; a label and a finding
match when they name the same check (= ``anomaly_type``) and the same entity id.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import duckdb
import pandas as pd

from lab.health.checks import CHECKS
from lab.health.run import run_checks

EVAL_COLUMNS = ["check", "labelled", "found", "true_positives", "precision", "recall"]


def load_labels(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """The labelled anomalies (entity, entity_id, anomaly_type); empty if the table is empty."""
    return con.execute(
        "SELECT entity, entity_id, anomaly_type FROM anomaly_labels ORDER BY anomaly_type, entity_id"
    ).df()


def evaluate_findings(findings: pd.DataFrame, labels: pd.DataFrame) -> pd.DataFrame:
    """One row per check: labelled, found, true positives, precision and recall (0..1 or None).

    >>> f = pd.DataFrame({"check": ["a", "a"], "entity_id": ["1", "2"]})
    >>> lab = pd.DataFrame({"anomaly_type": ["a", "a"], "entity_id": ["1", "3"]})
    >>> evaluate_findings(f, lab)[["check", "true_positives", "precision", "recall"]].to_dict("records")
    [{'check': 'a', 'true_positives': 1, 'precision': 0.5, 'recall': 0.5}]
    """
    checks = list(dict.fromkeys([*findings["check"], *labels["anomaly_type"]]))
    rows = []
    for check in checks:
        found = set(findings.loc[findings["check"] == check, "entity_id"])
        truth = set(labels.loc[labels["anomaly_type"] == check, "entity_id"])
        tp = len(found & truth)
        rows.append(
            {
                "check": check,
                "labelled": len(truth),
                "found": len(found),
                "true_positives": tp,
                "precision": (tp / len(found) if found else (1.0 if truth else None))
                if truth
                else None,
                "recall": tp / len(truth) if truth else None,
            }
        )
    return pd.DataFrame(rows, columns=EVAL_COLUMNS)


def evaluate_checks(
    con: duckdb.DuckDBPyConnection,
    *,
    as_of: Any = None,
    thresholds: Mapping[str, Any] | None = None,
    findings: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Run the checks (unless ``findings`` are given) and score them against the labels.

    Every health check gets a row (checks without labels have None precision/recall);
    labelled anomaly types no check covers (bank ones, reconciliation's job) are left out.
    """
    if findings is None:
        findings = run_checks(con, as_of=as_of, thresholds=thresholds)
    labels = load_labels(con)
    scores = evaluate_findings(findings, labels[labels["anomaly_type"].isin(list(CHECKS))])
    return (
        pd.DataFrame({"check": list(CHECKS)})
        .merge(scores, on="check", how="left")
        .fillna({"labelled": 0, "found": 0, "true_positives": 0})
        .astype({"labelled": int, "found": int, "true_positives": int})
    )


def _pct(value: float | None) -> str:
    return "n/a" if value is None or pd.isna(value) else f"{100 * value:.1f}%"


def eval_lines(scores: pd.DataFrame) -> list[str]:
    """``health-eval CHECK: precision=P% recall=R%`` per check (the ``make eval`` contract)."""
    lines = []
    for r in scores.itertuples(index=False):
        line = f"health-eval {r.check}: precision={_pct(r.precision)} recall={_pct(r.recall)}"
        if not r.labelled:
            line += f" (no ground-truth labels; {r.found} findings)"
        else:
            line += f" ({r.true_positives}/{r.found} found, {r.labelled} labelled)"
        lines.append(line)
    return lines
