-- Flows without a usable reference: one open order of the same payer with the same amount.
-- Parameters: $amount_window_days, $lookahead_days.
create or replace temp table _r_noref as
select b.* from _r_bank b
where b.in_period and b.amount > 0
  and b.flow_id not in (select flow_id from _r_dups)
  and b.flow_id not in (select flow_id from _r_settle)
  and b.flow_id not in (select flow_id from _r_refcomp);

create or replace temp table _r_amount_cand as
with taken as (select distinct order_id from _r_refcomp),
n as (select * from _r_noref where flow_id not in (select flow_id from _r_refs)),
prior as (  -- orders partly paid by an earlier referenced whole-order transfer
    select order_id, sum(amount) as prior, max(booked_at) as last_at from _r_ref_orders
    where flow_id in (select flow_id from _r_ref_orders group by flow_id
                      having count(*) = 1 and bool_and(name_match))
      and list_has_all(['full', 'goods'], comps)
    group by order_id
),
amounts as (select distinct amount from n),
-- every way an order can be owed exactly one amount: equi-joinable (amount, order);
-- only amounts that some flow actually has are kept (a semi-join, not a scan per flow)
owed as (  -- with what the window and open-order gates below need from the order
    select order_id, paid_amount as owed, 'full' as part, null::timestamp as after,
           created_at, paid_at, customer_id
    from orders where order_status <> 'cancelled'
      and paid_amount in (select amount from amounts)
    union all
    select order_id, deposit_amount, 'deposit', null, created_at, paid_at, customer_id
    from orders
    where is_presale and deposit_amount > 0 and order_status <> 'cancelled'
      and deposit_amount in (select amount from amounts)
    union all
    select order_id, paid_amount - deposit_amount, 'balance', null, created_at, paid_at,
           customer_id
    from orders
    where is_presale and deposit_amount > 0 and order_status <> 'cancelled'
      and paid_amount - deposit_amount in (select amount from amounts)
    union all
    select o.order_id, o.paid_amount - p.prior, 'balance', p.last_at, o.created_at, o.paid_at,
           o.customer_id
    from orders o join prior p using (order_id)
    where o.order_status <> 'cancelled' and o.paid_amount - p.prior > 0
      and o.paid_amount - p.prior in (select amount from amounts)
)
-- the date window and the open-order gate are conditions of the one join on the amount
-- (not of a second join back to orders over every amount pair)
select n.flow_id, w.order_id, w.customer_id,
       _r_name(coalesce(c.customer_name, '')) = n.cp_key as name_match,
       w.part, w.created_at, n.booked_at
from n join owed w on w.owed = n.amount
 and w.created_at >= n.booked_at - to_days($amount_window_days::bigint)
 and w.created_at <= n.booked_at + to_days($lookahead_days::bigint)
 -- open at the time of payment: not already fully paid before this money arrived
 and (w.paid_at is null or w.paid_at >= n.booked_at - interval 1 day)
left join customers c on c.customer_id = w.customer_id
where (w.after is null and w.order_id not in (select order_id from taken))
   or (w.after is not null and w.after < n.booked_at)
qualify row_number() over (partition by n.flow_id, w.order_id order by w.part) = 1;

-- an order that is the unique candidate of two flows is not unique at all
create or replace temp table _r_amount_pick as
with named as (select * from _r_amount_cand where name_match),
per_flow as (select flow_id, count(*) as n, any_value(order_id) as order_id,
                    any_value(part) as part from named group by flow_id),
per_order as (select order_id, count(distinct flow_id) as n_flows from named group by order_id)
select f.flow_id, f.order_id, f.part, f.n, coalesce(po.n_flows, 0) as n_flows
from per_flow f left join per_order po using (order_id);
