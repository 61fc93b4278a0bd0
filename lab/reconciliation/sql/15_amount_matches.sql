-- Flows without a usable reference: matched by amount + counterparty + date when exactly one
-- order fits, otherwise one status row saying why not. Parameter: $confidence_amount.
insert into _r_parts
select p.flow_id, 'bank', p.order_id, 'full', n.amount, n.amount,
       'amount_counterparty_date', $confidence_amount,
       'no order reference in memo; amount ' || _r_money(n.amount) || ' = '
       || case p.part when 'full' then 'paid amount' when 'deposit' then 'deposit'
          else 'balance' end || ' of ' || p.order_id
       || '; counterparty "' || coalesce(n.counterparty_name, '') || '" = customer; order created '
       || strftime(o.created_at, '%Y-%m-%d')
from _r_amount_pick p join _r_noref n using (flow_id)
join orders o on o.order_id = p.order_id
where p.n = 1 and p.n_flows = 1;

insert into _r_flows
with cand_all as (
    -- an order a later flow names counts only as a second candidate of the payer's own
    select flow_id, count(*) filter (where not later_ref) as n_any,
           count(*) filter (where name_match) as n_named,
           count(distinct customer_id) filter (where not later_ref) as n_customers,
           string_agg(order_id, ',' order by order_id)
               filter (where name_match or not later_ref) as orders,
           any_value(customer_id) filter (where not later_ref) as customer_id
    from _r_amount_cand group by flow_id
), refs as (
    select r.flow_id,
        string_agg(distinct r.ref_text, ',' order by r.ref_text)
            filter (where x.how is null) as unknown_refs,
        string_agg(distinct r.ref_text || ' ~ ' || x.key, ', '
                   order by r.ref_text || ' ~ ' || x.key)
            filter (where x.how = 'fuzzy_ambiguous') as amb_refs,
        string_agg(distinct r.ref_text || ' = ' || x.order_id, ', '
                   order by r.ref_text || ' = ' || x.order_id)
            filter (where x.how in ('exact', 'fuzzy')) as found_refs,
        bool_or(x.how = 'fuzzy_ambiguous') as fuzzy_amb,
        bool_or(x.how is null) as has_unknown,
        bool_or(x.how in ('exact', 'fuzzy')) as resolved
    from _r_refs r left join _r_resolved x using (flow_id, field, ref_pos)
    group by r.flow_id
)
select n.flow_id, 'bank', n.amount,
    case when p.n = 1 and p.n_flows = 1 then n.amount end,
    case
        when p.n = 1 and p.n_flows = 1 then 'matched'
        when r.fuzzy_amb then 'ambiguous'
        when coalesce(ca.n_named, 0) > 1 or p.n_flows > 1 then 'ambiguous'
        when r.has_unknown then 'unknown_reference'
        when r.resolved then 'reference_rejected'
        when mn.customer_name is not null then 'payer_in_memo'
        when coalesce(ca.n_any, 0) > 0 then 'counterparty_mismatch'
        else 'no_reference'
    end,
    case
        when p.n = 1 and p.n_flows = 1
            then 'amount, counterparty and date identify ' || p.order_id
                 || coalesce('; the payer "' || n.counterparty_name || '" is the customer '
                             || pa.alias || ' written in pinyin', '')
        when r.fuzzy_amb then 'memo reference ' || r.amb_refs
             || ' is one typo away from several order numbers: review'
             || coalesce('; resolved: ' || r.found_refs, '')
        when coalesce(ca.n_named, 0) > 1 then 'no order reference; ' || ca.n_named
             || ' open orders of this counterparty have this amount (' || ca.orders
             || '): review'
        when p.n_flows > 1 then 'no order reference; the only candidate ' || p.order_id
             || ' is also the only candidate of another flow: review'
        when r.has_unknown then 'memo reference ' || r.unknown_refs
             || ' matches no known order number'
             || coalesce('; resolved: ' || r.found_refs || ' (not matched alone: review)', '')
        when r.resolved then 'memo reference ' || r.found_refs || coalesce(': ' || w.why,
             ' conflicts with the payer, the date or the amount (an order of another'
             || ' customer whose amount does not agree, or created after the payment):'
             || ' review')
        when mn.customer_name is not null then 'no order reference and no payer column; the'
             || ' memo names the customer "' || mn.customer_name || '", whose open order '
             || ca.orders || ' is exactly this amount: a suggestion, confirm it by hand'
        when coalesce(ca.n_any, 0) > 0 then 'no order reference; amount equals '
             || ca.n_any || ' order(s) of ' || ca.n_customers
             || ' other customer(s) (' || ca.orders || ') but the payer "'
             || coalesce(n.counterparty_name, '') || '" is none of them: review'
        when n.memo is null or trim(n.memo) = '' then
             'no memo and no open order of this counterparty with this amount'
        else 'memo "' || n.memo || '" has no order reference and no open order of this'
             || ' counterparty has this amount'
    end
from _r_noref n
left join _r_amount_pick p using (flow_id)
left join cand_all ca using (flow_id)
left join refs r using (flow_id)
left join _r_weak w using (flow_id)
left join _r_payer_alias pa on pa.cp_key = lower(trim(coalesce(n.counterparty_name, '')))
-- a payer only in the memo's text (no payer column: DBS / Hang Seng style): when the one order
-- this amount fits belongs to a customer whose whole name the memo writes, that order is a
-- suggestion (yellow, nothing allocated) — never a close: the text may name the beneficiary or
-- anyone else, and the amount alone decides nothing
left join customers mn on mn.customer_id = ca.customer_id
    and ca.n_any = 1 and ca.n_customers = 1 and ca.n_named = 0
    and trim(coalesce(n.counterparty_name, '')) = '' and length(mn.customer_name) >= 4
    and regexp_matches(_r_name(coalesce(n.memo, '')),
                       '(^|\W)' || regexp_escape(_r_name(mn.customer_name)) || '(\W|$)');
