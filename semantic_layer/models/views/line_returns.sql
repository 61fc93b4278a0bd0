-- Per order line that had a return: the units of that line that came back (capped at the units
-- sold on the line) and the amount refunded on them. Rejected return requests are not returns.
-- Used by the sales-cohort return metrics (return_rate, return_rate_by_order, refund_rate): the
-- returns are attributed to the line's ORDER date, so a rate compares units of the same orders.
SELECT
    r.line_id,
    LEAST(SUM(r.qty), ANY_VALUE(l.qty)) AS returned_qty,
    SUM(COALESCE(r.refund_amount, 0)) AS refunded_amount
FROM returns AS r
JOIN order_lines AS l
    ON l.line_id = r.line_id
WHERE r.return_status IS DISTINCT FROM 'rejected'
GROUP BY r.line_id
