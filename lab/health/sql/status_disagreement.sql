-- Systems that record the same stage of an order disagree on when it happened by more than
-- $minutes minutes (each system's first record of the stage is compared). Two phases: spreads
-- are computed for every (order, stage) without building evidence, then evidence rows are
-- gathered only for the disagreeing few.
-- Parameters: $as_of (timestamp), $minutes (number).
WITH firsts AS (
    SELECT order_id, status, system, MIN(observed_at) AS first_at
    FROM status_snapshots
    WHERE observed_at <= CAST($as_of AS TIMESTAMP)
    GROUP BY order_id, status, system
), stages AS (
    SELECT
        order_id,
        status,
        DATE_DIFF('second', MIN(first_at), MAX(first_at)) / 60.0 AS spread_minutes
    FROM firsts
    GROUP BY order_id, status
    HAVING COUNT(*) >= 2 AND DATE_DIFF('second', MIN(first_at), MAX(first_at)) > CAST($minutes AS DOUBLE) * 60
), records AS (
    SELECT
        s.order_id,
        s.status,
        s.system,
        MIN(s.observed_at) AS first_at,
        ARG_MIN(s.snapshot_id, s.observed_at) AS snapshot_id,
        ARG_MIN(s.operator, s.observed_at) AS operator,
        ARG_MIN(s.source, s.observed_at) AS source
    FROM status_snapshots AS s
    SEMI JOIN stages AS st
        ON st.order_id = s.order_id AND st.status = s.status
    WHERE s.observed_at <= CAST($as_of AS TIMESTAMP)
    GROUP BY s.order_id, s.status, s.system
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
    FROM records
    GROUP BY order_id
)
SELECT
    st.order_id AS entity_id,
    st.order_id,
    'systems disagree on ' || STRING_AGG(
        st.status || ' by ' || CAST(ROUND(st.spread_minutes, 1) AS VARCHAR) || ' min', ', '
        ORDER BY st.spread_minutes DESC
    ) AS summary,
    TO_JSON(ANY_VALUE(e.snapshots)) AS evidence
FROM stages AS st
JOIN evidence AS e
    ON e.order_id = st.order_id
GROUP BY st.order_id
