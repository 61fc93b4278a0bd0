-- Every distinct text that may carry an order reference: inflow memos (settlement lumps
-- excluded) and counterparty names with six or more digits. Parsed once each in Python.
select distinct memo as t from _r_bank
where amount > 0 and memo is not null
  and flow_id not in (select flow_id from _r_settle)
union
select distinct counterparty_name from _r_bank
where amount > 0 and regexp_matches(coalesce(counterparty_name, ''), '[0-9０-９]{6}');
