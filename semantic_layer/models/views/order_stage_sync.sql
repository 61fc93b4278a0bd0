SELECT
    order_id || '|' || status AS order_stage_id,
    order_id,
    status AS stage,
    COUNT(DISTINCT system) AS systems,
    MIN(observed_at) AS first_observed_at,
    DATE_DIFF('second', MIN(observed_at), MAX(observed_at)) / 60.0 AS sync_delay_minutes
FROM status_snapshots
GROUP BY order_id, status
