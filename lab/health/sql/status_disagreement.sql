-- Systems that record the same stage of an order disagree on when it happened by more than
-- $minutes minutes (each system's first record of the stage is compared). Phases: a cheap
-- necessary condition over every (order, stage) (latest - earliest record > $minutes), the
-- exact per-system comparison only for those candidates, then evidence for the disagreeing few.
-- Parameters: $as_of (timestamp), $minutes (number).
WITH candidates AS (
    SELECT order_id, status
    FROM status_snapshots
    WHERE observed_at <= CAST($as_of AS TIMESTAMP)
    GROUP BY order_id, status
    HAVING DATE_DIFF('second', MIN(observed_at), MAX(observed_at)) > CAST($minutes AS DOUBLE) * 60
), firsts AS MATERIALIZED (
    SELECT
        s.order_id,
        s.status,
        s.system,
        MIN(s.observed_at) AS first_at,
        ARG_MIN(s.snapshot_id, s.observed_at) AS snapshot_id,
        ARG_MIN(s.operator, s.observed_at) AS operator,
        ARG_MIN(s.source, s.observed_at) AS source
    FROM status_snapshots AS s
    SEMI JOIN candidates AS c
        ON c.order_id = s.order_id AND c.status = s.status
    WHERE s.observed_at <= CAST($as_of AS TIMESTAMP)
    GROUP BY s.order_id, s.status, s.system
), stages AS (
    SELECT
        order_id,
        status,
        DATE_DIFF('second', MIN(first_at), MAX(first_at)) / 60.0 AS spread_minutes,
        MAX(first_at) AS late_record_at
    FROM firsts
    GROUP BY order_id, status
    HAVING COUNT(*) >= 2 AND DATE_DIFF('second', MIN(first_at), MAX(first_at)) > CAST($minutes AS DOUBLE) * 60
), evidence AS (
    SELECT
        order_id,
        LIST({
            'table': 'status_snapshots',
            'snapshot_id': snapshot_id,
            'stage': status,
            'system': system,
            'observed_at': first_at,
            'operator': operator,
            'source': source
        } ORDER BY status, first_at) AS snapshots
    FROM firsts AS f
    SEMI JOIN stages AS st
        ON st.order_id = f.order_id AND st.status = f.status
    GROUP BY order_id
)
SELECT
    st.order_id AS entity_id,
    st.order_id,
    'systems disagree on ' || STRING_AGG(
        st.status || ' by ' || CAST(ROUND(st.spread_minutes, 1) AS VARCHAR) || ' min', ', '
        ORDER BY st.spread_minutes DESC
    ) AS summary,
    TO_JSON(ANY_VALUE(e.snapshots)) AS evidence,
    MIN(st.late_record_at) AS detected_at
FROM stages AS st
JOIN evidence AS e
    ON e.order_id = st.order_id
GROUP BY st.order_id
