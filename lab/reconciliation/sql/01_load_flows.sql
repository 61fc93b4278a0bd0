-- Bank lines of the period plus a lookback window (for duplicates and instalments), the
-- duplicates among them, and the platform settlement lumps of the period.
-- Parameters: $start, $end (the period), $lookback_start, $duplicate_minutes,
-- $reversal_mark.

-- money in reason texts: always two decimals, never binary float noise (3416.2999999999997)
create or replace temp macro _r_money(x) as printf('%.2f', round(x::decimal(38, 6), 2));
-- _r_text_set(list(x), sep) = string_agg(distinct x, sep order by x) (NULL when no x is
-- non-NULL), as a plain list aggregate: DuckDB runs each DISTINCT / ORDER BY aggregate as a
-- separate grouping joined back, which costs seconds per aggregate on a million flows
create or replace temp macro _r_text_set(l, sep) as
    case when len(list_distinct(l)) > 0 then array_to_string(list_sort(list_distinct(l)), sep) end;

-- Held inflows: never matched, red with the reason (16_duplicates writes their status).
-- "The latest earlier" line is the latest by booking time and, among lines booked at the same
-- instant (a statement without times), the one with the highest bank serial (serials count up:
-- longer is later, so 10 comes after 9), then the line id — by the line id alone, a hash, which
-- of two same-day payments a return held changed with the hash (session 29).
-- * a reversal the bank marked (MT940 RC/RD, camt RvslInd, a 冲帐标志 flag: the reader puts
--   $reversal_mark in front of the memo; Chinese exports write 冲正 / 冲账 / 退汇) that brings
--   money back in;
-- * an inflow the bank reversed: the latest earlier inflow of the same account, amount and
--   payer before a reversal outflow (each reversal undoes one inflow): the money went back;
--   a reversal of a smaller amount, by a named payer, that undoes no inflow of its own amount
--   holds that payer's latest earlier larger inflow (part of it went back);
-- * money in a currency no order is priced in: the same number is not the same amount.
-- a name as payers and customers are compared: case and outer spaces folded, full-width
-- brackets and spaces written half-width (a bank prints 北京中关村(海淀)电子 for the customer's
-- 北京中关村（海淀）电子: the same company). NULL stays NULL.
create or replace temp macro _r_name(x) as lower(trim(translate(x, '（）［］　', '()[] ')));

