-- Flows whose known parts leave a gap, with every reading that could explain it: a goods part
-- read as the whole order (+ shipping fee) or an unmentioned service fee of a named order.
-- The unique subset that closes the gap to the cent is chosen in Python. Parameter: $cent.
with t as (
    select flow_id, any_value(amount) as amount, sum(coalesce(expected0, 0)) as known,
           count(*) filter (where expected0 is null) as n_unknown
    from _r_refcomp group by flow_id
), extra as (
    select c.flow_id, c.order_id, 'upgrade' as kind, c.shipping_fee as fee
    from _r_refcomp c
    where c.component = 'goods' and c.inst is null and c.shipping_fee > 0
      and not exists (select 1 from _r_refcomp f where f.flow_id = c.flow_id
                      and f.order_id = c.order_id and f.component in ('freight', 'full'))
    union all
    select distinct c.flow_id, c.order_id, 'service', c.service_fee
    from _r_refcomp c
    where c.service_fee > 0
      and not exists (select 1 from _r_refcomp f where f.flow_id = c.flow_id
                      and f.order_id = c.order_id and f.component = 'service')
)
select t.flow_id, t.amount - t.known as gap,
       list(e.order_id order by e.order_id, e.kind) as orders,
       list(e.kind order by e.order_id, e.kind) as kinds,
       list(e.fee order by e.order_id, e.kind) as fees
from t join extra e using (flow_id)
where t.n_unknown = 0 and t.amount - t.known > $cent
group by t.flow_id, t.amount, t.known;
