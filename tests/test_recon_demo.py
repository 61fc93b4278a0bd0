"""Reconciliation on the seeded demo warehouse, measured against its ground truth."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from connectors.warehouse import connect
from lab.reconciliation.accuracy import measure_accuracy
from lab.reconciliation.engine import reconcile_all, reconcile_period
from lab.reconciliation.status import order_status


@pytest.fixture(scope="module")
def reconciled(demo_db: Path, tmp_path_factory: pytest.TempPathFactory):
    """A copy of the shared demo warehouse with every month reconciled (the shared one is read-only)."""
    copy = tmp_path_factory.mktemp("recon") / "demo.duckdb"
    shutil.copyfile(demo_db, copy)
    con = connect(copy)
    results = reconcile_all(con)
    yield con, results
    con.close()


def test_accuracy_against_ground_truth(reconciled) -> None:
    con, results = reconciled
    acc = measure_accuracy(con)
    assert len(results) == 25  # Nov 2024 .. Nov 2026
    assert acc["matchable"] > 200
    assert acc["match_rate"] >= 0.99, acc
    assert acc["wrong_matches"] == 0, acc
    assert acc["unmatched_with_reason"] == 1.0


def test_zero_wrong_matches_on_injected_traps(reconciled) -> None:
    con, _ = reconciled
    acc = measure_accuracy(con)
    assert acc["traps"] >= 5
    assert acc["wrong_on_traps"] == 0
    assert acc["traps_red"] == acc["traps"]  # every unmatched / duplicate trap is red
    dup_causes = con.execute(
        """select distinct f.match_status from anomaly_labels l
           join recon_flow_status f on f.flow_id = l.entity_id
           where l.anomaly_type = 'duplicate_bank_line'"""
    ).fetchall()
    assert dup_causes == [("duplicate",)]
    # flows that pay no order never carry an automatic match, whoever the payer
    stray = con.execute(
        """select count(*) from recon_matches m
           where m.flow_source = 'bank' and m.rule <> 'settlement_bills'
             and m.flow_id not in (select txn_id from bank_truth)"""
    ).fetchall()[0][0]
    assert stray == 0


def test_every_non_green_flow_has_a_reason_and_cause(reconciled) -> None:
    con, results = reconciled
    bad = con.execute(
        """select count(*) from recon_flow_status
           where status <> 'green' and (coalesce(reason, '') = '' or match_status is null)"""
    ).fetchall()[0][0]
    assert bad == 0
    assert all(r.non_green_without_reason == 0 for r in results)


def test_allocations_sum_exactly_in_every_period(reconciled) -> None:
    con, results = reconciled
    assert all(r.allocation_exact for r in results)
    diff = con.execute(
        """with m as (select flow_id, sum(matched_amount) s from recon_matches
                      where rule <> 'settlement_bills' group by 1),
                a as (select flow_id, sum(amount) s from allocations group by 1)
           select count(*) from m full join a using (flow_id) where m.s is distinct from a.s"""
    ).fetchall()[0][0]
    assert diff == 0


def test_settlement_lumps_close_against_bills(reconciled) -> None:
    con, _ = reconciled
    rows = con.execute(
        """select f.match_status, count(*) from recon_flow_status f
           join bank_transactions b on b.txn_id = f.flow_id
           where b.memo like '%结算%' group by 1"""
    ).fetchall()
    assert dict(rows).get("settlement", 0) > 0.99 * sum(n for _, n in rows)


def test_wrong_freight_template_orders_are_yellow(reconciled) -> None:
    con, _ = reconciled
    rows = con.execute(
        """select l.entity_id, bool_or(f.match_status = 'freight_difference')
           from anomaly_labels l join recon_matches m on m.order_id = l.entity_id
           join recon_flow_status f using (flow_id, period)
           where l.anomaly_type = 'allocation_mismatch' group by 1"""
    ).fetchall()
    assert rows and all(flag for _, flag in rows)


def test_automation_rate_and_order_view(reconciled) -> None:
    con, results = reconciled
    flows = sum(r.flows for r in results)
    auto = sum(r.automation_rate * r.flows for r in results) / flows
    assert auto > 0.95
    period = max(results, key=lambda r: r.flows).period
    orders = order_status(con, period)
    assert set(orders["status"]) <= {"red", "yellow", "green"}
    assert (orders["reason"].str.len() > 0).all()


def test_rerun_of_a_demo_period_is_idempotent(reconciled) -> None:
    con, results = reconciled
    period = max(results, key=lambda r: r.flows).period
    before = con.execute(
        "select * from recon_flow_status where period = ? order by all", [period]
    ).fetchall()
    again = reconcile_period(con, period)
    after = con.execute(
        "select * from recon_flow_status where period = ? order by all", [period]
    ).fetchall()
    assert before == after
    assert again.flows == len(before)


def test_semantic_finance_metrics_agree_with_the_reconciliation_tables(reconciled) -> None:
    """The semantic layer's finance metrics read what reconciliation wrote, counting money once."""
    from semantic_layer import query

    con, _ = reconciled
    metrics = ["matched_amount", "allocated_amount", "reconciliation_automation_rate"]
    res = query(metrics=metrics, con=con).df.iloc[0]
    # booked money is final only: yellow flows' provisional splits and unallocated excess rows
    # are not counted (the demo has both, so the filter is exercised)
    matched, matched_all = con.execute(
        "select sum(matched_amount) filter (where match_state = 'final'), sum(matched_amount)"
        " from recon_matches where rule <> 'settlement_bills'"
    ).fetchall()[0]
    allocated, allocated_all = con.execute(
        "select sum(amount) filter (where allocation_state = 'final'), sum(amount) from allocations"
    ).fetchall()[0]
    assert matched_all - matched > 100 and allocated_all - allocated > 100
    auto, total = con.execute(
        "select count(*) filter (where status = 'green' and closed_by = 'auto'), count(*) "
        "from recon_flow_status"
    ).fetchall()[0]
    assert float(res["matched_amount"]) == pytest.approx(float(matched), abs=0.01)
    assert float(res["allocated_amount"]) == pytest.approx(float(allocated), abs=0.01)
    assert float(res["reconciliation_automation_rate"]) == pytest.approx(auto / total)
    assert auto / total > 0.9
