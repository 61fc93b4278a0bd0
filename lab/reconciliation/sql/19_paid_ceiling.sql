-- "Already paid" counts every earlier match of an order: matches of earlier periods (any
-- flow: single- or multi-order transfers, amount matches, settlement bills, a reviewer's
-- decisions) and this period's flows booked before, in booking order. A flow that takes an
-- order's matched total above what the order is due (paid amount + service fee billed
-- outside it) is never green: it becomes an overpayment, and 20_overpayment_excess moves the
-- excess off the order. Red flows write no matches, so a rejected reference never counts.
-- Two flows booked at the same instant (a statement without times) are in the bank's serial
-- order, which counts up (shorter first, so 9 comes before 10), then by line id (session 28,
-- recon_independent19: by the line id alone, a hash, the second of two identical payments of
-- one order booked the same day closed green and the first was the overpayment).
-- Parameters: $period, $service_rate.
create or replace temp table _r_flow_time as
select r.flow_id, r.booked_at as ts, t.bank_ref as serial
from _r_bank r left join bank_transactions t on t.txn_id = r.flow_id where r.in_period
union all
select bill_id, coalesce(settled_at, trade_time), null from _r_bills;

create or replace temp table _r_pay_now as
select p.flow_id, p.order_id, sum(p.matched_amount) as amt, any_value(t.ts) as ts,
       any_value(t.serial) as serial
from _r_parts p join _r_flow_time t using (flow_id)
where p.rule <> 'settlement_bills' and p.order_id is not null
  and p.component in ('full', 'goods', 'freight', 'service')
  -- a flow a reviewer decided counts with the reviewer's matches (below), not the engine's
  and p.flow_id not in (select flow_id from recon_matches
                        where period = $period and decided_by <> 'auto')
group by p.flow_id, p.order_id;

create or replace temp table _r_ceiling as
with earlier as (
    select m.flow_id, m.order_id, sum(m.matched_amount) as amt,
           any_value(coalesce(b.booked_at, pb.settled_at, pb.trade_time)) as ts,
           any_value(b.bank_ref) as serial
    from recon_matches m
    left join bank_transactions b on b.txn_id = m.flow_id and m.flow_source = 'bank'
    left join payment_bills pb on pb.bill_id = m.flow_id and m.flow_source = 'bill'
    where m.rule <> 'settlement_bills'
      and m.component in ('full', 'goods', 'freight', 'service')
      and (m.period < $period or (m.period = $period and m.decided_by <> 'auto'))
      and m.order_id in (select order_id from _r_pay_now)
    group by m.flow_id, m.order_id
), pay as (
    select flow_id, order_id, amt, ts, serial, false as now from earlier
    union all
    select flow_id, order_id, amt, ts, serial, true from _r_pay_now
), due as (
    select o.order_id,
           coalesce(o.paid_amount, 0)
           + coalesce(sum(coalesce(l.service_hours, 0)), 0) * $service_rate as due
    from orders o left join order_lines l using (order_id)
    where o.order_id in (select order_id from _r_pay_now)
    group by o.order_id, o.paid_amount
), run as (
    select pay.*, due.due,
           coalesce(sum(amt) over w, 0) as before,
           string_agg(flow_id, ',') over w as before_flows
    from pay join due using (order_id)
    window w as (partition by order_id
                 order by ts, length(serial) nulls last, serial nulls last, flow_id
                 rows between unbounded preceding and 1 preceding)
)
select flow_id, order_id, amt, before, due, before_flows from run
-- no tolerance above what is due: the tolerance lets a flow that brings a little *less* close
-- (a bank fee, cents of rounding), but money beyond what the order is due is the payer's and
-- must not land on the order's lines (1880.03 for an order of 1880.00 was allocated 1880.03)
where now and before + amt > due;

-- a flow that would close green although it pays more than its orders are due becomes an
-- overpayment; a flow already yellow for another cause keeps it, with the evidence added
update _r_flows set
    match_status = case when _r_flows.match_status in ('matched', 'instalment')
                        then 'overpayment' else _r_flows.match_status end,
    reason = case when _r_flows.match_status in ('matched', 'instalment')
                  then 'already paid: ' || c.note
                       || '; the excess is kept unallocated for review'
                  else _r_flows.reason || '; more than due: ' || c.note end
from (
    select flow_id, string_agg(
               order_id || ' is due ' || _r_money(due) || ', had received '
               || _r_money(before) || coalesce(' (' || before_flows || ')', '')
               || ' before this flow, which brings ' || _r_money(amt), '; '
               order by order_id) as note
    from _r_ceiling group by flow_id
) c
where _r_flows.flow_id = c.flow_id;

-- money for a cancelled order cannot close: it is refunded or the order reinstated (yellow)
update _r_flows set match_status = 'order_cancelled',
    reason = _r_flows.reason || '; ' || c.note
from (
    select p.flow_id, string_agg('order ' || o.order_id || ' is cancelled (payment status '
                                 || coalesce(o.payment_status, 'unknown')
                                 || '): refund or reinstate it', '; ' order by o.order_id) as note
    from _r_pay_now p join orders o using (order_id)
    where o.order_status = 'cancelled' and p.amt > 0
    group by p.flow_id
) c
where _r_flows.flow_id = c.flow_id and _r_flows.match_status in ('matched', 'instalment');
