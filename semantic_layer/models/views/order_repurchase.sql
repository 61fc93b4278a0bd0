-- Per order: did the same customer place another order within 30 days after it, and has the
-- order's 30-day follow-up window ended before the data's last order (follow_up_complete)?
-- An order of the last 30 days has not had its 30 days yet: "no repurchase so far" is not
-- "no repurchase". Used by repurchase_rate (every cohort, follow-up cut at the data's end) and
-- repurchase_rate_complete_follow_up (complete cohorts only).
SELECT
    order_id,
    COALESCE(
        LEAD(created_at) OVER (PARTITION BY customer_id ORDER BY created_at, order_id)
            <= created_at + INTERVAL 30 DAY,
        FALSE
    ) AS repurchased_within_30d,
    created_at + INTERVAL 30 DAY <= MAX(created_at) OVER () AS follow_up_complete
FROM orders
