SELECT
    s.order_id,
    MIN(s.observed_at) AS first_snapshot_at,
    BOOL_AND(m.order_id IS NOT NULL) AS ids_consistent
FROM status_snapshots AS s
LEFT JOIN order_id_map AS m
    ON m.system = s.system AND m.external_id = s.external_id AND m.order_id = s.order_id
GROUP BY s.order_id
