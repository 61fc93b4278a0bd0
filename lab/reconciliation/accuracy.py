"""Accuracy of the automatic matches against the demo generator's ground truth.

Why here (not only in the eval): the tests, ``make eval`` and the benchmark report the same
three figures, computed one way:

* ``match_rate`` — of the bank lines ``bank_truth`` says pay orders (the matchable flows), the
  share whose automatic matches name exactly the true set of orders;
* ``wrong_matches`` — bank lines automatically matched to any order set other than the truth
  (including lines that pay no order at all, e.g. injected traps); settlement lumps are
  excluded (they reconcile to bills, and ``bank_truth`` holds nothing for them), and so is an
  overpayment's ``unallocated`` excess row: it has no order, and counting its NULL as one made
  a flow matched to exactly its true orders look wrong;
* ``unmatched_with_reason`` — the share of red flows that carry a reason.
"""

from __future__ import annotations

import duckdb


def measure_accuracy(con: duckdb.DuckDBPyConnection, periods: list[str] | None = None) -> dict:
    """Compare ``recon_matches`` (auto) with ``bank_truth`` / ``anomaly_labels``."""
    if periods is None:
        periods = [r[0] for r in con.execute(
            "select distinct period from recon_flow_status order by 1").fetchall()]  # fmt: skip
    con.execute("create or replace temp table _acc_periods (period varchar)")
    con.executemany("insert into _acc_periods values (?)", [(p,) for p in periods])
    row = con.execute(
        """
        with flows as (
            select flow_id, status, reason, match_status from recon_flow_status
            where flow_source = 'bank' and period in (select period from _acc_periods)
        ), truth as (
            select txn_id as flow_id, list(distinct order_id order by order_id) as orders
            from bank_truth where txn_id in (select flow_id from flows) group by txn_id
        ), auto as (
            select flow_id, list(distinct order_id order by order_id) as orders
            from recon_matches
            where flow_source = 'bank' and decided_by = 'auto' and rule <> 'settlement_bills'
              and order_id is not null and period in (select period from _acc_periods)
            group by flow_id
        ), traps as (
            select entity_id as flow_id, anomaly_type from anomaly_labels
            where entity = 'bank_transaction'
              and anomaly_type in ('unmatched_bank_flow', 'duplicate_bank_line')
              and entity_id in (select flow_id from flows)
        )
        select
            (select count(*) from truth) as matchable,
            (select count(*) from truth t join auto a using (flow_id) where t.orders = a.orders)
                as correct,
            (select count(*) from auto a left join truth t using (flow_id)
             where t.orders is null or t.orders <> a.orders) as wrong,
            (select count(*) from auto a join traps using (flow_id)) as wrong_on_traps,
            (select count(*) from traps) as traps,
            (select count(*) from flows where status = 'red') as red,
            (select count(*) from flows where status = 'red' and coalesce(reason, '') <> '')
                as red_with_reason,
            (select count(*) from flows f join traps t using (flow_id) where f.status = 'red')
                as traps_red
        """
    ).fetchall()[0]
    matchable, correct, wrong, wrong_traps, traps, red, red_reason, traps_red = row
    return {
        "matchable": matchable,
        "correct": correct,
        "match_rate": correct / matchable if matchable else 0.0,
        "wrong_matches": wrong,
        "wrong_on_traps": wrong_traps,
        "traps": traps,
        "traps_red": traps_red,
        "red": red,
        "unmatched_with_reason": red_reason / red if red else 1.0,
    }


def wrong_match_details(con: duckdb.DuckDBPyConnection, limit: int = 50) -> list[tuple]:
    """The wrongly matched or missed matchable flows, for debugging the matcher."""
    return con.execute(
        """
        with truth as (select txn_id as flow_id, list(distinct order_id order by order_id) as t
                       from bank_truth group by 1),
             auto as (select flow_id, list(distinct order_id order by order_id) as a
                      from recon_matches where decided_by = 'auto' and flow_source = 'bank'
                        and rule <> 'settlement_bills' and order_id is not null group by 1)
        select f.flow_id, f.match_status, f.reason, truth.t, auto.a, b.memo, b.amount
        from recon_flow_status f join bank_transactions b on b.txn_id = f.flow_id
        left join truth using (flow_id) left join auto using (flow_id)
        where f.flow_source = 'bank' and (truth.t is distinct from auto.a)
          and not (truth.t is null and auto.a is null)
        limit ?
        """,
        [limit],
    ).fetchall()
