-- ERP says shipped, but no physical outbound scan or no courier pickup within $hours hours.
-- Shipments with a courier failure event are left to courier_failure_not_rolled_back.
-- Parameters: $as_of (timestamp), $hours (integer).
WITH shipped AS (
    SELECT
        s.shipment_id,
        s.order_id,
        s.carrier,
        s.tracking_no,
        s.erp_shipped_at,
        s.outbound_scan_at,
        s.pickup_at,
        LEAST(s.erp_shipped_at + TO_HOURS(CAST($hours AS BIGINT)), CAST($as_of AS TIMESTAMP)) AS deadline
    FROM shipments AS s
    JOIN orders AS o
        ON o.order_id = s.order_id
    WHERE
        o.order_status = 'shipped'
        AND s.erp_shipped_at IS NOT NULL
        AND s.erp_shipped_at <= CAST($as_of AS TIMESTAMP) - TO_HOURS(CAST($hours AS BIGINT))
), events AS (
    SELECT
        e.shipment_id,
        MIN(e.event_time) FILTER(WHERE e.status_code = 'PICKED_UP') AS first_pickup_event,
        COUNT(*) FILTER(WHERE e.status_code IN ('PICKUP_FAILED', 'API_TIMEOUT', 'INVALID_NUMBER')) AS failures
    FROM tracking_events AS e
    SEMI JOIN shipped AS sh
        ON sh.shipment_id = e.shipment_id
    WHERE e.event_time <= CAST($as_of AS TIMESTAMP)
    GROUP BY e.shipment_id
), judged AS (
    SELECT
        sh.*,
        ev.first_pickup_event,
        COALESCE(sh.outbound_scan_at <= sh.deadline, FALSE) AS scanned_in_time,
        COALESCE(sh.pickup_at <= sh.deadline, FALSE)
            OR COALESCE(ev.first_pickup_event <= sh.deadline, FALSE) AS picked_in_time
    FROM shipped AS sh
    LEFT JOIN events AS ev
        ON ev.shipment_id = sh.shipment_id
    WHERE COALESCE(ev.failures, 0) = 0
)
SELECT
    order_id AS entity_id,
    order_id,
    CASE
        WHEN NOT scanned_in_time AND NOT picked_in_time
            THEN 'ERP shipped ' || STRFTIME(erp_shipped_at, '%Y-%m-%d %H:%M') || ' on ' || shipment_id
                || ' but no outbound scan and no courier pickup within ' || CAST($hours AS VARCHAR) || ' h'
        WHEN NOT scanned_in_time
            THEN 'ERP shipped ' || STRFTIME(erp_shipped_at, '%Y-%m-%d %H:%M') || ' on ' || shipment_id
                || ' without a physical outbound scan within ' || CAST($hours AS VARCHAR) || ' h'
        ELSE 'ERP shipped and scanned out ' || STRFTIME(erp_shipped_at, '%Y-%m-%d %H:%M') || ' on ' || shipment_id
            || ' but no courier pickup within ' || CAST($hours AS VARCHAR) || ' h'
    END AS summary,
    TO_JSON([{
        'table': 'shipments',
        'shipment_id': shipment_id,
        'carrier': carrier,
        'tracking_no': tracking_no,
        'erp_shipped_at': erp_shipped_at,
        'outbound_scan_at': outbound_scan_at,
        'pickup_at': pickup_at,
        'first_pickup_event': first_pickup_event
    }]) AS evidence,
    erp_shipped_at + TO_HOURS(CAST($hours AS BIGINT)) AS detected_at
FROM judged
WHERE NOT scanned_in_time OR NOT picked_in_time