-- one spelling per currency (RMB and 人民币 are CNY; no currency at all is the schema's CNY)
create or replace temp macro _r_ccy(c) as
    case when upper(trim(coalesce(c, ''))) in ('', 'RMB', '人民币', 'CNY') then 'CNY'
         else upper(trim(c)) end;

-- reference-like tokens of a memo (letters/digits, at least one digit, not a date): what a
-- chargeback or a return without the payer's name and the payment it takes back have in common
create or replace temp macro _r_tokens(m) as
    list_filter(regexp_extract_all(upper(coalesce(m, '')), '[A-Z0-9][A-Z0-9-]{5,}'),
                lambda t: regexp_matches(t, '[0-9]')
                          and not regexp_matches(t, '^(19|20)[0-9]{2}-?[01][0-9](-?[0-3][0-9])?$'));

-- a chargeback (CHARGEBACK / 拒付 in an outflow's memo) takes a card payment back like a
-- reversal, but names the acquirer: it is tied to the payment by the memo's references
-- (``refs``), never by the payer
create or replace temp table _r_reversals as
select txn_id, coalesce(bank_ref, txn_id) as label, account_no, booked_at, -amount as amount,
       case when chargeback then '' else _r_name(coalesce(counterparty_name, '')) end
           as cp_key,
       chargeback, worded as whole_only,
       -- a reversal that names its payer is tied to that payer; one that does not (and a
       -- chargeback) is tied by a reference its memo shares with the payment, if any does
       case when chargeback or trim(coalesce(counterparty_name, '')) = ''
            then _r_tokens(memo) else [] end as refs
from (select *, amount < 0 and regexp_matches(upper(coalesce(memo, '')),
                                              'CHARGE[ -]?BACK|拒付') as chargeback,
             -- English-language exports write the bank's return of a credit as an outflow
             -- saying so (REVERSAL OF INWARD TT …, IBG RETURN, RETURNED ITEM; session 26: the
             -- payment it took back closed its order green). The holder's own payments are not
             -- the bank's: a REFUND (even "refund for return of goods") or an OUTWARD remittance
             -- returning funds to a payer (recon_independent10) stays an outflow, and the
             -- payment stands. Such a line takes back only an inflow of its whole amount
             -- (whole_only): part of a payment going back is the holder refunding it.
             -- Indonesian / Malay exports word it RETUR (return), PEMBATALAN (cancellation of an
             -- incoming transfer), PEMBALIKAN (reversal) (session 27, recon_independent18).
             -- STORNO / СТОРНО is the bank's cancellation of a booking in Russian, German,
             -- Polish, Czech and Italian exports (session 28, recon_independent19: Sberbank's
             -- СТОРНО of a credit left the payment green). RE2's \b knows only ASCII letters,
             -- so a Cyrillic word is bounded by "not a letter" instead. ВОЗВРАТ (return) is how
             -- Russian-language banks word sending a credit back (ВОЗВРАТ ПЛАТЕЖА ОТПРАВИТЕЛЮ,
             -- ВОЗВРАТ ОШИБОЧНО ЗАЧИСЛЕННЫХ СРЕДСТВ; session 29, recon_independent20: the
             -- payment stayed green). It also words a holder's refund — taking back only an
             -- inflow of its whole amount from the same payer, it then holds a payment whose
             -- money all went back: a person decides, never a wrong green. Uzbek exports word
             -- it QAYTARISH (return; session 30, recon_independent21), treated as ВОЗВРАТ
             amount < 0
             and (regexp_matches(upper(coalesce(memo, '')),
                                 '\b(REVERSAL|REVERSED|RETURN|RETURNED|RETUR|PEMBATALAN|PEMBALIKAN|STORNO|QAYTARISH)\b')
                  or regexp_matches(upper(coalesce(memo, '')), '(^|\PL)(СТОРНО|ВОЗВРАТ)(\PL|$)'))
             and not regexp_matches(upper(coalesce(memo, '')), 'REFUND|OUTWARD')
             and not starts_with(coalesce(memo, ''), $reversal_mark) as worded
      from bank_transactions)
where starts_with(memo, $reversal_mark) or starts_with(ltrim(memo), '冲正')
   or starts_with(ltrim(memo), '冲账') or starts_with(ltrim(memo), '冲帐')
   or starts_with(ltrim(memo), '退汇') or chargeback or worded;

-- a return the bank itself reversed (an MT940 RC and then an RD of the same amount, 冲正 of a
-- 冲正): the money came back, so that return undoes no payment and the payment stands. Each
-- reversal back in cancels one return of its account and amount booked in the 14 days before
-- it (the latest), and only with evidence that it is that return's: a reference both memos
-- carry (the return's serial, the payment's order number) or the same named payer. Without
-- it the return stands and the payment stays held (red: a person decides), never closed.
create or replace temp table _r_cancelled as
select rc_txn from (
    select o.txn_id as rc_txn,
           row_number() over (partition by i.txn_id order by o.booked_at desc,
               length(bo.bank_ref) desc nulls last, bo.bank_ref desc nulls last, o.txn_id) as k
    from _r_reversals i join _r_reversals o
      on o.account_no is not distinct from i.account_no and o.amount = -i.amount
     and o.booked_at <= i.booked_at and o.booked_at >= i.booked_at - interval 14 day
    join bank_transactions bi on bi.txn_id = i.txn_id
    join bank_transactions bo on bo.txn_id = o.txn_id
    where i.amount < 0 and o.amount > 0 and not o.chargeback
      and ((o.cp_key <> '' and o.cp_key = _r_name(coalesce(bi.counterparty_name, '')))
           or len(list_intersect(_r_tokens(bi.memo),
                                 _r_tokens(concat_ws(' ', bo.memo, bo.bank_ref)))) > 0)
) where k = 1;
delete from _r_reversals where txn_id in (select rc_txn from _r_cancelled);

-- pairs (reversal, earlier inflow of its account) that share a reference: each memo is
-- tokenised once and the tokens equi-joined (a regex per pair cost seconds on big statements).
-- A reversal in no pair (the acquirer wrote another number of the order) falls back to the
-- account, amount and date.
create or replace temp table _r_shared as
with r as (
    select txn_id, coalesce(account_no, '') as acct, booked_at, unnest(refs) as tok
    from _r_reversals where len(refs) > 0
), i as (
    select txn_id, coalesce(account_no, '') as acct, booked_at,
           unnest(_r_tokens(concat_ws(' ', memo, bank_ref))) as tok
    from bank_transactions
    where amount > 0 and coalesce(account_no, '') in (select acct from r)
)
select distinct r.txn_id as rev_txn, i.txn_id as flow_id
from r join i on i.acct = r.acct and i.tok = r.tok and i.booked_at <= r.booked_at;

create or replace temp table _r_held as
with undone as (
    select r.txn_id as rev_txn, r.label as reversal_id, r.booked_at as reversed_at,
           b.txn_id as flow_id, r.chargeback,
           row_number() over (partition by r.txn_id order by b.booked_at desc,
               length(b.bank_ref) desc nulls last, b.bank_ref desc nulls last, b.txn_id) as k
    from _r_reversals r join bank_transactions b
      on b.account_no is not distinct from r.account_no and b.amount = r.amount
     and b.booked_at <= r.booked_at
     and (r.cp_key = '' or _r_name(coalesce(b.counterparty_name, '')) in ('', r.cp_key))
     and (len(r.refs) = 0 or r.txn_id not in (select rev_txn from _r_shared)
          or exists (select 1 from _r_shared x where x.rev_txn = r.txn_id and x.flow_id = b.txn_id))
    where r.amount > 0 and b.txn_id not in (select txn_id from _r_reversals)
), unnamed as (
    -- a smaller reversal whose payer the bank does not name (camt RvslInd without parties, an
    -- MT940 RC with a bare :86:, a chargeback of part of a payment) that undoes no inflow of its
    -- own amount: part of some earlier inflow went back, but the bank does not say which. Every
    -- inflow of the account it can belong to — larger, booked in the 14 days before it (and
    -- sharing a reference with a chargeback) — is held for a person: closing them green would
    -- close the one that did not bring what it says.
    select r.label as reversal_id, r.booked_at as reversed_at, b.txn_id as flow_id,
           r.amount as returned, b.amount as received, r.chargeback,
           count(*) over (partition by r.txn_id) as candidates
    from _r_reversals r join bank_transactions b
      on b.account_no is not distinct from r.account_no and b.amount > r.amount
     and b.booked_at <= r.booked_at and b.booked_at >= r.booked_at - interval 14 day
     and (len(r.refs) = 0 or r.txn_id not in (select rev_txn from _r_shared)
          or exists (select 1 from _r_shared x where x.rev_txn = r.txn_id and x.flow_id = b.txn_id))
    where r.amount > 0 and r.cp_key = '' and not r.whole_only
      and b.txn_id not in (select txn_id from _r_reversals)
      and r.txn_id not in (select rev_txn from undone)
), partly as (
    -- a reversal of a credit that undoes no inflow of its amount, by a named payer: the bank
    -- sent back part of an earlier payment of that payer (a partial return); the latest earlier
    -- larger inflow of the same account and payer no longer brought what it says, so it is held
    -- (red) for a person, never closed on the full amount
    select r.label as reversal_id, r.booked_at as reversed_at, b.txn_id as flow_id,
           r.amount as returned, b.amount as received,
           row_number() over (partition by r.txn_id order by b.booked_at desc,
               length(b.bank_ref) desc nulls last, b.bank_ref desc nulls last, b.txn_id) as k
    from _r_reversals r join bank_transactions b
      on b.account_no is not distinct from r.account_no and b.amount > r.amount
     and b.booked_at <= r.booked_at
     and _r_name(coalesce(b.counterparty_name, '')) = r.cp_key
    where r.amount > 0 and r.cp_key <> '' and not r.whole_only
      and b.txn_id not in (select txn_id from _r_reversals)
      and r.txn_id not in (select x.txn_id from _r_reversals x join bank_transactions y
            on y.account_no is not distinct from x.account_no and y.amount = x.amount
           and y.booked_at <= x.booked_at
           and _r_name(coalesce(y.counterparty_name, '')) in ('', x.cp_key)
           and y.txn_id not in (select txn_id from _r_reversals))
), priced as (  -- distinct spellings first: the macro runs per spelling, not per row
    select distinct _r_ccy(c) as ccy from (select distinct currency as c from orders)
), foreign_ccy as (
    select c from (select distinct currency as c from bank_transactions)
    where _r_ccy(c) not in (select ccy from priced)
)
select * from (
select flow_id, 'reversed' as cause,
       case when bool_or(chargeback) then 'charged back on ' else 'reversed by the bank on ' end
       || strftime(any_value(reversed_at), '%Y-%m-%d') || ' ('
       || min(reversal_id) || '): the money went back'
       || case when bool_or(chargeback) then ' (the card payment was disputed)'
               else ' to the payer' end || ', so it pays no order'
       as reason
from undone where k = 1 group by flow_id
union all
select flow_id, 'reversed',
       case when bool_or(chargeback) then 'part of it charged back on '
            else 'a return the bank booked without the payer''s name on ' end
       || strftime(any_value(reversed_at), '%Y-%m-%d') || ' (' || min(reversal_id) || '): '
       || _r_money(any_value(returned)) || ' of an inflow went back, and this payment of '
       || _r_money(any_value(received)) || ' is one of ' || max(candidates)::varchar
       || ' it can belong to, so it may not pay what it says: review'
from unnamed where flow_id not in (select flow_id from undone where k = 1)
group by flow_id
union all
select flow_id, 'reversed',
       'partly reversed by the bank on ' || strftime(any_value(reversed_at), '%Y-%m-%d') || ' ('
       || min(reversal_id) || '): ' || _r_money(sum(returned)) || ' of ' || _r_money(any_value(received))
       || ' went back to the payer, so it does not pay what it says: review'
from partly where k = 1 and flow_id not in (select flow_id from undone where k = 1)
group by flow_id
union all
select txn_id, 'reversal',
       'a reversal of an earlier debit booked by the bank, not a customer''s payment'
from _r_reversals where amount < 0
union all
select b.txn_id, 'currency_mismatch',
       'paid in ' || _r_ccy(b.currency) || ', but orders are priced in '
       || (select string_agg(ccy, '/' order by ccy) from priced)
       || ': convert it and match it by hand'
from bank_transactions b join foreign_ccy f on b.currency is not distinct from f.c
where b.amount > 0 and exists (select 1 from priced)
) -- one reason per line
qualify row_number() over (partition by flow_id order by cause desc) = 1;

-- a Latin payer that spells one Chinese customer's name in pinyin (pinyin_names.py, the step
-- before this one) is that customer: its key is the customer's name
create temp table if not exists _r_payer_alias (cp_key varchar, alias varchar);

create or replace temp table _r_bank as
select txn_id as flow_id, account_no, booked_at, amount, counterparty_name,
       counterparty_account, memo,
       booked_at >= $start and booked_at < $end as in_period,
       coalesce(_r_name(a.alias), _r_name(coalesce(counterparty_name, ''))) as cp_key
from bank_transactions
left join _r_payer_alias a on a.cp_key = lower(trim(coalesce(counterparty_name, '')))
where booked_at >= $lookback_start and booked_at < $end
  and txn_id not in (select flow_id from _r_held);

-- same account, amount, counterparty and memo within minutes: never matched. The later one is
-- the duplicate; two booked at the same instant (a statement without times) are told apart by the
-- bank's serial, which counts up (session 25: by the line id, a hash, the second of two identical
-- payments paid the order and the first was the duplicate)
create or replace temp table _r_dups as
select flow_id, prev_id as duplicate_of from (
    select r.flow_id, r.booked_at,
           lag(r.flow_id) over w as prev_id, lag(r.booked_at) over w as prev_at
    from _r_bank r left join bank_transactions t on t.txn_id = r.flow_id
    window w as (partition by r.account_no, r.amount, r.counterparty_name, r.memo
                 order by r.booked_at, t.bank_ref nulls last, r.flow_id)
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
