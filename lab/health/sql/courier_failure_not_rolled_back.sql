-- The latest shipment of a still-shipped order had a courier failure (pickup failed, API
-- timeout, invalid tracking number), no pickup came after it and the ERP never rolled the
-- order back to awaiting_shipment. Failures younger than $grace_minutes are not judged yet.
-- Parameters: $as_of (timestamp), $grace_minutes (integer).
WITH latest AS (
    SELECT
        s.shipment_id,
        s.order_id,
        s.carrier,
        s.tracking_no
    FROM shipments AS s
    JOIN orders AS o
        ON o.order_id = s.order_id
    WHERE
        o.order_status = 'shipped'
        AND COALESCE(s.erp_shipped_at, s.ready_at) <= CAST($as_of AS TIMESTAMP)
    QUALIFY ROW_NUMBER() OVER (
        PARTITION BY s.order_id
        ORDER BY COALESCE(s.erp_shipped_at, s.ready_at) DESC, s.shipment_id DESC
    ) = 1
), shipment_events AS (
    SELECT l.shipment_id, e.event_id, e.event_time, e.status_code, e.status_text, e.is_api_error
    FROM tracking_events AS e
    JOIN latest AS l
        ON l.shipment_id = e.shipment_id
    WHERE e.event_time <= CAST($as_of AS TIMESTAMP)
    UNION ALL
    SELECT l.shipment_id, e.event_id, e.event_time, e.status_code, e.status_text, e.is_api_error
    FROM tracking_events AS e
    JOIN latest AS l
        ON l.tracking_no = e.tracking_no
    WHERE e.shipment_id IS NULL AND e.event_time <= CAST($as_of AS TIMESTAMP)
), failures AS (
    SELECT
        shipment_id,
        MIN(event_time) AS first_failure_at,
        MAX(event_time) AS last_failure_at,
        LIST({
            'table': 'tracking_events',
            'event_id': event_id,
            'event_time': event_time,
            'status_code': status_code,
            'status_text': status_text,
            'is_api_error': is_api_error
        } ORDER BY event_time) AS failure_events
    FROM shipment_events
    WHERE status_code IN ('PICKUP_FAILED', 'API_TIMEOUT', 'INVALID_NUMBER')
    GROUP BY shipment_id
), pickups AS (
    SELECT shipment_id, MAX(event_time) AS last_pickup_at
    FROM shipment_events
    WHERE status_code = 'PICKED_UP'
    GROUP BY shipment_id
), rollbacks AS (
    SELECT order_id, MAX(observed_at) AS last_rollback_at
    FROM status_snapshots
    WHERE
        system = 'erp'
        AND status = 'awaiting_shipment'
        AND observed_at <= CAST($as_of AS TIMESTAMP)
    GROUP BY order_id
)
SELECT
    l.order_id AS entity_id,
    l.order_id,
    'courier failure ' || f.failure_events[-1].status_code || ' at '
        || STRFTIME(f.last_failure_at, '%Y-%m-%d %H:%M') || ' on ' || l.carrier || ' ' || l.tracking_no
        || ': order still shipped, never rolled back to awaiting_shipment' AS summary,
    TO_JSON(f.failure_events) AS evidence,
    f.first_failure_at + TO_MINUTES(CAST($grace_minutes AS BIGINT)) AS detected_at
FROM latest AS l
JOIN failures AS f
    ON f.shipment_id = l.shipment_id
LEFT JOIN pickups AS p
    ON p.shipment_id = l.shipment_id
LEFT JOIN rollbacks AS r
    ON r.order_id = l.order_id
WHERE
    f.first_failure_at <= CAST($as_of AS TIMESTAMP) - TO_MINUTES(CAST($grace_minutes AS BIGINT))
    AND (p.last_pickup_at IS NULL OR p.last_pickup_at < f.last_failure_at)
    AND (r.last_rollback_at IS NULL OR r.last_rollback_at < f.first_failure_at)
