-- The promised delivery date passed by more than $grace_days days without a delivery scan
-- (open), or the parcel arrived after the promise (late; only promises in the last
-- $lookback_days days, so history does not flood the list). Cancelled orders are skipped, and
-- so are orders that never needed a delivery: fulfilled without any shipment (a POS till sale
-- or a store pickup is completed at the counter) or never paid. The promised day counts as
-- missed once it is over (its midnight is at or before $as_of).
-- Parameters: $as_of (timestamp), $grace_days (integer), $lookback_days (integer).
WITH delivered AS (
    SELECT
        order_id,
        MAX(delivered_at) AS delivered_at,
        ARG_MAX(shipment_id, delivered_at) AS shipment_id,
        ARG_MAX(tracking_no, delivered_at) AS tracking_no
    FROM shipments
    WHERE delivered_at <= CAST($as_of AS TIMESTAMP)
    GROUP BY order_id
), shipped_orders AS (
    SELECT DISTINCT order_id FROM shipments
), judged AS (
    SELECT
        o.order_id,
        o.order_status,
        o.promised_delivery_date,
        d.delivered_at,
        d.shipment_id,
        d.tracking_no,
        CASE
            WHEN d.delivered_at IS NULL
                THEN DATE_DIFF('day', o.promised_delivery_date, CAST(CAST($as_of AS TIMESTAMP) AS DATE))
            ELSE DATE_DIFF('day', o.promised_delivery_date, CAST(d.delivered_at AS DATE))
        END AS days_late
    FROM orders AS o
    LEFT JOIN delivered AS d
        ON d.order_id = o.order_id
    LEFT JOIN shipped_orders AS so
        ON so.order_id = o.order_id
    WHERE
        o.promised_delivery_date IS NOT NULL
        AND o.order_status <> 'cancelled'
        AND o.payment_status NOT IN ('unpaid', 'partial_paid')
        AND NOT (so.order_id IS NULL AND o.order_status IN ('completed', 'delivered'))
        AND o.created_at <= CAST($as_of AS TIMESTAMP)
        AND CAST(o.promised_delivery_date AS TIMESTAMP) + INTERVAL 1 DAY <= CAST($as_of AS TIMESTAMP)
)
SELECT
    order_id AS entity_id,
    order_id,
    CASE
        WHEN delivered_at IS NULL
            THEN 'promised ' || CAST(promised_delivery_date AS VARCHAR) || ', not delivered yet ('
                || CAST(days_late AS VARCHAR) || ' days overdue, status ' || order_status || ')'
        ELSE 'promised ' || CAST(promised_delivery_date AS VARCHAR) || ', delivered '
            || CAST(CAST(delivered_at AS DATE) AS VARCHAR) || ' (' || CAST(days_late AS VARCHAR) || ' days late)'
    END AS summary,
    TO_JSON([{
        'table': 'orders',
        'order_id': order_id,
        'order_status': order_status,
        'promised_delivery_date': promised_delivery_date,
        'shipment_id': shipment_id,
        'tracking_no': tracking_no,
        'delivered_at': delivered_at,
        'days_late': days_late
    }]) AS evidence,
    CAST(promised_delivery_date AS TIMESTAMP) + TO_DAYS(1 + CAST($grace_days AS INTEGER)) AS detected_at
FROM judged
WHERE
    days_late > CAST($grace_days AS INTEGER)
    AND (
        delivered_at IS NULL
        OR promised_delivery_date >= CAST(CAST($as_of AS TIMESTAMP) AS DATE) - CAST($lookback_days AS INTEGER)
    )
