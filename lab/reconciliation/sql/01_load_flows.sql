-- Bank lines of the period plus a lookback window (for duplicates and instalments), the
-- duplicates among them, and the platform settlement lumps of the period.
-- Parameters: $start, $end (the period), $lookback_start, $duplicate_minutes.

-- money in reason texts: always two decimals, never binary float noise (3416.2999999999997)
create or replace temp macro _r_money(x) as printf('%.2f', round(x::decimal(38, 6), 2));
-- _r_text_set(list(x), sep) = string_agg(distinct x, sep order by x) (NULL when no x is
-- non-NULL), as a plain list aggregate: DuckDB runs each DISTINCT / ORDER BY aggregate as a
-- separate grouping joined back, which costs seconds per aggregate on a million flows
create or replace temp macro _r_text_set(l, sep) as
    case when len(list_distinct(l)) > 0 then array_to_string(list_sort(list_distinct(l)), sep) end;

create or replace temp table _r_bank as
select txn_id as flow_id, account_no, booked_at, amount, counterparty_name,
       counterparty_account, memo,
       booked_at >= $start and booked_at < $end as in_period,
       lower(trim(coalesce(counterparty_name, ''))) as cp_key
from bank_transactions
where booked_at >= $lookback_start and booked_at < $end;

-- same account, amount, counterparty and memo within minutes: never matched
create or replace temp table _r_dups as
select flow_id, prev_id as duplicate_of from (
    select flow_id, booked_at,
           lag(flow_id) over w as prev_id, lag(booked_at) over w as prev_at
    from _r_bank
    window w as (partition by account_no, amount, counterparty_name, memo
                 order by booked_at, flow_id)
) where prev_id is not null and booked_at - prev_at <= to_minutes($duplicate_minutes::bigint);

-- settlement memos: platform keyword + 结算/settle (the first platform that matches wins)
create or replace temp table _r_settle as
select flow_id, platform, amount, booked_at,
       try_cast(regexp_extract(memo, '(\d{4}-\d{2}-\d{2})', 1) as date) as memo_date
from (
    select *,
        case
            when regexp_matches(upper(memo), '支付宝|ALIPAY') then 'alipay'
            when regexp_matches(upper(memo), '财付通|微信|WECHAT|TENPAY') then 'wechat'
            when regexp_matches(upper(memo), '京东|JD ?PAY|JD结算|JD ?SETTLE') then 'jd'
            when regexp_matches(upper(memo), '天猫|TMALL') then 'tmall'
        end as platform
    from _r_bank
    where in_period and amount <> 0  -- a refund-heavy day settles negative
      and regexp_matches(upper(coalesce(memo, '')), '结算|SETTLE')
) where platform is not null;
