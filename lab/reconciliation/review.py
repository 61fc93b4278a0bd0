"""Manual decisions by a reviewer: match a flow by hand, or close it with a reason.

Why separate from the engine: a person's decision is data the engine must respect, never
recompute. Rows written here have ``decided_by`` / ``closed_by`` = the reviewer's name, and
:func:`lab.reconciliation.engine.reconcile_period` leaves them untouched on every re-run.
"""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Sequence

import duckdb

from lab.reconciliation.config import Period
from lab.reconciliation.errors import ReconciliationError


def _id(*parts: str) -> str:
    return "MM-" + hashlib.md5("|".join(parts).encode()).hexdigest()[:16]


def decide_match(
    con: duckdb.DuckDBPyConnection,
    *,
    period: str,
    flow_id: str,
    matches: Sequence[tuple[str, float, str]],
    reviewer: str,
    note: str = "",
    flow_source: str = "bank",
) -> None:
    """Record that ``flow_id`` pays ``matches`` = [(order_id, amount, component), ...].

    Replaces any earlier manual decision of the same reviewer... and of anyone else for this
    flow and period: the latest decision wins. The flow turns green, closed by ``reviewer``.
    """
    label = Period.parse(period).label
    if not reviewer or reviewer == "auto":
        raise ReconciliationError("reviewer must be a person's name, not empty or 'auto'")
    con.execute("begin transaction")
    try:
        con.execute("delete from recon_matches where flow_id = ? and period = ?", [flow_id, label])
        for order_id, amount, component in matches:
            con.execute(
                "insert into recon_matches (match_id, flow_id, flow_source, order_id, component,"
                " matched_amount, rule, confidence, decided_by, period, evidence, match_state)"
                " values (?, ?, ?, ?, ?, ?, 'manual', 1.0, ?, ?, ?, 'final')",
                [
                    _id(label, flow_id, order_id, component),
                    flow_id, flow_source, order_id, component, amount, reviewer, label,
                    note or f"decided by {reviewer}",
                ],
            )  # fmt: skip
        con.execute(
            "delete from recon_flow_status where flow_id = ? and period = ?", [flow_id, label]
        )
        con.execute("commit")
    except Exception:
        con.execute("rollback")
        raise


def close_flow(
    con: duckdb.DuckDBPyConnection,
    *,
    period: str,
    flow_id: str,
    reviewer: str,
    reason: str,
    replace: bool = False,
) -> None:
    """Close a flow without matching it (e.g. a refunded duplicate): green, closed by a person.

    A flow another person already closed is refused, naming them and their reason, unless
    ``replace`` is set: two reviewers working the same month's list each read the flow as open,
    and the second close silently replaced the first one's name and reason (session 20). The
    same reviewer may close again with a new reason. The check and the write are one
    transaction, so of two reviewers closing at once one stands and the other is refused.
    """
    label = Period.parse(period).label
    if not reviewer or reviewer == "auto":
        raise ReconciliationError("reviewer must be a person's name, not empty or 'auto'")
    con.execute("begin transaction")
    try:
        row = con.execute(
            "select closed_by, reason from recon_flow_status where flow_id = ? and period = ?",
            [flow_id, label],
        ).fetchall()
        if not row:
            raise ReconciliationError(
                f"flow {flow_id!r} has no status in period {label}; run `orderlens reconcile "
                f"--period {label}` first"
            )
        closed_by, earlier = row[0]
        if closed_by not in (None, "auto", reviewer) and not replace:
            raise ReconciliationError(
                f"flow {flow_id!r} of {label} is already closed by {closed_by} ({earlier}); "
                "close it again with replace=True to replace their decision"
            )
        con.execute(
            """
            update recon_flow_status set status = 'green', closed_by = ?,
                   match_status = 'manual', reason = ? where flow_id = ? and period = ?
            """,
            [reviewer, f"closed by {reviewer}: {reason}", flow_id, label],
        )
        con.execute("commit")
    except duckdb.TransactionException as exc:  # the other reviewer's write came first
        with contextlib.suppress(duckdb.Error):
            con.execute("rollback")
        raise ReconciliationError(
            f"flow {flow_id!r} of {label} was changed by someone else while you closed it; "
            "look at it again before closing"
        ) from exc
    except Exception:
        with contextlib.suppress(duckdb.Error):
            con.execute("rollback")
        raise
