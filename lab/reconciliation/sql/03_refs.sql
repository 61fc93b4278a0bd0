-- The parsed references (registered as _r_parsed_df) joined back to every flow with that text.
create or replace temp table _r_refs as
select b.flow_id, 'memo' as field, p.* exclude (text)
from _r_bank b join _r_parsed_df p on p.text = b.memo
where b.amount > 0
union all
select b.flow_id, 'counterparty' as field, p.* exclude (text)
from _r_bank b join _r_parsed_df p on p.text = b.counterparty_name
where b.amount > 0;
