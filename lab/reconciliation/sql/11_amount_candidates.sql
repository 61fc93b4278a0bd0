-- Flows without a usable reference: one open order of the same payer with the same amount.
-- Parameters: $amount_window_days, $lookahead_days.
create or replace temp table _r_noref as
select b.* from _r_bank b
where b.in_period and b.amount > 0
  and b.flow_id not in (select flow_id from _r_dups)
  and b.flow_id not in (select flow_id from _r_settle)
  and b.flow_id not in (select flow_id from _r_refcomp);

create or replace temp table _r_amount_cand as
-- orders a memo reference of this period names, and when the first such flow was booked: an
-- order named only by a LATER flow was still open when this money came (a near-tie if another
-- order also fits), but is never picked for it alone (later_ref)
with taken as (select order_id, min(booked_at) as first_at from _r_refcomp group by order_id),
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
       w.part, w.created_at, n.booked_at, t.first_at is not null as later_ref
from n join owed w on w.owed = n.amount
 and w.created_at >= n.booked_at - to_days($amount_window_days::bigint)
 and w.created_at <= n.booked_at + to_days($lookahead_days::bigint)
 -- open at the time of payment: not already fully paid before this money arrived
 and (w.paid_at is null or w.paid_at >= n.booked_at - interval 1 day)
left join taken t on t.order_id = w.order_id and w.after is null
left join customers c on c.customer_id = w.customer_id
where (w.after is null and (t.first_at is null or t.first_at > n.booked_at))
   or (w.after is not null and w.after < n.booked_at)
qualify row_number() over (partition by n.flow_id, w.order_id order by w.part) = 1;

-- an order that is the unique candidate of two flows is not unique at all; an order a later
-- flow names counts against uniqueness (n) but is never the pick
create or replace temp table _r_amount_pick as
with named as (select * from _r_amount_cand where name_match),
per_flow as (select flow_id, count(*) filter (where not later_ref) as n_open, count(*) as n_all,
                    any_value(order_id) filter (where not later_ref) as order_id,
                    any_value(part) filter (where not later_ref) as part
             from named group by flow_id),
per_order as (select order_id, count(distinct flow_id) as n_flows from named
              where not later_ref group by order_id)
select f.flow_id, f.order_id, f.part, case when f.n_open = 0 then 0 else f.n_all end as n,
       coalesce(po.n_flows, 0) as n_flows
from per_flow f left join per_order po using (order_id);
