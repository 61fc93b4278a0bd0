-- Systems that record the same stage of an order disagree on when it happened by more than
-- $minutes minutes (each system's first record of the stage is compared).
-- Parameters: $as_of (timestamp), $minutes (number).
WITH firsts AS (
    SELECT
        order_id,
        status,
        system,
        MIN(observed_at) AS first_at,
        ARG_MIN(snapshot_id, observed_at) AS snapshot_id,
        ARG_MIN(operator, observed_at) AS operator,
        ARG_MIN(source, observed_at) AS source
    FROM status_snapshots
    WHERE observed_at <= CAST($as_of AS TIMESTAMP)
    GROUP BY order_id, status, system
), stages AS (
    SELECT
        order_id,
        status,
        DATE_DIFF('second', MIN(first_at), MAX(first_at)) / 60.0 AS spread_minutes,
        LIST({
            'table': 'status_snapshots',
            'snapshot_id': snapshot_id,
            'stage': status,
            'system': system,
            'observed_at': first_at,
            'operator': operator,
            'source': source
        } ORDER BY first_at) AS snapshots
    FROM firsts
    GROUP BY order_id, status
    HAVING COUNT(*) >= 2 AND DATE_DIFF('second', MIN(first_at), MAX(first_at)) > CAST($minutes AS DOUBLE) * 60
)
SELECT
    order_id AS entity_id,
    order_id,
    'systems disagree on ' || STRING_AGG(status || ' by ' || CAST(ROUND(spread_minutes, 1) AS VARCHAR) || ' min', ', ' ORDER BY spread_minutes DESC)
        AS summary,
    TO_JSON(FLATTEN(LIST(snapshots))) AS evidence
FROM stages
GROUP BY order_id
