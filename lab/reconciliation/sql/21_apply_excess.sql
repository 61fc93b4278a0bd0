-- Apply the kept amounts (_r_keep) and book each overpayment's excess as one 'unallocated'
-- part; an order flagged by 19_paid_ceiling now shows only what it was still due.
update _r_parts set matched_amount = k.amount
from _r_keep k
where _r_parts.flow_id = k.flow_id and _r_parts.order_id = k.order_id
  and _r_parts.component = k.component and _r_parts.rule <> 'settlement_bills';

create or replace temp table _r_excess as
select flow_id, sum(old_amount) - sum(amount) as excess from _r_keep
group by flow_id having sum(old_amount) - sum(amount) > 0;

insert into _r_parts
select e.flow_id, f.flow_source, null, 'unallocated', null, e.excess, 'overpayment_excess',
       1.0, 'received ' || _r_money(e.excess) || ' more than the orders are due: unallocated'
from _r_excess e join _r_flows f using (flow_id);

update _r_flows set expected_amount = _r_flows.amount - e.excess
from _r_excess e
where _r_flows.flow_id = e.flow_id and _r_flows.flow_id in (select flow_id from _r_ceiling);
