-- A reference to an order of someone other than the payer must be confirmed by the amount:
-- such flows are only matched when the amounts agree within the tolerance, and the amount
-- must be what the order itself says (goods, freight, the whole order) — an instalment
-- reading ("first part", "rest", "already paid") is derived from the amount and confirms
-- nothing.
-- Parameters: $tolerance, $cent.
create or replace temp table _r_weak as
with t as (
    select flow_id, any_value(amount) as amount, sum(coalesce(expected0, 0)) as exp,
           count(*) filter (where expected0 is null) as n_unknown,
           bool_or(not name_match) as weak,
           -- a part expected to bring nothing (e.g. freight 0) cannot be confirmed
           bool_or(not name_match and (coalesce(expected0, 0) <= $cent or inst is not null))
               as unconfirmed
    from _r_refcomp group by flow_id
)
select flow_id from t
where weak and (n_unknown > 0 or unconfirmed
                or abs(amount - exp) > greatest($tolerance * exp, $cent));

delete from _r_refcomp where flow_id in (select flow_id from _r_weak);

delete from _r_ref_orders where flow_id in (select flow_id from _r_weak);

insert into _r_blocked select flow_id from _r_weak;
