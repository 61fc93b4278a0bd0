-- Flow × order × component parts from accepted references, with expected amounts.
-- Parameters: $lookahead_days, $tolerance, $cent, $service_rate.
create or replace temp table _r_refparts as
with acc as (
    select r.*, x.order_id, x.how, x.key, b.amount, b.booked_at, b.in_period,
           b.cp_key, o.paid_amount, o.goods_amount, o.shipping_fee, o.discount_amount,
           o.deposit_amount, o.is_presale, o.created_at,
           _r_name(coalesce(c.customer_name, '')) = b.cp_key as name_match
    from _r_refs r
    join _r_resolved x using (flow_id, field, ref_pos)
    join _r_bank b using (flow_id)
    join orders o on o.order_id = x.order_id
    left join customers c on c.customer_id = o.customer_id
    where b.flow_id not in (select flow_id from _r_dups)
)
select *,
    field || '[' || ref_start || ':' || ref_end || ']="' || ref_text || '"'
        || case when component_text <> '' then ' ' || component_text else '' end
        || case when how = 'fuzzy' then ' ~' || key else '' end as ev,
    -- typo lookups must agree on the payer; no reference may point to an order
    -- created after the money arrived (beyond the lookahead)
    (how = 'exact' or (how = 'fuzzy' and name_match))
      and created_at <= booked_at + to_days($lookahead_days::bigint) as accepted
from acc;

-- a flow with any reference that is unknown, ambiguous or rejected is left for a person:
-- matching only the references that did resolve would close it against a wrong order set
create or replace temp table _r_blocked as
select distinct r.flow_id from _r_refs r
where not exists (select 1 from _r_refparts p where p.flow_id = r.flow_id
                  and p.field = r.field and p.ref_pos = r.ref_pos and p.accepted);

-- one row per flow x order (a memo may name the same order twice). An order named once
-- without a part word (the whole order, 'full') and once with one ('TJ1 货款 TJ1') is the
-- whole order once: the part is inside it, not owed again (session 24: such a transfer was
-- read as half of twice the order's amount)
create or replace temp table _r_ref_orders as
select flow_id, order_id, any_value(amount) as amount, any_value(in_period) as in_period,
       any_value(booked_at) as booked_at,
       case when list_contains(flatten(list(components)), 'full') then ['full']
            else list_sort(list_distinct(flatten(list(components)))) end as comps,
       max(instalment) as instalment, max(how) as how,
       bool_or(field = 'counterparty') as from_counterparty,
       _r_text_set(list(ev), '; ') as evidence,
       any_value(paid_amount) as paid_amount, any_value(goods_amount) as goods_amount,
       any_value(shipping_fee) as shipping_fee, any_value(discount_amount) as discount_amount,
       any_value(deposit_amount) as deposit_amount, any_value(is_presale) as is_presale,
       bool_and(name_match) as name_match
from _r_refparts where accepted and flow_id not in (select flow_id from _r_blocked)
group by flow_id, order_id;

-- instalments: earlier / later single-order flows paying the same order. Flows booked at the
-- same instant (a statement without times) are in the bank's serial order, which counts up
-- (shorter first, so 9 comes before 10), then by line id — as 19_paid_ceiling orders them
-- (session 29: by the line id alone, a hash, which of two same-day payments of one order was
-- "already paid" changed with the hash, not with the statement)
create or replace temp table _r_inst as
with f as (
    select flow_id, order_id, amount, booked_at, in_period,
           (select t.bank_ref from bank_transactions t where t.txn_id = flow_id) as serial,
           flow_id in (select flow_id from _r_ref_orders group by flow_id
                       having count(*) = 1 and bool_and(name_match))
           and list_has_all(['full', 'goods'], comps) as single,
           -- only the payer's own references announce more instalments to come
           flow_id in (select flow_id from _r_ref_orders group by flow_id
                       having bool_and(name_match)) as own
    from _r_ref_orders
), w as (
    select *,
        coalesce(sum(case when single then amount end) over (
            partition by order_id
            order by booked_at, length(serial) nulls last, serial nulls last, flow_id
            rows between unbounded preceding and 1 preceding), 0) as prior,
        coalesce(sum(case when single then amount end) over (
            partition by order_id
            order by booked_at, length(serial) nulls last, serial nulls last, flow_id
            rows between 1 following and unbounded following), 0) as later,
        count(*) filter (where own) over (
            partition by order_id
            order by booked_at, length(serial) nulls last, serial nulls last, flow_id
            rows between 1 following and unbounded following) as later_flows
    from f
)
select flow_id, order_id, prior, later, later_flows from w where in_period;

-- one row per flow x order x component, with what the order says that part should bring
create or replace temp table _r_refcomp as
with flows as (
    select flow_id, count(*) as n_orders from _r_ref_orders group by flow_id
), svc as (
    select order_id, sum(coalesce(service_hours, 0)) * $service_rate as service_fee
    from order_lines
    where order_id in (select order_id from _r_ref_orders where in_period)
    group by order_id
), comp as (
    select ro.*, f.n_orders, i.prior, i.later, i.later_flows,
           coalesce(svc.service_fee, 0) as service_fee,
           unnest(ro.comps) as component
    from _r_ref_orders ro join flows f using (flow_id)
    join _r_inst i using (flow_id, order_id)
    left join svc using (order_id)
    where ro.in_period
), k as (
    select *,
        case
            when component not in ('full', 'goods') then null
            when component = 'goods' and (n_orders > 1 and prior <= $cent
                or abs(amount - (goods_amount - discount_amount))
                   <= greatest($tolerance * (goods_amount - discount_amount), $cent)
                or abs(prior - (goods_amount - discount_amount)) <= $cent)
                then null  -- read as goods only
            when instalment = 'deposit' and deposit_amount > 0 then 'deposit'
            when instalment = 'balance' and deposit_amount > 0 then 'balance'
            when n_orders = 1 and is_presale and deposit_amount > 0
                 and abs(amount - deposit_amount) <= greatest($tolerance * deposit_amount, $cent)
                then 'deposit'
            when n_orders = 1 and is_presale and deposit_amount > 0
                 and abs(amount - (paid_amount - deposit_amount))
                     <= greatest($tolerance * (paid_amount - deposit_amount), $cent)
                then 'balance'
            when prior > $cent and prior < paid_amount - $cent then 'rest'
            when prior >= paid_amount - $cent and paid_amount > 0 then 'already_paid'
            when n_orders = 1 and later > $cent
                 and abs(amount + later - paid_amount) <= greatest($tolerance * paid_amount, $cent)
                then 'first'
            when n_orders = 1 and later_flows > 0 and amount < paid_amount - $cent
                then 'first'
        end as inst
    from comp
)
select *,
    cast(case
        when component = 'goods' and inst is null then goods_amount - discount_amount
        when component = 'freight' then shipping_fee
        when component = 'service' then service_fee
        when inst = 'deposit' then deposit_amount
        when inst = 'balance' then paid_amount - deposit_amount
        when inst = 'rest' then paid_amount - prior
        when inst = 'first' then amount
        when inst = 'already_paid' then 0
        when component = 'full' then paid_amount
        else null  -- commission, rebate, tax, unpriced service: take what is left
    end as decimal(14, 2)) as expected0
from k;
