-- Duplicates: flagged, never matched. Parameters: $start, $end.
insert into _r_flows
select d.flow_id, 'bank', b.amount, null, 'duplicate',
       'duplicate of ' || d.duplicate_of || ' (same account, amount, counterparty and'
       || ' memo within minutes): not counted; refund or reverse'
from _r_dups d join _r_bank b using (flow_id) where b.in_period;

-- Held inflows of the period (01_load_flows): reversals, reversed payments, other currencies.
insert into _r_flows
select h.flow_id, 'bank', b.amount, null, h.cause, h.reason
from _r_held h join bank_transactions b on b.txn_id = h.flow_id
where b.booked_at >= $start and b.booked_at < $end;
