-- Reference flows: their parts (the exact split) and one status row per flow.
-- A reference to an order of another customer that the amount confirms (10_weak_references
-- let it through) is a third-party payment: lower confidence and a note, never silent.
-- Parameters: $confidence_fuzzy, $confidence_reference, $confidence_third_party, $tolerance,
-- $cent.
create or replace temp table _r_parts as
select flow_id, 'bank' as flow_source, order_id, component, expected,
       amount as matched_amount,
       case when how = 'fuzzy' then 'memo_reference_fuzzy'
            when from_counterparty then 'counterparty_reference'
            else 'memo_reference' end as rule,
       case when how = 'fuzzy' then $confidence_fuzzy
            when not name_match then $confidence_third_party
            else $confidence_reference end as confidence,
       evidence || case when name_match then '' else '; payer is not the customer' end
           as evidence
from _r_ref_split;

create or replace temp table _r_flows as
with f as (
    select flow_id, any_value(total) as amount, sum(expected) as expected_amount,
           bool_or(inst is not null and inst <> 'already_paid') as is_inst,
           _r_text_set(list(case when inst = 'already_paid' then order_id end), ',')
               as already_paid,
           bool_or(component = 'freight') as has_freight,
           max(case when component = 'freight' and expected > 0
                    then abs(amount - expected) / expected end) as freight_rel_diff,
           _r_text_set(list(order_id), ',') as orders,
           _r_text_set(list(inst_note), ', ') as inst_text,
           _r_text_set(list(case when not name_match then order_id end), ',') as third_party
    from (select *, case when inst is not null then order_id || ' ' || inst || ' ('
                     || _r_money(prior + amount) || ' of ' || _r_money(paid_amount) || ' so far)' end
                     as inst_note from _r_ref_split)
    group by flow_id
)
select flow_id, 'bank' as flow_source, amount, expected_amount,
    case
        when abs(amount - expected_amount) <= greatest($tolerance * expected_amount, $cent)
             and coalesce(freight_rel_diff, 0) <= $tolerance
            then case when is_inst then 'instalment' else 'matched' end
        when has_freight and freight_rel_diff > $tolerance
             and abs(amount - expected_amount) < expected_amount then 'freight_difference'
        when amount < expected_amount then 'partial_payment'
        else 'overpayment'
    end as match_status,
    case
        when abs(amount - expected_amount) <= greatest($tolerance * expected_amount, $cent)
             and coalesce(freight_rel_diff, 0) <= $tolerance
            then 'memo references ' || orders
                 || case when is_inst then '; instalment: ' || inst_text else '' end
                 || coalesce('; third-party payment: the payer "' || b.counterparty_name
                             || '" is not the customer of ' || third_party, '')
        when has_freight and freight_rel_diff > $tolerance
             and abs(amount - expected_amount) < expected_amount
            then 'freight received differs from the order''s shipping fee by '
                 || round(100 * freight_rel_diff, 2) || '% (' || orders || ')'
        when amount < expected_amount
            then 'partial payment: received ' || _r_money(amount) || ' of '
                 || _r_money(expected_amount) || ', ' || _r_money(expected_amount - amount)
                 || ' outstanding (' || orders || ')'
        else 'overpayment: received ' || _r_money(amount) || ', orders say '
             || _r_money(expected_amount)
             || ' (' || orders || ')' || coalesce('; already fully paid before: '
             || already_paid, '')
    end as reason
from f join (select flow_id, counterparty_name from _r_bank) b using (flow_id);

-- A typo several order numbers are one edit from, read as the payer's order (06_resolve_fuzzy),
-- is not kept when the flow's amount points to another of them: the flow comes out over- or
-- underpaid and what is left once the payer's order is taken away is exactly what another
-- candidate is owed. Such a flow goes to a person with the candidates (red, ambiguous) — a
-- payer can pay a colleague's order, and a common name has many orders (the 1M bench's one
-- wrong match: SO26090200O99 read as 周勇's …799, 191.80 left over, when …899 fit the rest).
create or replace temp table _r_unconfirmed as
with chosen as (
    select p.flow_id, p.order_id, sum(p.expected) as brings
    from _r_parts p
    join (select distinct flow_id, order_id from _r_resolved where how = 'fuzzy') x
      using (flow_id, order_id)
    where p.flow_id in (select flow_id from _r_fuzzy_several)
    group by all
), other as (
    select distinct r.flow_id, fz.order_id, o.paid_amount
    from _r_refs r join _r_fuzzy fz on fz.ref = r.ref
    join orders o on o.order_id = fz.order_id
    where r.flow_id in (select flow_id from _r_fuzzy_several)
)
select f.flow_id, string_agg(distinct n.ref_text || ' ~ ' || n.keys, ', ') as refs
from _r_flows f
join chosen c using (flow_id)
join other x on x.flow_id = f.flow_id and x.order_id <> c.order_id
 and abs(x.paid_amount - (f.amount - (f.expected_amount - c.brings))) <= $cent
join _r_fuzzy_several n on n.flow_id = f.flow_id
where f.match_status not in ('matched', 'instalment')
group by f.flow_id;

delete from _r_parts where flow_id in (select flow_id from _r_unconfirmed);

update _r_flows set expected_amount = null, match_status = 'ambiguous',
    reason = 'memo reference ' || u.refs || ' is one typo away from several order numbers, and '
             || 'the amount fits another of them better than the payer''s (' || _r_flows.reason
             || '): review'
from _r_unconfirmed u
where _r_flows.flow_id = u.flow_id;
