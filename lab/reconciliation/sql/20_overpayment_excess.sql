-- An overpayment keeps on each order only what the order is due; the excess becomes one
-- 'unallocated' part of the flow (no order, no line), never money on order lines.
-- Per order: what it may still receive (19_paid_ceiling) or, for a flow over its references'
-- expected amounts, the parts' expected amounts. The kept amount is split over the order's
-- components by rounding.split_exactly (_r_keep_src → _r_keep).
create or replace temp table _r_keep_src as
with p as (
    select p.*, c.due - c.before as may_receive
    from _r_parts p
    join _r_flows f using (flow_id)
    left join _r_ceiling c using (flow_id, order_id)
    where f.match_status = 'overpayment' and p.rule <> 'settlement_bills'
      and p.order_id is not null and p.component in ('full', 'goods', 'freight', 'service')
), o as (
    select *,
        sum(matched_amount) over (partition by flow_id, order_id) as order_matched,
        sum(least(matched_amount, coalesce(expected, matched_amount)))
            over (partition by flow_id, order_id) as order_expected
    from p
)
select flow_id || '|' || order_id as grp, component as item,
       cast(greatest(least(order_matched,
                           coalesce(may_receive, order_expected)), 0) as decimal(14, 2))
           as total,
       case when may_receive is null then least(matched_amount, coalesce(expected, matched_amount))
            else matched_amount end as weight,
       flow_id, order_id, component, matched_amount as old_amount
from o;
