-- Duplicates: flagged, never matched.
insert into _r_flows
select d.flow_id, 'bank', b.amount, null, 'duplicate',
       'duplicate of ' || d.duplicate_of || ' (same account, amount, counterparty and'
       || ' memo within minutes): not counted; refund or reverse'
from _r_dups d join _r_bank b using (flow_id) where b.in_period;
