-- Settlement lumps → that platform's bills of the memo's date (or of the days before booking).
-- Parameters: $bill_days_start, $end, $settlement_days_back, $cent.
create or replace temp table _r_bill_days as
select platform, settled_at::date as d, min(trade_time::date) as trade_d,
       max(trade_time::date) as trade_d2, sum(net_amount) as net, count(*) as n
from payment_bills
where settled_at >= $bill_days_start and settled_at < $end
group by platform, settled_at::date;

create or replace temp table _r_settle_pick as
with cand as (
    select s.flow_id, s.platform, d.d, d.net, d.n, s.amount,
           abs(s.amount - d.net) as diff,
           case when s.memo_date is not null then 0
                else date_diff('day', d.d, s.booked_at::date) end as lag_days
    from _r_settle s join _r_bill_days d on d.platform = s.platform
     and ((s.memo_date is not null
           and (d.d = s.memo_date or (d.trade_d = s.memo_date and d.trade_d2 = s.memo_date)))
          or (s.memo_date is null
              and d.d between s.booked_at::date - to_days($settlement_days_back::bigint)
                          and s.booked_at::date))
), ranked as (
    select *, row_number() over (partition by flow_id order by diff, lag_days) as rk,
           count(*) filter (where diff <= $cent) over (partition by flow_id) as n_exact
    from cand
)
select * from ranked where rk = 1;
