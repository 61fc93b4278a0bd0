-- Example automation rule: the nightly auto-cancel job for unpaid orders.
-- It was written when payment_status had no partial_paid value: deposit pre-sale orders that
-- stay partial_paid past their balance deadline are silently skipped by it.
-- `orderlens impact payment_status` flags this rule (the 2,371 closed pre-sale orders story).
UPDATE orders
SET order_status = 'cancelled'
WHERE
    payment_status = 'unpaid'
    AND order_status = 'pending_payment'
    AND created_at < CURRENT_TIMESTAMP - INTERVAL 3 DAY
