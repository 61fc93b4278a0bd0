-- Each settlement bill of the period is a flow of its own: net = gross to the order − fee.
-- A pre-sale order is paid by two bills (deposit, then balance): a bill is an instalment
-- (green) when all payment bills of its order add up to the paid amount; a lone deposit
-- stays a partial payment until the balance bill exists. The fee withheld is compared with
-- what the rules' fee formula expects (_r_bill_fee, from fees.py): a difference above the
-- tolerance is yellow fee_difference, both amounts in the reason.
-- Parameters: $start, $end, $tolerance, $cent.
create or replace temp table _r_bills as
with all_bills as (  -- every payment bill of the order, in any period
    select channel_order_no, sum(gross_amount) as order_gross, count(*) as order_bills
    from payment_bills where bill_type <> 'refund'
    group by channel_order_no
)
select b.*, o.order_id, o.paid_amount, o.payment_status, o.is_presale, o.deposit_amount,
       a.order_gross, a.order_bills, f.expected_fee, f.fee_formula,
       f.expected_fee is not null
           and abs(b.fee_amount - f.expected_fee) > greatest($tolerance * f.expected_fee, $cent)
           as fee_differs,
    case
        when o.order_id is null or b.bill_type = 'refund' then null
        when abs(b.gross_amount - o.paid_amount)
             <= greatest($tolerance * o.paid_amount, $cent) then 'whole'
        when a.order_bills > 1 and abs(a.order_gross - o.paid_amount)
             <= greatest($tolerance * o.paid_amount, $cent)
            then case when o.is_presale and o.deposit_amount > 0
                           and abs(b.gross_amount - o.deposit_amount) <= $cent then 'deposit'
                      when o.is_presale and o.deposit_amount > 0
                           and abs(b.gross_amount - (o.paid_amount - o.deposit_amount)) <= $cent
                          then 'balance'
                      else 'instalment' end
    end as bill_part
from payment_bills b
left join orders o on o.channel_order_no = b.channel_order_no
left join all_bills a on a.channel_order_no = b.channel_order_no
left join _r_bill_fee f on f.bill_id = b.bill_id
where b.settled_at >= $start and b.settled_at < $end;

insert into _r_parts
select bill_id, 'bill', order_id, 'full',
       case when bill_type = 'refund' or bill_part in ('deposit', 'balance', 'instalment')
            then gross_amount else paid_amount end,
       gross_amount, 'bill_channel_order_no', 1.0,
       platform || ' bill ' || bill_id || ' for ' || channel_order_no
       || coalesce(' (' || nullif(bill_part, 'whole') || ')', '')
from _r_bills where order_id is not null
union all
select bill_id, 'bill', order_id, 'commission', -coalesce(expected_fee, fee_amount), -fee_amount,
       'bill_channel_order_no', 1.0, platform || ' fee withheld on ' || channel_order_no
from _r_bills where order_id is not null and fee_amount <> 0;

insert into _r_flows
with judged as (
select bill_id, net_amount,
    case when order_id is null then null
         when bill_type = 'refund' or bill_part in ('deposit', 'balance', 'instalment')
             then gross_amount - coalesce(expected_fee, fee_amount)
         else paid_amount - coalesce(expected_fee, fee_amount) end as expected_amount,
    case when order_id is null then 'unknown_reference'
         when bill_type = 'refund' and payment_status not in ('refunded', 'partially_refunded')
             then 'refund_unexpected'
         when bill_type = 'refund' or bill_part = 'whole' then 'matched'
         when bill_part is not null then 'instalment'
         when gross_amount < paid_amount then 'partial_payment'
         else 'overpayment' end as cause,
    case when order_id is null then 'bill names channel order ' || channel_order_no
              || ', which is not in the warehouse'
         when bill_type = 'refund' and payment_status not in ('refunded', 'partially_refunded')
             then 'refund bill for ' || order_id || ' whose payment status is '
                  || payment_status
         when bill_type = 'refund' then 'refund of ' || order_id
         when bill_part = 'whole' then 'bill for ' || order_id
         when bill_part is not null
             then bill_part || ' bill for ' || order_id || ': its ' || order_bills
                  || ' payment bills add up to the paid amount ' || _r_money(paid_amount)
         when is_presale and deposit_amount > 0 and abs(gross_amount - deposit_amount) <= $cent
             then 'deposit bill for ' || order_id || ': ' || _r_money(gross_amount) || ' of '
                  || _r_money(paid_amount) || ', no balance bill yet ('
                  || _r_money(paid_amount - gross_amount) || ' outstanding)'
         else 'bill gross ' || _r_money(gross_amount) || ' differs from paid amount '
              || _r_money(paid_amount) || ' of ' || order_id
              || case when order_bills > 1 then ' (its ' || order_bills || ' payment bills add up to '
                      || _r_money(order_gross) || ')' else '' end end as reason,
    fee_differs, fee_amount, expected_fee, fee_formula
from _r_bills
)
select bill_id, 'bill', net_amount, expected_amount,
    case when fee_differs and cause in ('matched', 'instalment') then 'fee_difference'
         else cause end,
    case when fee_differs
         then 'platform fee withheld ' || _r_money(fee_amount) || ', the rules expect '
              || _r_money(expected_fee) || ' (' || fee_formula || '): '
              || case when expected_fee > 0
                      then printf('%.2f', 100 * (fee_amount - expected_fee) / expected_fee) || '%'
                      else 'no fee expected' end
              || ' difference; ' || reason
         else reason end
from judged;
