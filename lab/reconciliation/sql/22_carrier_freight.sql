-- Outflows to carriers (freight invoices) against the shipments' expected freight, the same
-- way inflows are checked against orders. A carrier is recognised from the memo's words
-- against the carriers the warehouse ships with (shipments.carrier, from the data); the month
-- is the memo's YYYY-MM, else the month before the booking (carriers bill in arrears). Every
-- payment to that carrier for that month is summed (an invoice may be paid in parts) and
-- compared with Σ freight_cost of its shipments: within the tolerance green, otherwise yellow
-- freight_invoice_difference with both amounts; no shipments at all → red.
-- Parameters: $start, $end, $tolerance, $cent.
create or replace temp table _r_carrier_out as
with outflows as (
    select txn_id as flow_id, booked_at, amount, memo,
           booked_at >= $start and booked_at < $end as in_period
    from bank_transactions
    where amount < 0 and booked_at < $end and memo is not null
      and txn_id not in (select flow_id from _r_dups)
), words as (
    select flow_id, unnest(regexp_split_to_array(upper(memo), '[^A-Z0-9]+')) as word
    from outflows
), carriers as (
    select distinct carrier, upper(carrier) as word from shipments where carrier is not null
), named as (  -- exactly one carrier named in the memo
    select w.flow_id, min(c.carrier) as carrier
    from words w join carriers c using (word)
    group by w.flow_id having count(distinct c.carrier) = 1
)
select o.*, n.carrier,
       coalesce(try_strptime(regexp_extract(o.memo, '(\d{4}-\d{2})', 1) || '-01', '%Y-%m-%d'),
                date_trunc('month', o.booked_at) - interval 1 month)::date as month
from outflows o join named n using (flow_id);

create or replace temp table _r_carrier_check as
with paid as (
    select carrier, month, -sum(amount) as paid, count(*) as payments
    from _r_carrier_out group by carrier, month
), expected as (
    select s.carrier, date_trunc('month', s.erp_shipped_at)::date as month,
           sum(s.freight_cost) as expected, count(*) as shipments
    from shipments s
    where (s.carrier, date_trunc('month', s.erp_shipped_at)::date) in
          (select (carrier, month) from paid)
    group by all
)
select o.flow_id, o.amount, o.carrier, o.month, p.paid, p.payments, e.expected, e.shipments
from _r_carrier_out o join paid p using (carrier, month)
left join expected e using (carrier, month)
where o.in_period;

insert into _r_flows
select flow_id, 'bank', amount, cast(amount * coalesce(expected, 0) / paid as decimal(14, 2)),
    case when expected is null then 'freight_invoice_unmatched'
         when abs(paid - expected) <= greatest($tolerance * expected, $cent) then 'matched'
         else 'freight_invoice_difference' end,
    case when expected is null
         then 'payment to carrier ' || carrier || ' for ' || strftime(month, '%Y-%m')
              || ': no shipments of that carrier and month'
         else 'carrier ' || carrier || ' ' || strftime(month, '%Y-%m') || ': paid '
              || _r_money(paid) || coalesce(' in ' || nullif(payments, 1) || ' payments', '')
              || ', shipments'' expected freight ' || _r_money(expected) || ' ('
              || shipments || ' shipments)'
              || case when abs(paid - expected) <= greatest($tolerance * expected, $cent) then ''
                      else ': ' || printf('%.2f', 100 * (paid - expected) / expected)
                           || '% difference' end
    end
from _r_carrier_check;
