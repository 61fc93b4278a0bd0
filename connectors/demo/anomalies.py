"""The exact, executable definition of every injected anomaly type (ground truth checks).

Why: ``anomaly_labels`` is only useful as ground truth if each label is TRUE of the data and no
unlabelled row satisfies the same definition. Each definition here is one static SQL query over
the warehouse returning the ids that satisfy it; :func:`verify_labels` compares them with the
labels. ``docs/warehouse.md`` quotes these definitions; the tests and ``make eval`` run them.

The as-of instant of a demo warehouse is the day after its last ``freight_index`` day
(the index covers the 730 days ending at ``end_date``).
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb

AS_OF = "(SELECT max(index_date) + INTERVAL 1 DAY FROM freight_index)"
FAILURE_CODES = "('PICKUP_FAILED', 'API_TIMEOUT', 'INVALID_NUMBER')"

DEFINITIONS: dict[str, tuple[str, str]] = {
    "shipped_not_picked_up": (
        "order",
        f"""
        SELECT DISTINCT o.order_id FROM orders o JOIN shipments s USING (order_id)
        WHERE o.order_status = 'shipped' AND s.erp_shipped_at IS NOT NULL
          AND s.outbound_scan_at IS NULL AND s.pickup_at IS NULL
          AND s.erp_shipped_at < {AS_OF} - INTERVAL 24 HOUR
          AND NOT EXISTS (SELECT 1 FROM tracking_events e
                          WHERE e.shipment_id = s.shipment_id AND e.status_code = 'PICKED_UP')
        """,
    ),
    "courier_failure_not_rolled_back": (
        "order",
        f"""
        WITH latest AS (
          SELECT * FROM shipments
          QUALIFY row_number() OVER (PARTITION BY order_id
                                     ORDER BY erp_shipped_at DESC, shipment_id DESC) = 1
        ), failed AS (
          SELECT l.order_id, l.shipment_id, max(e.event_time) AS failed_at
          FROM latest l JOIN tracking_events e ON e.shipment_id = l.shipment_id
          WHERE e.status_code IN {FAILURE_CODES}
          GROUP BY ALL
        )
        SELECT f.order_id FROM failed f JOIN orders o USING (order_id)
        WHERE o.order_status = 'shipped'
          AND NOT EXISTS (SELECT 1 FROM tracking_events e WHERE e.shipment_id = f.shipment_id
                          AND e.status_code = 'PICKED_UP' AND e.event_time > f.failed_at)
          AND NOT EXISTS (SELECT 1 FROM status_snapshots s WHERE s.order_id = f.order_id
                          AND s.system = 'erp' AND s.status = 'awaiting_shipment'
                          AND s.observed_at > f.failed_at)
        """,
    ),
    "status_disagreement": (
        "order",
        """
        WITH first_seen AS (
          SELECT order_id, status, system, min(observed_at) AS t
          FROM status_snapshots GROUP BY ALL
        )
        SELECT DISTINCT order_id FROM first_seen
        GROUP BY order_id, status
        HAVING count(*) >= 2 AND max(t) - min(t) > INTERVAL 15 MINUTE
        """,
    ),
    "inconsistent_ids": (
        "order",
        """
        SELECT DISTINCT s.order_id FROM status_snapshots s
        WHERE NOT EXISTS (SELECT 1 FROM order_id_map m WHERE m.system = s.system
                          AND m.order_id = s.order_id AND m.external_id = s.external_id)
        """,
    ),
    "unmatched_bank_flow": (
        "bank_transaction",
        """
        SELECT b.txn_id FROM bank_transactions b
        WHERE b.amount > 0
          AND NOT EXISTS (SELECT 1 FROM bank_truth t WHERE t.txn_id = b.txn_id)
          AND NOT regexp_matches(coalesce(b.memo, ''), '[0-9０-９]{6}|结算')
          AND NOT EXISTS (SELECT 1 FROM orders o JOIN customers c USING (customer_id)
                          WHERE c.customer_name = b.counterparty_name
                            AND o.paid_amount = b.amount AND o.paid_at IS NOT NULL)
        """,
    ),
    "duplicate_bank_line": (
        "bank_transaction",
        """
        SELECT DISTINCT b2.txn_id
        FROM bank_transactions b1 JOIN bank_transactions b2
          ON b1.account_no = b2.account_no AND b1.amount = b2.amount
         AND b1.counterparty_name IS NOT DISTINCT FROM b2.counterparty_name
         AND b1.memo IS NOT DISTINCT FROM b2.memo
         AND b2.booked_at >= b1.booked_at AND b2.txn_id > b1.txn_id
         AND b2.booked_at <= b1.booked_at + INTERVAL 10 MINUTE
        """,
    ),
    "allocation_mismatch": (
        "order",
        """
        SELECT t.order_id FROM bank_truth t
        JOIN orders o USING (order_id) JOIN customers c USING (customer_id)
        WHERE t.component = 'freight' AND c.is_b2b
        GROUP BY t.order_id, o.shipping_fee
        HAVING abs(sum(t.amount) - o.shipping_fee) > 0.005 * o.shipping_fee
        """,
    ),
    "autocancel_missed_partial_paid": (
        "order",
        f"""
        SELECT order_id FROM orders
        WHERE is_presale AND payment_status = 'partial_paid' AND order_status <> 'cancelled'
          AND created_at + INTERVAL 7 DAY < {AS_OF}
        """,
    ),
    "refund_without_return": (
        "return",
        """
        SELECT return_id FROM returns
        WHERE refund_amount > 0 AND refunded_at IS NOT NULL AND received_at IS NULL
        """,
    ),
}
ANOMALY_TYPES: tuple[str, ...] = tuple(DEFINITIONS)


@dataclass(frozen=True)
class LabelCheck:
    """How one anomaly type's labels compare with its definition evaluated on the data."""

    anomaly_type: str
    labelled: frozenset[str]
    satisfying: frozenset[str]

    @property
    def verified(self) -> frozenset[str]:
        """Labels that are true of the data."""
        return self.labelled & self.satisfying

    @property
    def unlabelled(self) -> frozenset[str]:
        """Rows satisfying the definition that carry no label (must be empty)."""
        return self.satisfying - self.labelled


def satisfying_ids(con: duckdb.DuckDBPyConnection, anomaly_type: str) -> frozenset[str]:
    """Ids that satisfy the definition of ``anomaly_type`` in the warehouse behind ``con``."""
    _, sql = DEFINITIONS[anomaly_type]
    return frozenset(r[0] for r in con.execute(sql).fetchall())


def verify_labels(con: duckdb.DuckDBPyConnection) -> dict[str, LabelCheck]:
    """Evaluate every definition and compare it with ``anomaly_labels``."""
    checks = {}
    for kind, (entity, _) in DEFINITIONS.items():
        labelled = frozenset(
            r[0]
            for r in con.execute(
                "SELECT entity_id FROM anomaly_labels WHERE anomaly_type = ? AND entity = ?",
                [kind, entity],
            ).fetchall()
        )
        checks[kind] = LabelCheck(kind, labelled, satisfying_ids(con, kind))
    return checks
