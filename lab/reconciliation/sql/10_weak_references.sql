-- A reference to an order of someone other than the payer must be confirmed by the amount:
-- such flows are only matched when the amounts agree within the tolerance, and the amount
-- must be what the order itself says (goods, freight, the whole order) — an instalment
-- reading ("first part", "rest", "already paid") is derived from the amount and confirms
-- nothing.
-- Two hard gates on top, both because one mistyped character can turn the payer's own order
-- number into another real order's number (exact, not a typo lookup):
-- * the flow's difference is measured against the other customer's parts alone: in a flow
--   paying many own orders and one other customer's freight, a whole-flow tolerance would
--   hide that the foreign part does not fit at all;
-- * near-tie: when the foreign number is one edit away from a number of one of the payer's own
--   orders, the payer's order is as good a reading as the foreign one — a person decides.
-- Parameters: $tolerance, $cent.
create or replace temp table _r_weak_near as
with foreign_refs as (  -- exact references resolving to an order of another customer
    select distinct p.flow_id, p.ref_text, p.key, p.order_id, p.cp_key
    from _r_refparts p
    where p.accepted and not p.name_match and p.how = 'exact'
      and p.flow_id not in (select flow_id from _r_blocked)
), own as (  -- the numbers of the payers' own orders
    select lower(trim(c.customer_name)) as cp_key, k.key, o.order_id
    from orders o join customers c using (customer_id)
    cross join lateral (select unnest([o.channel_order_no, o.erp_order_no]) as key) k
    where lower(trim(c.customer_name)) in (select cp_key from foreign_refs)
      and k.key is not null
)
select f.flow_id,
    string_agg(distinct f.ref_text || ' = ' || f.order_id || ' of another customer, one typo'
               || ' from ' || own.order_id || ' (' || own.key || ') of the payer', '; '
               order by f.ref_text || ' = ' || f.order_id || ' of another customer, one typo'
               || ' from ' || own.order_id || ' (' || own.key || ') of the payer') as why
from foreign_refs f join own on own.cp_key = f.cp_key
     and abs(length(own.key) - length(f.key)) <= 1 and own.order_id <> f.order_id
     and levenshtein(own.key, f.key) <= 1
group by f.flow_id;

create or replace temp table _r_weak as
with t as (
    select flow_id, any_value(amount) as amount, sum(coalesce(expected0, 0)) as exp,
           sum(coalesce(expected0, 0)) filter (where not name_match) as foreign_exp,
           string_agg(distinct case when not name_match then order_id end, ','
                      order by case when not name_match then order_id end) as foreign_orders,
           count(*) filter (where expected0 is null) as n_unknown,
           bool_or(not name_match) as weak,
           -- a part expected to bring nothing (e.g. freight 0) cannot be confirmed
           bool_or(not name_match and (coalesce(expected0, 0) <= $cent or inst is not null))
               as unconfirmed
    from _r_refcomp group by flow_id
)
select t.flow_id,
    case when n.why is not null then n.why || ': review'
         when n_unknown = 0 and not unconfirmed
              and abs(amount - exp) > greatest($tolerance * foreign_exp, $cent)
            then 'the amount differs by ' || _r_money(abs(amount - exp)) || ' from what the '
                 || 'orders say, more than the part of another customer''s order '
                 || foreign_orders || ' (' || _r_money(foreign_exp) || ') can confirm: review'
    end as why
from t left join _r_weak_near n using (flow_id)
where weak and (n_unknown > 0 or unconfirmed or n.why is not null
                or abs(amount - exp) > greatest($tolerance * foreign_exp, $cent));

delete from _r_refcomp where flow_id in (select flow_id from _r_weak);

delete from _r_ref_orders where flow_id in (select flow_id from _r_weak);

insert into _r_blocked select flow_id from _r_weak;
