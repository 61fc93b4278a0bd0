-- A system reported the order under an id that order_id_map does not hold for that
-- (system, order): a typo, a second ERP number, a tracking number of another order.
-- Parameters: $as_of (timestamp).
WITH unmapped AS MATERIALIZED (
    SELECT s.snapshot_id, s.order_id, s.system, s.status, s.observed_at, s.external_id
    FROM status_snapshots AS s
    ANTI JOIN order_id_map AS m
        ON m.system = s.system AND m.external_id = s.external_id AND m.order_id = s.order_id
    WHERE s.observed_at <= CAST($as_of AS TIMESTAMP)
), mapped AS (
    SELECT m.order_id, m.system, LIST(m.external_id ORDER BY m.external_id) AS mapped_ids
    FROM order_id_map AS m
    SEMI JOIN unmapped AS u
        ON u.order_id = m.order_id
    GROUP BY m.order_id, m.system
), pairs AS (
    SELECT DISTINCT u.order_id, u.system, u.external_id, mp.mapped_ids
    FROM unmapped AS u
    LEFT JOIN mapped AS mp
        ON mp.order_id = u.order_id AND mp.system = u.system
)
SELECT
    p.order_id AS entity_id,
    p.order_id,
    STRING_AGG(
        p.system || ' reports ' || COALESCE('''' || p.external_id || '''', 'no id') || ' but the id map holds '
            || COALESCE(ARRAY_TO_STRING(p.mapped_ids, ' / '), 'nothing'),
        '; ' ORDER BY p.system, p.external_id
    ) AS summary,
    TO_JSON(LIST({
        'table': 'status_snapshots',
        'system': p.system,
        'reported_id': p.external_id,
        'order_id_map': p.mapped_ids,
        'snapshot_ids': (
            SELECT LIST(u.snapshot_id ORDER BY u.observed_at) FROM unmapped AS u
            WHERE u.order_id = p.order_id AND u.system = p.system
                AND u.external_id IS NOT DISTINCT FROM p.external_id
        )
    } ORDER BY p.system)) AS evidence,
    (SELECT MIN(u.observed_at) FROM unmapped AS u WHERE u.order_id = p.order_id) AS detected_at
FROM pairs AS p
GROUP BY p.order_id
