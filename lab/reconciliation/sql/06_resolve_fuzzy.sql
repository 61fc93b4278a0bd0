-- A typo close to several numbers is resolved by the payer when exactly one of them is an
-- order of the payer (graded evidence); otherwise it stays ambiguous for a person.
insert into _r_resolved
with c as (
    select r.flow_id, r.field, r.ref_pos, f.order_id, f.key,
           lower(trim(coalesce(cu.customer_name, ''))) = b.cp_key as name_match
    from _r_refs r join _r_fuzzy f on f.ref = r.ref
    join _r_bank b using (flow_id)
    join orders o on o.order_id = f.order_id
    left join customers cu on cu.customer_id = o.customer_id
)
select flow_id, field, ref_pos,
       case when count(distinct order_id) = 1 then min(order_id)
            else min(order_id) filter (where name_match) end,
       case when count(distinct order_id) = 1 then 'fuzzy'
            when count(distinct order_id) filter (where name_match) = 1 then 'fuzzy'
            else 'fuzzy_ambiguous' end,
       case when count(distinct order_id) = 1
                 or count(distinct order_id) filter (where name_match) <> 1
            then string_agg(distinct key, '|' order by key)
            else min(key) filter (where name_match) end
from c
group by all;

-- Typos several order numbers are one edit from (whether the payer resolved them or not):
-- 14_reference_results keeps the payer's reading only when the flow's amount confirms it.
create or replace temp table _r_fuzzy_several as
select r.flow_id, r.ref_text, string_agg(distinct f.key, '|' order by f.key) as keys
from _r_refs r join _r_fuzzy f on f.ref = r.ref
group by r.flow_id, r.field, r.ref_pos, r.ref_text
having count(distinct f.order_id) > 1;
