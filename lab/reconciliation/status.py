"""Red / yellow / green per flow and per order, and the automation rate.

Why colours from causes: the matcher records a machine cause per flow (``match_status``); the
colour is a pure function of it, so the dashboard, the CLI summary and the semantic layer's
automation-rate metric (share of flows ``green`` with ``closed_by = 'auto'``) can never disagree.

>>> colour_of("matched"), colour_of("partial_payment"), colour_of("ambiguous")
('green', 'yellow', 'red')
"""

from __future__ import annotations

import duckdb
import pandas as pd

GREEN_CAUSES = ("matched", "instalment", "settlement", "manual")
YELLOW_CAUSES = (
    "partial_payment", "overpayment", "freight_difference", "settlement_difference",
    "refund_unexpected", "fee_difference", "freight_invoice_difference", "order_cancelled",
    "payer_in_memo",
)  # fmt: skip
RED_CAUSES = (
    "ambiguous", "no_reference", "unknown_reference", "reference_rejected",
    "counterparty_mismatch", "duplicate", "settlement_unmatched", "freight_invoice_unmatched",
    "reversed", "reversal", "currency_mismatch",
)  # fmt: skip


def colour_of(cause: str) -> str:
    """The dashboard colour of a machine cause (unknown causes are red: a person must look)."""
    if cause in GREEN_CAUSES:
        return "green"
    if cause in YELLOW_CAUSES:
        return "yellow"
    return "red"


def status_case_sql(column: str = "match_status") -> str:
    """SQL CASE mapping a cause column to its colour (static text built from the tuples above)."""
    g = ", ".join(f"'{c}'" for c in GREEN_CAUSES)
    y = ", ".join(f"'{c}'" for c in YELLOW_CAUSES)
    return f"case when {column} in ({g}) then 'green' when {column} in ({y}) then 'yellow' else 'red' end"


def flow_summary(con: duckdb.DuckDBPyConnection, period: str) -> dict:
    """Counts by colour and cause, amounts and the automation rate of one period."""
    rows = con.execute(
        """
        select status, match_status, count(*) as n, sum(amount) as amount,
               count(*) filter (where status = 'green' and closed_by = 'auto') as auto_green,
               count(*) filter (where status <> 'green' and coalesce(reason, '') = '') as no_reason
        from recon_flow_status where period = ? group by all
        """,
        [period],
    ).fetchall()
    by_status = {"red": 0, "yellow": 0, "green": 0}
    by_cause: dict[str, int] = {}
    amount_by_status = {"red": 0.0, "yellow": 0.0, "green": 0.0}
    total = auto = no_reason = 0
    for status, cause, n, amount, auto_green, nr in rows:
        by_status[status] = by_status.get(status, 0) + n
        by_cause[cause] = by_cause.get(cause, 0) + n
        amount_by_status[status] = amount_by_status.get(status, 0.0) + float(amount or 0)
        total += n
        auto += auto_green
        no_reason += nr
    return {
        "flows": total,
        "by_status": by_status,
        "by_cause": dict(sorted(by_cause.items(), key=lambda kv: -kv[1])),
        "amount_by_status": amount_by_status,
        "automation_rate": auto / total if total else 0.0,
        "non_green_without_reason": no_reason,
    }


def order_status(
    con: duckdb.DuckDBPyConnection, period: str, tolerance: float = 0.005
) -> pd.DataFrame:
    """Per order touched in ``period``: received vs expected, colour and reason.

    Expected = paid amount + service fee billed outside it (bank-paid orders); an order is red
    when any flow paying it is red, yellow when what arrived differs from what it should by more
    than the tolerance (partial payments, freight differences), green otherwise.
    """
    return con.execute(
        """
        with m as (
            select m.order_id, sum(m.matched_amount) as received,
                   list(distinct m.flow_id order by m.flow_id) as flows,
                   sum(m.matched_amount) filter (where m.component = 'freight') as freight_received,
                   bool_or(m.component = 'freight') as has_freight
            from recon_matches m where m.period = ? and m.flow_source = 'bank'
              and m.rule <> 'settlement_bills'
            group by m.order_id
        ), s as (
            select m.order_id, max(case fs.status when 'red' then 3 when 'yellow' then 2 else 1 end)
                   as worst, string_agg(distinct fs.reason, '; ' order by fs.reason)
                   filter (where fs.status <> 'green')
                   as reasons
            from recon_matches m join recon_flow_status fs using (flow_id, period)
            where m.period = ? group by m.order_id
        )
        select o.order_id, o.channel, o.customer_id, o.paid_amount, m.received,
               m.freight_received, o.shipping_fee, m.flows,
               case s.worst when 3 then 'red' when 2 then 'yellow' else 'green' end as status,
               coalesce(s.reasons, 'closed') as reason
        from m join orders o using (order_id) left join s using (order_id)
        order by s.worst desc, o.order_id
        """,
        [period, period],
    ).df()
