"""``reconcile_period``: match, colour and allocate one month, written in one transaction.

Why one transaction per period: finance re-runs a month many times while closing it. Each run
deletes the period's automatic rows and inserts the new ones atomically, so a re-run is
idempotent, a crash leaves the previous state, and rows a person decided (``decided_by`` /
``closed_by`` ≠ ``'auto'``) are never touched — those flows are skipped by the matcher and their
allocations recomputed from the reviewer's matches.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

import duckdb

from connectors.warehouse import ensure_schema
from lab.reconciliation.allocation import allocate
from lab.reconciliation.config import Period, ReconConfig
from lab.reconciliation.matching import match_flows
from lab.reconciliation.memo import RefPattern, learn_patterns
from lab.reconciliation.rules import AllocationRules, load_rules
from lab.reconciliation.status import flow_summary, status_case_sql

RECON_TABLES = ["recon_matches", "recon_flow_status", "allocations"]


@dataclass
class ReconResult:
    """Key figures of one reconciled period (what the CLI prints and the notebook saves)."""

    period: str
    flows: int
    by_status: dict[str, int]
    by_cause: dict[str, int]
    amount_by_status: dict[str, float]
    automation_rate: float
    matches: int
    allocations: int
    allocation_exact: bool
    non_green_without_reason: int
    tolerance: float
    rules: str
    timings: dict[str, float] = field(default_factory=dict)

    def to_dict(self) -> dict:
        """JSON-ready dict."""
        return asdict(self)

    def summary_lines(self) -> list[str]:
        """Human summary: flows by colour, automation rate, causes."""
        s = self.by_status
        lines = [
            f"period {self.period}: {self.flows} flows — green {s.get('green', 0)}, "
            f"yellow {s.get('yellow', 0)}, red {s.get('red', 0)}; "
            f"automation rate {100 * self.automation_rate:.1f}%",
            "causes: " + ", ".join(f"{k} {v}" for k, v in self.by_cause.items()),
            f"{self.matches} matches, {self.allocations} line allocations "
            f"({'sum exactly to the matched amounts' if self.allocation_exact else 'DO NOT SUM'})"
            f"; tolerance {self.tolerance:.2%}; rules {self.rules}",
        ]
        return lines


def _ensure_tables(con: duckdb.DuckDBPyConnection) -> None:
    ensure_schema(con, RECON_TABLES)
    # warehouses built before these columns existed get them (additive)
    con.execute("alter table recon_flow_status add column if not exists match_status varchar")
    con.execute("alter table recon_matches add column if not exists match_state varchar")
    con.execute("alter table allocations add column if not exists allocation_state varchar")


def _resolve_rules(rules: AllocationRules | str | Path | None) -> AllocationRules:
    return rules if isinstance(rules, AllocationRules) else load_rules(rules)


def reconcile_period(
    con: duckdb.DuckDBPyConnection,
    period: str = "2026-01",
    rules: AllocationRules | str | Path | None = None,
    tolerance: float | None = None,
    config: ReconConfig | None = None,
    patterns: Sequence[RefPattern] | None = None,
) -> ReconResult:
    """Reconcile one month: match every flow, colour it, allocate to lines, write it all.

    ``tolerance`` (e.g. 0.005) overrides the rules file's, which overrides the default.
    """
    timings: dict[str, float] = {}
    t0 = time.perf_counter()
    p = Period.parse(period)
    rule_set = _resolve_rules(rules)
    cfg = config or ReconConfig()
    tol = tolerance if tolerance is not None else rule_set.tolerance
    if tol is not None:
        cfg = replace(cfg, tolerance=float(tol))
    _ensure_tables(con)
    pats = tuple(patterns) if patterns is not None else learn_patterns(con)
    timings["setup"] = time.perf_counter() - t0

    t = time.perf_counter()
    match_flows(con, p, cfg, pats, timings, rules=rule_set)
    timings["match"] = time.perf_counter() - t

    t = time.perf_counter()
    _write(con, p, rule_set, timings)
    timings["allocate_write"] = time.perf_counter() - t

    summary = flow_summary(con, p.label)
    n_matches, n_alloc, exact = con.execute(
        """
        with m as (select flow_id, coalesce(order_id, '') as order_id,
                          sum(matched_amount) as amt from recon_matches
                   where period = $p and rule <> 'settlement_bills' group by all),
             a as (select flow_id, coalesce(order_id, '') as order_id, sum(amount) as amt
                   from allocations where period = $p group by all)
        select (select count(*) from recon_matches where period = $p),
               (select count(*) from allocations where period = $p),
               not exists (select 1 from m full join a using (flow_id, order_id)
                           where coalesce(m.amt, 0) <> coalesce(a.amt, 0))
        """,
        {"p": p.label},
    ).fetchall()[0]
    timings["total"] = time.perf_counter() - t0
    return ReconResult(
        period=p.label,
        flows=summary["flows"],
        by_status=summary["by_status"],
        by_cause=summary["by_cause"],
        amount_by_status=summary["amount_by_status"],
        automation_rate=summary["automation_rate"],
        matches=n_matches,
        allocations=n_alloc,
        allocation_exact=bool(exact),
        non_green_without_reason=summary["non_green_without_reason"],
        tolerance=cfg.tolerance,
        rules=rule_set.path or rule_set.name,
        timings={k: round(v, 3) for k, v in timings.items()},
    )


def reconcile_range(
    con: duckdb.DuckDBPyConnection,
    period_start: str,
    period_end: str,
    **kwargs,
) -> list[ReconResult]:
    """Reconcile every month from ``period_start`` to ``period_end`` (inclusive), in order."""
    if "patterns" not in kwargs or kwargs["patterns"] is None:
        kwargs["patterns"] = learn_patterns(con)
    if not isinstance(kwargs.get("rules"), AllocationRules):
        kwargs["rules"] = _resolve_rules(kwargs.get("rules"))
    return [
        reconcile_period(con, p.label, **kwargs) for p in Period.range(period_start, period_end)
    ]


def bank_periods(con: duckdb.DuckDBPyConnection) -> tuple[str, str] | None:
    """First and last month with bank lines or settled bills, or None for an empty warehouse."""
    row = con.execute(
        """
        select strftime(min(t), '%Y-%m'), strftime(max(t), '%Y-%m') from (
            select booked_at as t from bank_transactions
            union all select settled_at from payment_bills)
        """
    ).fetchall()[0]
    return None if row[0] is None else (row[0], row[1])


def reconcile_all(con: duckdb.DuckDBPyConnection, **kwargs) -> list[ReconResult]:
    """Reconcile every month that has flows (oldest first)."""
    _ensure_tables(con)
    span = bank_periods(con)
    return [] if span is None else reconcile_range(con, span[0], span[1], **kwargs)


def _write(
    con: duckdb.DuckDBPyConnection,
    p: Period,
    rules: AllocationRules,
    timings: dict[str, float] | None = None,
) -> None:
    """Replace the period's automatic rows, keep manual ones, recompute allocations."""
    args = {"p": p.label}
    con.execute(
        """
        create or replace temp table _r_manual as
        select distinct flow_id from recon_matches
        where period = $p and coalesce(decided_by, 'auto') <> 'auto'
        union
        select flow_id from recon_flow_status
        where period = $p and coalesce(closed_by, 'auto') <> 'auto'
        """,
        args,
    )
    con.execute("begin transaction")
    t = time.perf_counter()
    try:
        con.execute(
            "delete from recon_matches where period = $p and coalesce(decided_by, 'auto') = 'auto'",
            args,
        )
        con.execute(
            "delete from recon_flow_status where period = $p and coalesce(closed_by, 'auto') = 'auto'",
            args,
        )
        con.execute("delete from allocations where period = $p", args)
        con.execute(
            f"""
            insert into recon_matches (match_id, flow_id, flow_source, order_id, component,
                matched_amount, rule, confidence, decided_by, period, evidence, match_state)
            select 'M-' || substr(md5($p || '|' || flow_id || '|' || coalesce(order_id, '')
                       || '|' || component || '|' || rule || '|' || row_number() over (
                           partition by flow_id, order_id, component, rule
                           order by matched_amount, evidence)), 1, 20),
                   flow_id, p.flow_source, order_id, component, matched_amount, rule,
                   confidence, 'auto', $p, evidence,
                   -- only a green flow's matches are final; a yellow flow's stay provisional
                   -- until a person decides; an overpayment's excess is unallocated
                   case when component = 'unallocated' then 'unallocated'
                        when {status_case_sql("f.match_status")} = 'green' then 'final'
                        else 'provisional' end
            from _r_parts p left join _r_flows f using (flow_id)
            where flow_id not in (select flow_id from _r_manual)
            """,
            args,
        )
        con.execute(
            f"""
            insert into recon_flow_status (flow_id, flow_source, period, amount, expected_amount,
                difference, status, reason, closed_by, match_status)
            select flow_id, flow_source, $p, amount, expected_amount,
                   amount - expected_amount, {status_case_sql()}, reason,
                   case when {status_case_sql()} = 'green' then 'auto' end, match_status
            from _r_flows where flow_id not in (select flow_id from _r_manual)
            """,
            args,
        )
        con.execute(
            """
            insert into recon_flow_status (flow_id, flow_source, period, amount, expected_amount,
                difference, status, reason, closed_by, match_status)
            select m.flow_id, any_value(m.flow_source), $p,
                   coalesce(any_value(f.amount), sum(m.matched_amount)), sum(m.matched_amount),
                   coalesce(any_value(f.amount), sum(m.matched_amount)) - sum(m.matched_amount),
                   'green', 'matched by ' || any_value(m.decided_by) || ': '
                   || string_agg(m.order_id, ',' order by m.order_id), any_value(m.decided_by),
                   'manual'
            from recon_matches m left join _r_flows f using (flow_id)
            where m.period = $p and m.decided_by <> 'auto'
              and m.flow_id not in (select flow_id from recon_flow_status where period = $p)
            group by m.flow_id
            """,
            args,
        )
        con.execute(
            """
            create or replace temp table _r_alloc_parts as
            select flow_id, order_id, component, matched_amount from recon_matches
            where period = $p and rule <> 'settlement_bills'
            """,
            args,
        )
        if timings is not None:
            timings["write.matches_status"] = time.perf_counter() - t
        t = time.perf_counter()
        allocate(con, rules)
        if timings is not None:
            timings["write.allocate"] = time.perf_counter() - t
        t = time.perf_counter()
        con.execute(
            """
            insert into allocations (allocation_id, flow_id, order_id, line_id, component, amount,
                                     rule, period, allocation_state)
            select 'A-' || substr(md5($p || '|' || flow_id || '|' || coalesce(order_id, '')
                       || '|' || coalesce(line_id, '') || '|' || component), 1, 20),
                   flow_id, order_id, line_id, component, amount, rule, $p,
                   case when component = 'unallocated' then 'unallocated'
                        when s.status = 'green' then 'final' else 'provisional' end
            from (select flow_id, order_id, line_id, component, sum(amount) as amount,
                         any_value(rule) as rule
                  from _r_alloc group by all) a
            left join (select flow_id, status from recon_flow_status where period = $p) s
                using (flow_id)
            """,
            args,
        )
        con.execute("commit")
        if timings is not None:
            timings["write.allocations_commit"] = time.perf_counter() - t
    except Exception:
        con.execute("rollback")
        raise
