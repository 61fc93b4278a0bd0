"""Health checks on the seeded demo warehouse: precision and recall against anomaly_labels.

The bar of the issue is 95% per check type; the test fails below 90% (the figures are printed
so a drop between 90 and 95 is visible in the test log).
"""

from __future__ import annotations

import json

import pytest

from lab.health import CHECKS, run_checks, summarize
from lab.health.evaluation import eval_lines, evaluate_checks
from lab.health.kpis import KPIS, compute_kpis

LABELLED_CHECKS = sorted(set(CHECKS) - {"overdue_delivery"})


@pytest.fixture(scope="module")
def findings(demo_db):
    from connectors.warehouse import connect

    con = connect(demo_db, read_only=True)
    try:
        yield run_checks(con)
    finally:
        con.close()


@pytest.fixture(scope="module")
def scores(demo_db, findings):
    from connectors.warehouse import connect

    con = connect(demo_db, read_only=True)
    try:
        result = evaluate_checks(con, findings=findings).set_index("check")
    finally:
        con.close()
    print("\n" + "\n".join(eval_lines(result.reset_index())))
    return result


@pytest.mark.parametrize("check", LABELLED_CHECKS)
def test_precision_and_recall_per_check(scores, check):
    row = scores.loc[check]
    assert row["labelled"] > 0, f"the demo warehouse has no {check} labels to measure against"
    assert row["precision"] >= 0.90, f"{check}: precision {row['precision']:.1%}"
    assert row["recall"] >= 0.90, f"{check}: recall {row['recall']:.1%}"


def test_every_finding_names_order_evidence_and_action(findings):
    assert not findings.empty
    assert findings["order_id"].notna().all()
    assert findings["action"].str.len().gt(20).all()
    for check, part in findings.groupby("check"):
        evidence = json.loads(part.iloc[0]["evidence"])
        assert isinstance(evidence, list) and evidence, check
        assert all("table" in e for e in evidence), check
    channel_numbers = findings["channel_order_no"].dropna()
    assert len(channel_numbers) == len(findings)


def test_overdue_delivery_matches_its_definition(demo_con, findings):
    overdue = findings[findings["check"] == "overdue_delivery"]
    assert len(overdue) > 0
    ids = list(overdue["order_id"])
    late = demo_con.execute(
        "SELECT COUNT(*) FROM orders o LEFT JOIN (SELECT order_id, MAX(delivered_at) d FROM shipments "
        "GROUP BY 1) s USING (order_id) WHERE o.order_id IN (SELECT UNNEST($ids)) "
        "AND o.order_status <> 'cancelled' "
        "AND (s.d IS NULL OR CAST(s.d AS DATE) > o.promised_delivery_date)",
        {"ids": ids},
    ).fetchall()[0][0]
    assert late == len(ids)


def test_summary_counts(findings):
    table = summarize(findings).set_index("check")
    assert table["findings"].sum() == len(findings)


def test_kpis_through_the_semantic_layer(demo_con, findings):
    kpis = compute_kpis(demo_con, findings=findings).set_index("kpi")
    print("\n" + kpis[["value", "rating", "source", "note"]].to_string())
    assert list(kpis.index) == [k.key for k in KPIS]
    detection = kpis.loc["anomaly_detection_rate"]
    # no labels: findings (when detectable) against the people's reports of the last 30 days
    assert detection["source"].startswith("health findings")
    assert 0.5 < detection["value"] < 1.0  # some anomalies are reported before any check fires
    assert "surfaced anomalies" in detection["note"] and "median lead" in detection["note"]
    for key in ("sync_delay_minutes", "id_consistency_rate", "self_service_resolution_rate"):
        row = kpis.loc[key]
        if row["source"]:  # the semantic model has the metric: it must produce a number
            assert row["source"].startswith("semantic_layer metric")
            assert row["value"] is not None and row["value"] >= 0


@pytest.mark.parametrize(
    ("minutes", "drops"),
    [(13, "precision"), (17, "recall")],  # the definition says 15 minutes
)
def test_health_eval_can_fail_when_a_threshold_is_two_minutes_off(demo_con, minutes, drops):
    """The demo has sync lags just below and just above 15 minutes, so a check whose threshold
    is 2 minutes off scores below 100%; at the right threshold it scores 100%."""
    scores = evaluate_checks(
        demo_con, thresholds={"status_disagreement": {"minutes": minutes}}
    ).set_index("check")
    row = scores.loc["status_disagreement"]
    print(f"\n{minutes} min: precision {row['precision']:.1%} recall {row['recall']:.1%}")
    assert row[drops] < 1.0
    right = evaluate_checks(demo_con).set_index("check").loc["status_disagreement"]
    assert right["precision"] == 1.0 and right["recall"] == 1.0
