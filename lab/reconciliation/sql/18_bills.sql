-- Each settlement bill of the period is a flow of its own: net = gross to the order − fee.
-- Parameters: $start, $end, $tolerance, $cent.
create or replace temp table _r_bills as
select b.*, o.order_id, o.paid_amount, o.payment_status
from payment_bills b left join orders o on o.channel_order_no = b.channel_order_no
where b.settled_at >= $start and b.settled_at < $end;

insert into _r_parts
select bill_id, 'bill', order_id, 'full',
       case when bill_type = 'refund' then gross_amount else paid_amount end,
       gross_amount, 'bill_channel_order_no', 1.0,
       platform || ' bill ' || bill_id || ' for ' || channel_order_no
from _r_bills where order_id is not null
union all
select bill_id, 'bill', order_id, 'commission', -fee_amount, -fee_amount,
       'bill_channel_order_no', 1.0, platform || ' fee withheld on ' || channel_order_no
from _r_bills where order_id is not null and fee_amount <> 0;

insert into _r_flows
select bill_id, 'bill', net_amount,
    case when order_id is null then null
         when bill_type = 'refund' then net_amount
         else paid_amount - fee_amount end,
    case when order_id is null then 'unknown_reference'
         when bill_type = 'refund' and payment_status not in ('refunded', 'partially_refunded')
             then 'refund_unexpected'
         when bill_type = 'refund' then 'matched'
         when abs(gross_amount - paid_amount) <= greatest($tolerance * paid_amount, $cent)
             then 'matched'
         when gross_amount < paid_amount then 'partial_payment'
         else 'overpayment' end,
    case when order_id is null then 'bill names channel order ' || channel_order_no
              || ', which is not in the warehouse'
         when bill_type = 'refund' and payment_status not in ('refunded', 'partially_refunded')
             then 'refund bill for ' || order_id || ' whose payment status is '
                  || payment_status
         when bill_type = 'refund' then 'refund of ' || order_id
         when abs(gross_amount - paid_amount) <= greatest($tolerance * paid_amount, $cent)
             then 'bill for ' || order_id
         else 'bill gross ' || gross_amount || ' differs from paid amount ' || paid_amount
              || ' of ' || order_id end
from _r_bills;
