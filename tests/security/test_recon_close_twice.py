"""Red team, session 20: two reviewers closing the same flow.

``review.close_flow`` read the flow, then overwrote it: when bob closed a flow ana had already
closed (two accountants working the same month's red list), his name and reason replaced hers
without a word, so the record of who closed it and why was lost (on the demo warehouse:
``closed by ana: refunded duplicate`` became ``closed by bob: customer paid twice``). The
planner's decisions already answer a second decision with who decided (409). Now a flow closed
by another person is an error naming that person and their reason; ``replace=True`` replaces
it on purpose, and the same reviewer may still re-close with a new reason. The check and the
write are one transaction.
"""

from __future__ import annotations

import threading

import duckdb
import pytest

from connectors.warehouse import connect
from lab.reconciliation.engine import reconcile_period
from lab.reconciliation.errors import ReconciliationError
from lab.reconciliation.review import close_flow
from tests.test_recon_matching import build_trap_warehouse


@pytest.fixture()
def recon_con():
    con = connect(":memory:")
    build_trap_warehouse(con)
    reconcile_period(con, "2026-01")
    yield con
    con.close()


def _closed(con: duckdb.DuckDBPyConnection, flow: str = "T08") -> tuple:
    return con.execute(
        "select status, closed_by, reason from recon_flow_status where flow_id = ?", [flow]
    ).fetchall()[0]


def test_a_flow_closed_by_another_reviewer_is_not_overwritten(recon_con) -> None:
    close_flow(recon_con, period="2026-01", flow_id="T08", reviewer="ana", reason="refunded")
    with pytest.raises(ReconciliationError) as refused:
        close_flow(recon_con, period="2026-01", flow_id="T08", reviewer="bob", reason="paid twice")
    message = str(refused.value)
    assert "ana" in message and "refunded" in message and "replace=True" in message
    assert _closed(recon_con) == ("green", "ana", "closed by ana: refunded")


def test_replacing_on_purpose_and_re_closing_ones_own(recon_con) -> None:
    close_flow(recon_con, period="2026-01", flow_id="T08", reviewer="ana", reason="refunded")
    close_flow(recon_con, period="2026-01", flow_id="T08", reviewer="ana", reason="refund sent")
    assert _closed(recon_con) == ("green", "ana", "closed by ana: refund sent")
    close_flow(
        recon_con, period="2026-01", flow_id="T08", reviewer="bob", reason="paid twice",
        replace=True,
    )  # fmt: skip
    assert _closed(recon_con) == ("green", "bob", "closed by bob: paid twice")


def test_two_reviewers_at_once_one_close_stands(recon_con) -> None:
    results: dict[str, str] = {}
    start = threading.Barrier(2)

    def close(reviewer: str) -> None:
        cursor = recon_con.cursor()  # each reviewer's own connection to the warehouse
        start.wait()
        try:
            close_flow(cursor, period="2026-01", flow_id="T08", reviewer=reviewer, reason="done")
            results[reviewer] = "closed"
        except ReconciliationError as exc:  # a DuckDB conflict is said in these words too
            results[reviewer] = f"refused: {exc}"
        finally:
            cursor.close()

    threads = [threading.Thread(target=close, args=(r,)) for r in ("ana", "bob")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    winners = [r for r, outcome in results.items() if outcome == "closed"]
    assert len(winners) == 1, results
    assert _closed(recon_con) == ("green", winners[0], f"closed by {winners[0]}: done")
