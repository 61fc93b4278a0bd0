-- Order numbers one edit away from the unresolved references of one length ($ref_length).
-- An edit at position i of the reference leaves its first i characters and its last
-- (length - i - 1) characters intact, so every candidate agrees with the reference on
--   * the last $core characters (i <= $edge; $core = length - $edge - 1), or
--   * the first and the last $edge characters ($edge <= i <= $core), or
--   * the first $core and the last $tail characters ($core <= i < length - $tail), or
--   * the first length - $tail characters (i >= length - $tail).
-- Four selective equi-joins instead of a scan; the last two split what one join on the first
-- $core characters did, because order numbers that start with a date share that prefix with
-- every order of the day.
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
    select u.ref, k.key, k.order_id from u join k on right(k.key, $core) = right(u.ref, $core)
    union
    select u.ref, k.key, k.order_id from u join k
      on left(k.key, $edge) = left(u.ref, $edge) and right(k.key, $edge) = right(u.ref, $edge)
    union
    select u.ref, k.key, k.order_id from u join k
      on left(k.key, $core) = left(u.ref, $core) and right(k.key, $tail) = right(u.ref, $tail)
    union
    select u.ref, k.key, k.order_id from u join k
      on left(k.key, $ref_length - $tail) = left(u.ref, $ref_length - $tail)
)
select ref, order_id, key from cand where levenshtein(ref, key) <= 1;
