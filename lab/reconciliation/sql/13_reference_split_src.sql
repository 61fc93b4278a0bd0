-- Reference flows: the expected amount of every part, the difference attributed freight-first;
-- the weights are turned into exact cents by rounding.split_exactly. Parameter: $cent.
create or replace temp table _r_ref_split_src as
with t as (
    select *,
        sum(coalesce(expected0, 0)) over (partition by flow_id) as known,
        count(*) filter (where expected0 is null) over (partition by flow_id) as n_unknown,
        sum(case when component = 'freight' then expected0 else 0 end)
            over (partition by flow_id) as freight_total
    from _r_refcomp
), u as (
    select *,
        -- unknown components (service, commission...) share what the known ones leave
        case when expected0 is not null then expected0
             else greatest(amount - known, 0) / n_unknown end as expected
    from t
), v as (
    select *, sum(expected) over (partition by flow_id) as expected_total from u
)
select flow_id as grp, order_id || '|' || component as item, amount as total,
    case
        when abs(amount - expected_total) <= $cent then expected
        when freight_total > 0 and abs(amount - expected_total) < freight_total then
            expected + case when component = 'freight'
                then (amount - expected_total) * expected / freight_total else 0 end
        when expected_total > 0 then expected
        else 1
    end as weight,
    * exclude (amount)
from v;
