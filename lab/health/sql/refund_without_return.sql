-- Money went back to the customer but the warehouse never received the goods (or received
-- them only after the refund): refunded without a received return.
-- Parameters: $as_of (timestamp).
SELECT
    r.return_id AS entity_id,
    r.order_id,
    'refunded ' || CAST(r.refund_amount AS VARCHAR) || ' CNY on ' || STRFTIME(r.refunded_at, '%Y-%m-%d')
        || ' for ' || r.sku || ' x' || CAST(r.qty AS VARCHAR)
        || CASE WHEN r.received_at IS NULL OR r.received_at > CAST($as_of AS TIMESTAMP)
            THEN ' but the return was never received'
            ELSE ' but the return was received only on ' || STRFTIME(r.received_at, '%Y-%m-%d') END AS summary,
    TO_JSON([{
        'table': 'returns',
        'return_id': r.return_id,
        'line_id': r.line_id,
        'sku': r.sku,
        'qty': r.qty,
        'reason': r.reason,
        'requested_at': r.requested_at,
        'received_at': r.received_at,
        'refund_amount': r.refund_amount,
        'refunded_at': r.refunded_at,
        'return_status': r.return_status
    }]) AS evidence,
    r.refunded_at AS detected_at
FROM returns AS r
WHERE
    r.refund_amount > 0
    AND r.refunded_at <= CAST($as_of AS TIMESTAMP)
    AND (r.received_at IS NULL OR r.received_at > r.refunded_at OR r.received_at > CAST($as_of AS TIMESTAMP))
