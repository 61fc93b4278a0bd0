-- Per order: did the same customer place another order within 30 days after it?
-- Used by the repurchase_rate metric (semantic model `order_repurchase`).
SELECT
    order_id,
    COALESCE(
        LEAD(created_at) OVER (PARTITION BY customer_id ORDER BY created_at, order_id)
            <= created_at + INTERVAL 30 DAY,
        FALSE
    ) AS repurchased_within_30d
FROM orders
