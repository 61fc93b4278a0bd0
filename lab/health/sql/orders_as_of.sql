-- Every order with order_status and payment_status as they were at $as_of, so a replay judges a
-- past day with that day's statuses instead of today's. Not a check: every check that reads
-- `orders` reads this instead (lab/health/checks.py swaps the table for this CTE).
-- order_status: today's value when the ERP recorded nothing about the order after $as_of;
-- otherwise the status the ERP's last record at $as_of implies (created -> pending_payment;
-- paid, picking, awaiting_shipment -> awaiting_shipment; outbound ... out_for_delivery ->
-- shipped; delivered -> delivered; cancelled -> cancelled).
-- payment_status: fully paid at $as_of (paid_at) -> today's value, except that refunds not yet
-- paid at $as_of make it 'paid' again; not yet fully paid -> partial_paid for a pre-sale with a
-- deposit, else unpaid.
-- Parameters: $as_of (timestamp).
WITH erp AS (
    SELECT
        order_id,
        ARG_MAX(status, observed_at) FILTER (WHERE observed_at <= CAST($as_of AS TIMESTAMP)) AS stage_then,
        MAX(observed_at) AS last_record_at
    FROM status_snapshots
    WHERE system = 'erp'
    GROUP BY order_id
), refunded AS (
    SELECT DISTINCT order_id
    FROM returns
    WHERE refund_amount > 0 AND refunded_at <= CAST($as_of AS TIMESTAMP)
)
SELECT
    o.* EXCLUDE (order_status, payment_status),
    CASE
        WHEN e.last_record_at IS NULL OR e.last_record_at <= CAST($as_of AS TIMESTAMP)
            OR e.stage_then IS NULL
            THEN o.order_status
        WHEN e.stage_then = 'cancelled' THEN 'cancelled'
        WHEN e.stage_then = 'delivered' THEN 'delivered'
        WHEN e.stage_then IN ('outbound', 'picked_up', 'in_transit', 'out_for_delivery') THEN 'shipped'
        WHEN e.stage_then IN ('paid', 'picking', 'awaiting_shipment') THEN 'awaiting_shipment'
        WHEN e.stage_then = 'created' THEN 'pending_payment'
        ELSE o.order_status
    END AS order_status,
    CASE
        WHEN o.paid_at IS NOT NULL AND o.paid_at <= CAST($as_of AS TIMESTAMP)
            THEN CASE
                WHEN o.payment_status IN ('refunded', 'partially_refunded') AND r.order_id IS NULL
                    THEN 'paid'
                ELSE o.payment_status
            END
        WHEN o.paid_at IS NULL THEN o.payment_status
        WHEN o.is_presale AND o.deposit_amount > 0 THEN 'partial_paid'
        ELSE 'unpaid'
    END AS payment_status
FROM orders AS o
LEFT JOIN erp AS e
    ON e.order_id = o.order_id
LEFT JOIN refunded AS r
    ON r.order_id = o.order_id
