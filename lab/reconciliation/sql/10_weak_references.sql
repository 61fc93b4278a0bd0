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
--   Two adjacent characters swapped (`…19114` for the payer's `…19141`) count as one edit
--   here (Damerau): it is the commonest slip in typing digits, and Levenshtein counts it as
--   two, so another customer's real order of the same amount closed green as a third-party
--   payment (recon_independent12 dev). Blocking still holds: a swap changes two neighbouring
--   characters, which leaves the edges, the left core or the right core intact.
-- Parameters: $tolerance, $cent.
create or replace temp table _r_weak_near as
with foreign_refs as (  -- exact references resolving to an order of another customer
    select distinct p.flow_id, p.ref_text, p.key, p.order_id, p.cp_key,
           length(p.key) as n, length(p.key) // 3 as edge,
           length(p.key) - length(p.key) // 3 - 1 as core
    from _r_refparts p
    where p.accepted and not p.name_match and p.how = 'exact'
      and p.flow_id not in (select flow_id from _r_blocked)
), payers as (
    select customer_id, _r_name(customer_name) as cp_key from customers
    where _r_name(customer_name) in (select cp_key from foreign_refs)
), own_keys as (  -- the numbers of the payers' own orders
    select p.cp_key, o.channel_order_no as key, o.order_id
    from orders o join payers p using (customer_id) where o.channel_order_no is not null
    union all
    select p.cp_key, o.erp_order_no, o.order_id
    from orders o join payers p using (customer_id) where o.erp_order_no is not null
), own as (  -- ... under each reference length n they can be one edit from (length ± 1)
    select *, left(key, n // 3) as l_edge, right(key, n // 3) as r_edge,
           left(key, n - n // 3 - 1) as l_core, right(key, n - n // 3 - 1) as r_core
    from (select *, unnest([length(key) - 1, length(key), length(key) + 1]) as n from own_keys)
    where n in (select n from foreign_refs)
), near as (
    -- one edit leaves intact the first and last `edge` characters, or the first `core`, or
    -- the last `core` (the reference's widths, as in 05_fuzzy_candidates): three equi-joins
    -- find every number one edit away without comparing each reference with all of the
    -- payer's numbers
    select f.*, own.key as own_key, own.order_id as own_order from foreign_refs f join own
        on own.cp_key = f.cp_key and own.n = f.n
       and own.l_edge = left(f.key, f.edge) and own.r_edge = right(f.key, f.edge)
    union
    select f.*, own.key, own.order_id from foreign_refs f join own
        on own.cp_key = f.cp_key and own.n = f.n and own.l_core = left(f.key, f.core)
    union
    select f.*, own.key, own.order_id from foreign_refs f join own
        on own.cp_key = f.cp_key and own.n = f.n and own.r_core = right(f.key, f.core)
)
select flow_id,
    string_agg(distinct ref_text || ' = ' || order_id || ' of another customer, one typo'
               || ' from ' || own_order || ' (' || own_key || ') of the payer', '; '
               order by ref_text || ' = ' || order_id || ' of another customer, one typo'
               || ' from ' || own_order || ' (' || own_key || ') of the payer') as why
from near
where abs(length(own_key) - length(key)) <= 1 and own_order <> order_id
  and damerau_levenshtein(own_key, key) <= 1
group by flow_id;

create or replace temp table _r_weak as
with t as (
    select flow_id, any_value(amount) as amount, sum(coalesce(expected0, 0)) as exp,
           sum(coalesce(expected0, 0)) filter (where not name_match) as foreign_exp,
           _r_text_set(list(case when not name_match then order_id end), ',')
               as foreign_orders,
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
