-- References → orders, exactly on channel or ERP order numbers; the rest are typo candidates.
create or replace temp table _r_resolved as
select r.flow_id, r.field, r.ref_pos, o.order_id, 'exact' as how, r.ref as key
from _r_refs r join orders o on o.channel_order_no = r.ref
union all
select r.flow_id, r.field, r.ref_pos, o.order_id, 'exact', r.ref
from _r_refs r join orders o on o.erp_order_no = r.ref;

create or replace temp table _r_unresolved as
select distinct r.ref, length(r.ref) as n from _r_refs r
anti join _r_resolved x using (flow_id, field, ref_pos)
where length(r.ref) between 10 and 30;

create or replace temp table _r_fuzzy (ref varchar, order_id varchar, key varchar);
