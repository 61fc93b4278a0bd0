-- Settlement lumps: mirror the bills they settle (rule settlement_bills, no allocations) and
-- close when the amount equals Σ net. Parameters: $confidence_settlement, $tolerance, $cent.
insert into _r_parts
select s.flow_id, 'bank', o.order_id, 'full', b.net_amount, b.net_amount,
       'settlement_bills', $confidence_settlement,
       s.platform || ' bills settled ' || s.d || ': ' || s.n || ' bills, net ' || _r_money(s.net)
from _r_settle_pick s
join payment_bills b on b.platform = s.platform and b.settled_at::date = s.d
join orders o on o.channel_order_no = b.channel_order_no
where s.diff <= greatest($tolerance * s.net, $cent);

insert into _r_flows
select s.flow_id, 'bank', s.amount, p.net,
    case when p.diff <= $cent then 'settlement'
         when p.diff <= greatest($tolerance * p.net, $cent) then 'settlement_difference'
         else 'settlement_unmatched' end,
    case when p.diff <= $cent then s.platform || ' settlement = ' || p.n || ' bills of ' || p.d
         when p.flow_id is not null then s.platform || ' settlement differs from the '
              || p.n || ' bills of ' || p.d || ' (net ' || _r_money(p.net) || ') by '
              || _r_money(s.amount - p.net)
         else 'no ' || s.platform || ' settlement bills on the memo date or the days before'
    end
from _r_settle s left join _r_settle_pick p using (flow_id);
