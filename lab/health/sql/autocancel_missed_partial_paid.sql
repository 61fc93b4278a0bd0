-- Deposit pre-sale orders still partial_paid after the balance deadline (created_at +
-- $balance_due_days days) and not cancelled: an auto-cancel job that only knows
-- payment_status = 'unpaid' silently skips them.
-- Parameters: $as_of (timestamp), $balance_due_days (integer).
SELECT
    o.order_id AS entity_id,
    o.order_id,
    'pre-sale order partial_paid (deposit ' || CAST(o.deposit_amount AS VARCHAR) || ' of '
        || CAST(o.paid_amount AS VARCHAR) || ' CNY), balance due '
        || STRFTIME(o.created_at + TO_DAYS(CAST($balance_due_days AS INTEGER)), '%Y-%m-%d')
        || ', still ' || o.order_status AS summary,
    TO_JSON([{
        'table': 'orders',
        'order_id': o.order_id,
        'channel_order_no': o.channel_order_no,
        'created_at': o.created_at,
        'promotion': o.promotion,
        'payment_status': o.payment_status,
        'order_status': o.order_status,
        'deposit_amount': o.deposit_amount,
        'paid_amount': o.paid_amount
    }]) AS evidence,
    o.created_at + TO_DAYS(CAST($balance_due_days AS INTEGER)) AS detected_at
FROM orders AS o
WHERE
    o.is_presale
    AND o.payment_status = 'partial_paid'
    AND o.order_status <> 'cancelled'
    AND o.created_at + TO_DAYS(CAST($balance_due_days AS INTEGER)) < CAST($as_of AS TIMESTAMP)
