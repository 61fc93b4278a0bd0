"""Read-only views of a reconciled period: the dashboard, top unmatched, causes, drill-down.

Why a module: the CLI, the notebook and the Excel export show the same tables; each is one SQL
query over the result tables, returned as a pandas DataFrame, and the dashboard chart is an
Altair spec built from already-aggregated rows.
"""

from __future__ import annotations

import altair as alt
import duckdb
import pandas as pd

STATUS_COLOURS = {"red": "#d62728", "yellow": "#e6b400", "green": "#2ca02c"}


def flows(con: duckdb.DuckDBPyConnection, periods: list[str]) -> pd.DataFrame:
    """Every flow of the periods with its colour, cause, reason and bank details."""
    return con.execute(
        """
        select f.period, f.flow_id, f.flow_source, f.status, f.match_status, f.amount,
               f.expected_amount, f.difference, f.reason, f.closed_by,
               coalesce(b.booked_at, p.settled_at) as booked_at,
               coalesce(b.counterparty_name, p.platform) as counterparty,
               coalesce(b.memo, p.channel_order_no) as memo
        from recon_flow_status f
        left join bank_transactions b on f.flow_source = 'bank' and b.txn_id = f.flow_id
        left join payment_bills p on f.flow_source = 'bill' and p.bill_id = f.flow_id
        where f.period in (select unnest($periods::varchar[]))
        order by f.period, f.flow_id
        """,
        {"periods": periods},
    ).df()


def dashboard(con: duckdb.DuckDBPyConnection, periods: list[str]) -> pd.DataFrame:
    """Flows and amounts by period and colour, plus the automation rate per period."""
    return con.execute(
        """
        select period, status, count(*) as flows, sum(abs(amount)) as amount,
               count(*) filter (where status = 'green' and closed_by = 'auto') as auto_closed
        from recon_flow_status where period in (select unnest($periods::varchar[]))
        group by all order by period, status
        """,
        {"periods": periods},
    ).df()


def dashboard_chart(board: pd.DataFrame) -> alt.Chart:
    """Stacked bars of flows per period coloured red / yellow / green."""
    order = list(STATUS_COLOURS)
    return (
        alt.Chart(board)
        .mark_bar()
        .encode(
            x=alt.X("period:O", title="period"),
            y=alt.Y("flows:Q", title="flows"),
            color=alt.Color(
                "status:N",
                scale=alt.Scale(domain=order, range=[STATUS_COLOURS[s] for s in order]),
                sort=order,
            ),
            order=alt.Order("status_rank:Q"),
            tooltip=["period", "status", "flows", alt.Tooltip("amount:Q", format=",.2f")],
        )
        .transform_calculate(
            status_rank="datum.status == 'red' ? 0 : datum.status == 'yellow' ? 1 : 2"
        )
        .properties(title="Reconciliation: flows by status", width=480, height=240)
    )


def top_unmatched(
    con: duckdb.DuckDBPyConnection, periods: list[str], limit: int = 20
) -> pd.DataFrame:
    """The largest red flows (by amount) with their reason: the first things to look at."""
    df = flows(con, periods)
    red = df[df["status"] == "red"].copy()
    red["abs_amount"] = red["amount"].abs()
    cols = [
        "period",
        "flow_id",
        "booked_at",
        "counterparty",
        "memo",
        "amount",
        "match_status",
        "reason",
    ]
    return red.sort_values(["abs_amount", "flow_id"], ascending=[False, True])[cols].head(limit)


def differences_by_cause(con: duckdb.DuckDBPyConnection, periods: list[str]) -> pd.DataFrame:
    """Non-green flows grouped by machine cause: count, amount and absolute difference."""
    return con.execute(
        """
        select match_status as cause, status, count(*) as flows, sum(amount) as amount,
               sum(abs(coalesce(difference, amount))) as abs_difference
        from recon_flow_status
        where period in (select unnest($periods::varchar[])) and status <> 'green'
        group by all order by abs_difference desc
        """,
        {"periods": periods},
    ).df()


def money_by_state(con: duckdb.DuckDBPyConnection, periods: list[str]) -> pd.DataFrame:
    """Allocated money by state: ``final`` (green flows, bookable), ``provisional`` (yellow
    flows, until a person decides) and ``unallocated`` (overpayment excess, on no order)."""
    return con.execute(
        """
        select allocation_state as state, component, count(*) as rows, sum(amount) as amount
        from allocations
        where period in (select unnest($periods::varchar[]))
        group by all order by state, component
        """,
        {"periods": periods},
    ).df()


def drilldown(con: duckdb.DuckDBPyConnection, flow_id: str) -> dict[str, pd.DataFrame]:
    """One flow down to its orders, lines and evidence: status, matches, allocations."""
    status = con.execute(
        "select * from recon_flow_status where flow_id = ? order by period", [flow_id]
    ).df()
    matches = con.execute(
        """
        select m.order_id, o.channel_order_no, o.erp_order_no, m.component, m.matched_amount,
               m.rule, m.confidence, m.decided_by, m.match_state, m.evidence
        from recon_matches m left join orders o using (order_id)
        where m.flow_id = ? order by m.order_id, m.component
        """,
        [flow_id],
    ).df()
    lines = con.execute(
        """
        select a.order_id, a.line_id, l.sku, l.qty, l.line_amount, l.weight_kg, l.service_hours,
               a.component, a.amount, a.rule, a.allocation_state
        from allocations a left join order_lines l using (line_id)
        where a.flow_id = ? order by a.order_id nulls last, a.line_id, a.component
        """,
        [flow_id],
    ).df()
    source = con.execute(
        """
        select txn_id as flow_id, booked_at, amount, counterparty_name, memo from bank_transactions
        where txn_id = $f
        union all
        select bill_id, settled_at, net_amount, platform, channel_order_no from payment_bills
        where bill_id = $f
        """,
        {"f": flow_id},
    ).df()
    return {"flow": source, "status": status, "matches": matches, "allocations": lines}


def pick_drilldown_flow(con: duckdb.DuckDBPyConnection, periods: list[str]) -> str | None:
    """A representative flow to drill into: the bank flow paying the most orders."""
    rows = con.execute(
        """
        select flow_id from recon_matches
        where period in (select unnest($periods::varchar[])) and flow_source = 'bank'
          and rule <> 'settlement_bills'
        group by flow_id order by count(distinct order_id) desc, count(*) desc, flow_id limit 1
        """,
        {"periods": periods},
    ).fetchall()
    return rows[0][0] if rows else None
