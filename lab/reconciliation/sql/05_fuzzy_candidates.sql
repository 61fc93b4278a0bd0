-- Order numbers one edit away from the unresolved references of one length ($ref_length).
-- One edit leaves intact the first and last $edge characters, or the first $core, or the
-- last $core ($core = length - $edge - 1): three selective equi-joins instead of a scan.
insert into _r_fuzzy
with u as (
    select ref from _r_unresolved where n = $ref_length
), k as (
    select channel_order_no as key, order_id from orders
    where length(channel_order_no) between $ref_length - 1 and $ref_length + 1
    union all
    select erp_order_no, order_id from orders
    where length(erp_order_no) between $ref_length - 1 and $ref_length + 1
), cand as (
    select u.ref, k.key, k.order_id from u join k
      on left(k.key, $edge) = left(u.ref, $edge) and right(k.key, $edge) = right(u.ref, $edge)
    union
    select u.ref, k.key, k.order_id from u join k on left(k.key, $core) = left(u.ref, $core)
    union
    select u.ref, k.key, k.order_id from u join k on right(k.key, $core) = right(u.ref, $core)
)
select ref, order_id, key from cand where levenshtein(ref, key) <= 1;
