"""Matching money flows (bank lines, settlement bills) to orders, in DuckDB.

Why this order of rules (after Odoo / ERPNext): a reference typed by the payer is the strongest
evidence, so memo references are matched first (exact, then a unique one-character-typo lookup
that must also agree on the payer); a line without a usable reference may only be matched when
the amount equals exactly one open order of the same counterparty inside the date window —
amount and date are hard gates, names are evidence, and two candidates are a near-tie that is
left for a person. Duplicates (same account, amount, counterparty and memo within minutes) are
flagged and never matched, so nothing is counted twice. Platform settlement lumps are matched
to the day's settlement bills of their platform, and each bill to its order.

Everything runs as set-based SQL over temp tables (``_r_*``) of the caller's connection; only
memo parsing runs in Python, once per distinct memo shape. The output is two temp tables:

* ``_r_parts``: (flow_id, flow_source, order_id, component, expected, matched_amount, rule,
  confidence, evidence) — one row per flow × order × component;
* ``_r_flows``: (flow_id, flow_source, amount, expected_amount, match_status, reason) — one row
  per flow of the period; ``match_status`` is the machine cause (``matched``, ``instalment``,
  ``partial_payment``, ``overpayment``, ``freight_difference``, ``ambiguous``, ``no_reference``,
  ``duplicate``, ``settlement``, ``settlement_difference``, ``unknown_reference``, ...).
"""

from __future__ import annotations

import time
from collections.abc import Sequence

import duckdb
import pandas as pd
import pyarrow as pa

from lab.reconciliation.config import Period, ReconConfig
from lab.reconciliation.memo import RefPattern, parse_memos
from lab.reconciliation.rounding import split_exactly

# Settlement memos: platform keyword + 结算/settle. Static patterns, not user text.
SETTLEMENT_PLATFORMS: tuple[tuple[str, str], ...] = (
    ("alipay", "支付宝|ALIPAY"),
    ("wechat", "财付通|微信|WECHAT|TENPAY"),
    ("jd", "京东|JD ?PAY|JD结算|JD ?SETTLE"),
    ("tmall", "天猫|TMALL"),
)


_PARSED_SCHEMA = pa.schema(
    [
        ("ref_pos", pa.int32()), ("ref", pa.string()), ("kind", pa.string()),
        ("ref_start", pa.int32()), ("ref_end", pa.int32()), ("ref_text", pa.string()),
        ("components", pa.list_(pa.string())), ("instalment", pa.string()),
        ("valid", pa.bool_()), ("component_text", pa.string()), ("text", pa.string()),
    ]
)  # fmt: skip


def _params(period: Period, cfg: ReconConfig) -> dict:
    return {
        "start": period.start,
        "end": period.end,
        "lookback_start": pd.Timestamp(period.start)
        - pd.Timedelta(days=max(cfg.instalment_lookback_days, 1)),
    }


def _load_flows(con: duckdb.DuckDBPyConnection, period: Period, cfg: ReconConfig) -> None:
    """Bank lines of the period plus a lookback window (for duplicates and instalments)."""
    p = _params(period, cfg)
    con.execute(
        """
        create or replace temp table _r_bank as
        select txn_id as flow_id, account_no, booked_at, amount, counterparty_name,
               counterparty_account, memo,
               booked_at >= $start and booked_at < $end as in_period,
               lower(trim(coalesce(counterparty_name, ''))) as cp_key
        from bank_transactions
        where booked_at >= $lookback_start and booked_at < $end
        """,
        p,
    )
    con.execute(
        """
        create or replace temp table _r_dups as
        select flow_id, prev_id as duplicate_of from (
            select flow_id, booked_at,
                   lag(flow_id) over w as prev_id, lag(booked_at) over w as prev_at
            from _r_bank
            window w as (partition by account_no, amount, counterparty_name, memo
                         order by booked_at, flow_id)
        ) where prev_id is not null and booked_at - prev_at <= to_minutes($m::bigint)
        """,
        {"m": cfg.duplicate_minutes},
    )
    whens = " ".join(
        f"when regexp_matches(upper(memo), '{rx}') then '{name}'"
        for name, rx in SETTLEMENT_PLATFORMS
    )
    con.execute(
        f"""
        create or replace temp table _r_settle as
        select flow_id, platform, amount, booked_at,
               try_cast(regexp_extract(memo, '(\\d{{4}}-\\d{{2}}-\\d{{2}})', 1) as date) as memo_date
        from (
            select *, case {whens} else null end as platform
            from _r_bank
            where in_period and amount > 0
              and regexp_matches(upper(coalesce(memo, '')), '结算|SETTLE')
        ) where platform is not null
        """
    )


def _extract_refs(con: duckdb.DuckDBPyConnection, patterns: Sequence[RefPattern]) -> None:
    """Parse every distinct memo / counterparty text once; join the references back to flows."""
    texts = con.execute(
        """
        select distinct memo as t from _r_bank
        where amount > 0 and memo is not null
          and flow_id not in (select flow_id from _r_settle)
        union
        select distinct counterparty_name from _r_bank
        where amount > 0 and regexp_matches(coalesce(counterparty_name, ''), '[0-9０-９]{6}')
        """
    ).fetchall()
    cols = parse_memos(((t, t) for (t,) in texts), patterns)
    cols["text"] = cols.pop("flow_id")
    df = pa.table(cols, schema=_PARSED_SCHEMA)  # typed even when no memo has a reference
    con.register("_r_parsed_df", df)
    con.execute(
        """
        create or replace temp table _r_refs as
        select b.flow_id, 'memo' as field, p.* exclude (text)
        from _r_bank b join _r_parsed_df p on p.text = b.memo
        where b.amount > 0
        union all
        select b.flow_id, 'counterparty' as field, p.* exclude (text)
        from _r_bank b join _r_parsed_df p on p.text = b.counterparty_name
        where b.amount > 0
        """
    )
    con.unregister("_r_parsed_df")


def _resolve_refs(con: duckdb.DuckDBPyConnection) -> None:
    """References → orders: exact on channel / ERP numbers, then unique one-edit typos."""
    con.execute(
        """
        create or replace temp table _r_resolved as
        select r.flow_id, r.field, r.ref_pos, o.order_id, 'exact' as how, r.ref as key
        from _r_refs r join orders o on o.channel_order_no = r.ref
        union all
        select r.flow_id, r.field, r.ref_pos, o.order_id, 'exact', r.ref
        from _r_refs r join orders o on o.erp_order_no = r.ref
        """
    )
    con.execute(
        """
        create or replace temp table _r_unresolved as
        select distinct r.ref, length(r.ref) as n from _r_refs r
        anti join _r_resolved x using (flow_id, field, ref_pos)
        where length(r.ref) between 10 and 30
        """
    )
    lengths = [
        n for (n,) in con.execute("select distinct n from _r_unresolved order by n").fetchall()
    ]
    con.execute(
        "create or replace temp table _r_fuzzy (ref varchar, order_id varchar, key varchar)"
    )
    for n in lengths:
        # One edit leaves intact the first a and last a characters, or the first c, or the
        # last c (c = n - a - 1): three selective equi-joins instead of a scan of every id.
        a = n // 3
        c = n - a - 1
        con.execute(
            """
            insert into _r_fuzzy
            with u as (
                select ref from _r_unresolved where n = $n
            ), k as (
                select channel_order_no as key, order_id from orders
                where length(channel_order_no) between $n - 1 and $n + 1
                union all
                select erp_order_no, order_id from orders
                where length(erp_order_no) between $n - 1 and $n + 1
            ), cand as (
                select u.ref, k.key, k.order_id from u join k
                  on left(k.key, $a) = left(u.ref, $a) and right(k.key, $a) = right(u.ref, $a)
                union
                select u.ref, k.key, k.order_id from u join k on left(k.key, $c) = left(u.ref, $c)
                union
                select u.ref, k.key, k.order_id from u join k on right(k.key, $c) = right(u.ref, $c)
            )
            select ref, order_id, key from cand where levenshtein(ref, key) <= 1
            """,
            {"n": n, "a": a, "c": c},
        )
    # a typo close to several numbers is resolved by the payer when exactly one of them is
    # an order of the payer (graded evidence); otherwise it stays ambiguous for a person
    con.execute(
        """
        insert into _r_resolved
        with c as (
            select r.flow_id, r.field, r.ref_pos, f.order_id, f.key,
                   lower(trim(coalesce(cu.customer_name, ''))) = b.cp_key as name_match
            from _r_refs r join _r_fuzzy f on f.ref = r.ref
            join _r_bank b using (flow_id)
            join orders o on o.order_id = f.order_id
            left join customers cu on cu.customer_id = o.customer_id
        )
        select flow_id, field, ref_pos,
               case when count(distinct order_id) = 1 then min(order_id)
                    else min(order_id) filter (where name_match) end,
               case when count(distinct order_id) = 1 then 'fuzzy'
                    when count(distinct order_id) filter (where name_match) = 1 then 'fuzzy'
                    else 'fuzzy_ambiguous' end,
               case when count(distinct order_id) = 1
                         or count(distinct order_id) filter (where name_match) <> 1
                    then string_agg(distinct key, '|' order by key)
                    else min(key) filter (where name_match) end
        from c
        group by all
        """
    )


def _reference_parts(con: duckdb.DuckDBPyConnection, period: Period, cfg: ReconConfig) -> None:
    """Flow × order × component parts from accepted references, with expected amounts."""
    con.execute(
        """
        create or replace temp table _r_refparts as
        with acc as (
            select r.*, x.order_id, x.how, x.key, b.amount, b.booked_at, b.in_period,
                   b.cp_key, o.paid_amount, o.goods_amount, o.shipping_fee, o.discount_amount,
                   o.deposit_amount, o.is_presale, o.created_at,
                   lower(trim(coalesce(c.customer_name, ''))) = b.cp_key as name_match
            from _r_refs r
            join _r_resolved x using (flow_id, field, ref_pos)
            join _r_bank b using (flow_id)
            join orders o on o.order_id = x.order_id
            left join customers c on c.customer_id = o.customer_id
            where b.flow_id not in (select flow_id from _r_dups)
        )
        select *,
            field || '[' || ref_start || ':' || ref_end || ']="' || ref_text || '"'
                || case when component_text <> '' then ' ' || component_text else '' end
                || case when how = 'fuzzy' then ' ~' || key else '' end as ev,
            -- typo lookups must agree on the payer; no reference may point to an order
            -- created after the money arrived (beyond the lookahead)
            (how = 'exact' or (how = 'fuzzy' and name_match))
              and created_at <= booked_at + to_days($look::bigint) as accepted
        from acc
        """,
        {"look": cfg.lookahead_days},
    )
    # a flow with any reference that is unknown, ambiguous or rejected is left for a person:
    # matching only the references that did resolve would close it against a wrong order set
    con.execute(
        """
        create or replace temp table _r_blocked as
        select distinct r.flow_id from _r_refs r
        where not exists (select 1 from _r_refparts p where p.flow_id = r.flow_id
                          and p.field = r.field and p.ref_pos = r.ref_pos and p.accepted)
        """
    )
    # one row per flow x order x component (a memo may name the same order twice)
    con.execute(
        """
        create or replace temp table _r_ref_orders as
        select flow_id, order_id, any_value(amount) as amount, any_value(in_period) as in_period,
               any_value(booked_at) as booked_at,
               list_sort(list_distinct(flatten(list(components)))) as comps,
               max(instalment) as instalment, max(how) as how,
               bool_or(field = 'counterparty') as from_counterparty,
               string_agg(distinct ev, '; ' order by ev) as evidence,
               any_value(paid_amount) as paid_amount, any_value(goods_amount) as goods_amount,
               any_value(shipping_fee) as shipping_fee, any_value(discount_amount) as discount_amount,
               any_value(deposit_amount) as deposit_amount, any_value(is_presale) as is_presale,
               bool_and(name_match) as name_match
        from _r_refparts where accepted and flow_id not in (select flow_id from _r_blocked)
        group by flow_id, order_id
        """
    )
    # instalments: earlier / later single-order flows paying the same order
    con.execute(
        """
        create or replace temp table _r_inst as
        with f as (
            select flow_id, order_id, amount, booked_at, in_period,
                   flow_id in (select flow_id from _r_ref_orders group by flow_id
                               having count(*) = 1)
                   and list_has_all(['full', 'goods'], comps) as single
            from _r_ref_orders
        ), w as (
            select *,
                coalesce(sum(case when single then amount end) over (
                    partition by order_id order by booked_at, flow_id
                    rows between unbounded preceding and 1 preceding), 0) as prior,
                coalesce(sum(case when single then amount end) over (
                    partition by order_id order by booked_at, flow_id
                    rows between 1 following and unbounded following), 0) as later,
                count(*) over (
                    partition by order_id order by booked_at, flow_id
                    rows between 1 following and unbounded following) as later_flows
            from f
        )
        select flow_id, order_id, prior, later, later_flows from w where in_period
        """
    )
    con.execute(
        """
        create or replace temp table _r_refcomp as
        with flows as (
            select flow_id, count(*) as n_orders from _r_ref_orders group by flow_id
        ), svc as (
            select order_id, sum(coalesce(service_hours, 0)) * $rate as service_fee
            from order_lines
            where order_id in (select order_id from _r_ref_orders where in_period)
            group by order_id
        ), comp as (
            select ro.*, f.n_orders, i.prior, i.later, i.later_flows,
                   coalesce(svc.service_fee, 0) as service_fee,
                   unnest(ro.comps) as component
            from _r_ref_orders ro join flows f using (flow_id)
            join _r_inst i using (flow_id, order_id)
            left join svc using (order_id)
            where ro.in_period
        ), k as (
            select *,
                case
                    when component not in ('full', 'goods') then null
                    when component = 'goods' and (n_orders > 1 and prior <= $cent
                        or abs(amount - (goods_amount - discount_amount))
                           <= greatest($tol * (goods_amount - discount_amount), $cent)
                        or abs(prior - (goods_amount - discount_amount)) <= $cent)
                        then null  -- read as goods only
                    when instalment = 'deposit' and deposit_amount > 0 then 'deposit'
                    when instalment = 'balance' and deposit_amount > 0 then 'balance'
                    when n_orders = 1 and is_presale and deposit_amount > 0
                         and abs(amount - deposit_amount) <= greatest($tol * deposit_amount, $cent)
                        then 'deposit'
                    when n_orders = 1 and is_presale and deposit_amount > 0
                         and abs(amount - (paid_amount - deposit_amount))
                             <= greatest($tol * (paid_amount - deposit_amount), $cent)
                        then 'balance'
                    when prior > $cent and prior < paid_amount - $cent then 'rest'
                    when prior >= paid_amount - $cent and paid_amount > 0 then 'already_paid'
                    when n_orders = 1 and later > $cent
                         and abs(amount + later - paid_amount) <= greatest($tol * paid_amount, $cent)
                        then 'first'
                    when n_orders = 1 and later_flows > 0 and amount < paid_amount - $cent
                        then 'first'
                end as inst
            from comp
        )
        select *,
            cast(case
                when component = 'goods' and inst is null then goods_amount - discount_amount
                when component = 'freight' then shipping_fee
                when component = 'service' then service_fee
                when inst = 'deposit' then deposit_amount
                when inst = 'balance' then paid_amount - deposit_amount
                when inst = 'rest' then paid_amount - prior
                when inst = 'first' then amount
                when inst = 'already_paid' then 0
                when component = 'full' then paid_amount
                else null  -- commission, rebate, tax, unpriced service: take what is left
            end as decimal(14, 2)) as expected0
        from k
        """,
        {"tol": cfg.tolerance, "cent": cfg.cent_tolerance, "rate": cfg.service_rate_per_hour},
    )


def _resolve_goods_or_full(con: duckdb.DuckDBPyConnection, cfg: ReconConfig) -> None:
    """Let the amount decide what the words leave open: ``货款`` and unmentioned service fees.

    People write ``货款`` for goods only and for the whole order alike, and a transfer often
    includes an order's service fee without saying so. For flows whose total does not add up,
    find the unique set of such readings (a goods part read as the whole order: + shipping fee;
    a referenced order's service fee) that explains the gap to the cent; apply exactly those.
    Several sets explain it → nothing is changed (the flow stays yellow for a person).
    """
    rows = con.execute(
        """
        with t as (
            select flow_id, any_value(amount) as amount, sum(coalesce(expected0, 0)) as known,
                   count(*) filter (where expected0 is null) as n_unknown
            from _r_refcomp group by flow_id
        ), extra as (
            select c.flow_id, c.order_id, 'upgrade' as kind, c.shipping_fee as fee
            from _r_refcomp c
            where c.component = 'goods' and c.inst is null and c.shipping_fee > 0
              and not exists (select 1 from _r_refcomp f where f.flow_id = c.flow_id
                              and f.order_id = c.order_id and f.component in ('freight', 'full'))
            union all
            select distinct c.flow_id, c.order_id, 'service', c.service_fee
            from _r_refcomp c
            where c.service_fee > 0
              and not exists (select 1 from _r_refcomp f where f.flow_id = c.flow_id
                              and f.order_id = c.order_id and f.component = 'service')
        )
        select t.flow_id, t.amount - t.known as gap,
               list(e.order_id order by e.order_id, e.kind) as orders,
               list(e.kind order by e.order_id, e.kind) as kinds,
               list(e.fee order by e.order_id, e.kind) as fees
        from t join extra e using (flow_id)
        where t.n_unknown = 0 and t.amount - t.known > $cent
        group by t.flow_id, t.amount, t.known
        """,
        {"cent": cfg.cent_tolerance},
    ).fetchall()
    upgrades: list[tuple[str, str, str]] = []
    for flow_id, gap, orders, kinds, fees in rows:
        cents = [round(float(f) * 100) for f in fees]
        target = round(float(gap) * 100)
        if len(cents) > 14:
            continue
        hits = []
        for mask in range(1, 1 << len(cents)):
            if sum(c for i, c in enumerate(cents) if mask >> i & 1) == target:
                hits.append(mask)
                if len(hits) > 1:
                    break
        if len(hits) == 1:
            upgrades += [
                (flow_id, o, k)
                for i, (o, k) in enumerate(zip(orders, kinds, strict=True))
                if hits[0] >> i & 1
            ]
    if not upgrades:
        return
    up = pd.DataFrame(upgrades, columns=["flow_id", "order_id", "kind"])
    con.register("_r_upgrade_df", up)
    con.execute("create or replace temp table _r_upgrade as select * from _r_upgrade_df")
    con.unregister("_r_upgrade_df")
    con.execute(
        """
        update _r_refcomp set component = 'full', expected0 = paid_amount
        where component = 'goods' and (flow_id, order_id) in
            (select (flow_id, order_id) from _r_upgrade where kind = 'upgrade')
        """
    )
    con.execute(
        """
        insert into _r_refcomp by name
        select * replace ('service' as component,
                          cast(service_fee as decimal(14, 2)) as expected0,
                          null as inst)
        from (select *, row_number() over (partition by flow_id, order_id order by component)
                        as _rn from _r_refcomp)
        where _rn = 1 and (flow_id, order_id) in
            (select (flow_id, order_id) from _r_upgrade where kind = 'service')
        """.replace("select * replace", "select * exclude (_rn) replace")
    )


def _gate_weak_references(con: duckdb.DuckDBPyConnection, cfg: ReconConfig) -> None:
    """A reference to an order of someone other than the payer must be confirmed by the amount.

    Third parties do pay for orders, but a typo can also land on a real order number of another
    customer. Names are graded evidence: when any referenced order is not the payer's, the flow
    is only matched if the amounts agree within the tolerance; otherwise a person decides.
    """
    con.execute(
        """
        create or replace temp table _r_weak as
        with t as (
            select flow_id, any_value(amount) as amount, sum(coalesce(expected0, 0)) as exp,
                   count(*) filter (where expected0 is null) as n_unknown,
                   bool_or(not name_match) as weak,
                   -- a part expected to bring nothing (e.g. freight 0) cannot be confirmed
                   bool_or(not name_match and coalesce(expected0, 0) <= $cent) as unconfirmed
            from _r_refcomp group by flow_id
        )
        select flow_id from t
        where weak and (n_unknown > 0 or unconfirmed
                        or abs(amount - exp) > greatest($tol * exp, $cent))
        """,
        {"tol": cfg.tolerance, "cent": cfg.cent_tolerance},
    )
    con.execute("delete from _r_refcomp where flow_id in (select flow_id from _r_weak)")
    con.execute("delete from _r_ref_orders where flow_id in (select flow_id from _r_weak)")
    con.execute("insert into _r_blocked select flow_id from _r_weak")


def _amount_candidates(con: duckdb.DuckDBPyConnection, cfg: ReconConfig) -> None:
    """Flows without a usable reference: one open order of the same payer with the same amount."""
    con.execute(
        """
        create or replace temp table _r_noref as
        select b.* from _r_bank b
        where b.in_period and b.amount > 0
          and b.flow_id not in (select flow_id from _r_dups)
          and b.flow_id not in (select flow_id from _r_settle)
          and b.flow_id not in (select flow_id from _r_refcomp)
        """
    )
    con.execute(
        """
        create or replace temp table _r_amount_cand as
        with taken as (select distinct order_id from _r_refcomp),
        n as (select * from _r_noref where flow_id not in (select flow_id from _r_refs)),
        prior as (  -- orders partly paid by an earlier referenced whole-order transfer
            select order_id, sum(amount) as prior, max(booked_at) as last_at from _r_ref_orders
            where flow_id in (select flow_id from _r_ref_orders group by flow_id
                              having count(*) = 1)
              and list_has_all(['full', 'goods'], comps)
            group by order_id
        ),
        amounts as (select distinct amount from n),
        -- every way an order can be owed exactly one amount: equi-joinable (amount, order);
        -- only amounts that some flow actually has are kept (a semi-join, not a scan per flow)
        owed as (
            select order_id, paid_amount as owed, 'full' as part, null::timestamp as after
            from orders where order_status <> 'cancelled'
              and paid_amount in (select amount from amounts)
            union all
            select order_id, deposit_amount, 'deposit', null from orders
            where is_presale and deposit_amount > 0 and order_status <> 'cancelled'
              and deposit_amount in (select amount from amounts)
            union all
            select order_id, paid_amount - deposit_amount, 'balance', null from orders
            where is_presale and deposit_amount > 0 and order_status <> 'cancelled'
              and paid_amount - deposit_amount in (select amount from amounts)
            union all
            select o.order_id, o.paid_amount - p.prior, 'balance', p.last_at
            from orders o join prior p using (order_id)
            where o.order_status <> 'cancelled' and o.paid_amount - p.prior > 0
              and o.paid_amount - p.prior in (select amount from amounts)
        )
        select n.flow_id, o.order_id, o.customer_id,
               lower(trim(coalesce(c.customer_name, ''))) = n.cp_key as name_match,
               w.part, o.created_at, n.booked_at
        from n join owed w on w.owed = n.amount
        join orders o on o.order_id = w.order_id
         and o.created_at >= n.booked_at - to_days($win::bigint)
         and o.created_at <= n.booked_at + to_days($look::bigint)
         -- open at the time of payment: not already fully paid before this money arrived
         and (o.paid_at is null or o.paid_at >= n.booked_at - interval 1 day)
        left join customers c on c.customer_id = o.customer_id
        where (w.after is null and o.order_id not in (select order_id from taken))
           or (w.after is not null and w.after < n.booked_at)
        qualify row_number() over (partition by n.flow_id, o.order_id order by w.part) = 1
        """,
        {"win": cfg.amount_window_days, "look": cfg.lookahead_days},
    )
    # an order that is the unique candidate of two flows is not unique at all
    con.execute(
        """
        create or replace temp table _r_amount_pick as
        with named as (select * from _r_amount_cand where name_match),
        per_flow as (select flow_id, count(*) as n, any_value(order_id) as order_id,
                            any_value(part) as part from named group by flow_id),
        per_order as (select order_id, count(distinct flow_id) as n_flows from named group by order_id)
        select f.flow_id, f.order_id, f.part, f.n, coalesce(po.n_flows, 0) as n_flows
        from per_flow f left join per_order po using (order_id)
        """
    )


def _settlements(con: duckdb.DuckDBPyConnection, period: Period, cfg: ReconConfig) -> None:
    """Settlement lumps → that platform's bills of the memo's date (or the days before booking)."""
    con.execute(
        """
        create or replace temp table _r_bill_days as
        select platform, settled_at::date as d, min(trade_time::date) as trade_d,
               max(trade_time::date) as trade_d2, sum(net_amount) as net, count(*) as n
        from payment_bills
        where settled_at >= $s and settled_at < $e
        group by platform, settled_at::date
        """,
        {
            "s": pd.Timestamp(period.start) - pd.Timedelta(days=cfg.settlement_days_back + 31),
            "e": period.end,
        },
    )
    con.execute(
        """
        create or replace temp table _r_settle_pick as
        with cand as (
            select s.flow_id, s.platform, d.d, d.net, d.n, s.amount,
                   abs(s.amount - d.net) as diff,
                   case when s.memo_date is not null then 0
                        else date_diff('day', d.d, s.booked_at::date) end as lag_days
            from _r_settle s join _r_bill_days d on d.platform = s.platform
             and ((s.memo_date is not null
                   and (d.d = s.memo_date or (d.trade_d = s.memo_date and d.trade_d2 = s.memo_date)))
                  or (s.memo_date is null and d.d between s.booked_at::date - to_days($back::bigint)
                                                      and s.booked_at::date))
        ), ranked as (
            select *, row_number() over (partition by flow_id order by diff, lag_days) as rk,
                   count(*) filter (where diff <= $cent) over (partition by flow_id) as n_exact
            from cand
        )
        select * from ranked where rk = 1
        """,
        {"back": cfg.settlement_days_back, "cent": cfg.cent_tolerance},
    )


def match_flows(
    con: duckdb.DuckDBPyConnection,
    period: Period,
    cfg: ReconConfig,
    patterns: Sequence[RefPattern],
    timings: dict[str, float] | None = None,
) -> None:
    """Build ``_r_parts`` and ``_r_flows`` for ``period`` (see the module docstring).

    ``timings`` (if given) receives the seconds spent in each step, for the benchmark.
    """
    steps = [
        ("load", lambda: _load_flows(con, period, cfg)),
        ("parse_memos", lambda: _extract_refs(con, patterns)),
        ("resolve_refs", lambda: _resolve_refs(con)),
        ("reference_parts", lambda: _reference_parts(con, period, cfg)),
        ("goods_or_full", lambda: _resolve_goods_or_full(con, cfg)),
        ("weak_references", lambda: _gate_weak_references(con, cfg)),
        ("amount_candidates", lambda: _amount_candidates(con, cfg)),
        ("settlements", lambda: _settlements(con, period, cfg)),
        ("assemble", lambda: _assemble(con, period, cfg)),
    ]
    for name, step in steps:
        t = time.perf_counter()
        step()
        if timings is not None:
            timings[f"match.{name}"] = time.perf_counter() - t


def _assemble(con: duckdb.DuckDBPyConnection, period: Period, cfg: ReconConfig) -> None:
    tol, cent = cfg.tolerance, cfg.cent_tolerance
    # ---- reference flows: expected per part, difference attributed freight-first
    con.execute(
        """
        create or replace temp table _r_ref_split_src as
        with t as (
            select *,
                sum(coalesce(expected0, 0)) over (partition by flow_id) as known,
                count(*) filter (where expected0 is null) over (partition by flow_id) as n_unknown,
                sum(case when component = 'freight' then expected0 else 0 end)
                    over (partition by flow_id) as freight_total
            from _r_refcomp
        ), u as (
            select *,
                -- unknown components (service, commission...) share what the known ones leave
                case when expected0 is not null then expected0
                     else greatest(amount - known, 0) / n_unknown end as expected
            from t
        ), v as (
            select *, sum(expected) over (partition by flow_id) as expected_total from u
        )
        select flow_id as grp, order_id || '|' || component as item, amount as total,
            case
                when abs(amount - expected_total) <= $cent then expected
                when freight_total > 0 and abs(amount - expected_total) < freight_total then
                    expected + case when component = 'freight'
                        then (amount - expected_total) * expected / freight_total else 0 end
                when expected_total > 0 then expected
                else 1
            end as weight,
            * exclude (amount)
        from v
        """,
        {"cent": cent},
    )
    split_exactly(con, "_r_ref_split_src", "_r_ref_split")
    fuzzy_c, ref_c = cfg.confidence_fuzzy, cfg.confidence_reference
    con.execute(
        """
        create or replace temp table _r_parts as
        select flow_id, 'bank' as flow_source, order_id, component, expected,
               amount as matched_amount,
               case when how = 'fuzzy' then 'memo_reference_fuzzy'
                    when from_counterparty then 'counterparty_reference'
                    else 'memo_reference' end as rule,
               case when how = 'fuzzy' then $fz else $rc end as confidence,
               evidence
        from _r_ref_split
        """,
        {"fz": fuzzy_c, "rc": ref_c},
    )
    # ---- reference flow results
    con.execute(
        """
        create or replace temp table _r_flows as
        with f as (
            select flow_id, any_value(total) as amount, sum(expected) as expected_amount,
                   bool_or(inst is not null and inst <> 'already_paid') as is_inst,
                   string_agg(distinct case when inst = 'already_paid' then order_id end, ','
                              order by case when inst = 'already_paid' then order_id end)
                       as already_paid,
                   bool_or(component = 'freight') as has_freight,
                   max(case when component = 'freight' and expected > 0
                            then abs(amount - expected) / expected end) as freight_rel_diff,
                   string_agg(distinct order_id, ',' order by order_id) as orders,
                   string_agg(distinct inst_note, ', ' order by inst_note) as inst_text
            from (select *, case when inst is not null then order_id || ' ' || inst || ' ('
                             || (prior + amount) || ' of ' || paid_amount || ' so far)' end
                             as inst_note from _r_ref_split)
            group by flow_id
        )
        select flow_id, 'bank' as flow_source, amount, expected_amount,
            case
                when abs(amount - expected_amount) <= greatest($tol * expected_amount, $cent)
                     and coalesce(freight_rel_diff, 0) <= $tol
                    then case when is_inst then 'instalment' else 'matched' end
                when has_freight and freight_rel_diff > $tol
                     and abs(amount - expected_amount) < expected_amount then 'freight_difference'
                when amount < expected_amount then 'partial_payment'
                else 'overpayment'
            end as match_status,
            case
                when abs(amount - expected_amount) <= greatest($tol * expected_amount, $cent)
                     and coalesce(freight_rel_diff, 0) <= $tol
                    then 'memo references ' || orders
                         || case when is_inst then '; instalment: ' || inst_text else '' end
                when has_freight and freight_rel_diff > $tol
                     and abs(amount - expected_amount) < expected_amount
                    then 'freight received differs from the order''s shipping fee by '
                         || round(100 * freight_rel_diff, 2) || '% (' || orders || ')'
                when amount < expected_amount
                    then 'partial payment: received ' || amount || ' of ' || expected_amount
                         || ', ' || (expected_amount - amount) || ' outstanding (' || orders || ')'
                else 'overpayment: received ' || amount || ', orders say ' || expected_amount
                     || ' (' || orders || ')' || coalesce('; already fully paid before: '
                     || already_paid, '')
            end as reason
        from f
        """,
        {"tol": tol, "cent": cent},
    )
    # ---- amount + counterparty + date window
    amt_c = cfg.confidence_amount
    con.execute(
        """
        insert into _r_parts
        select p.flow_id, 'bank', p.order_id, 'full', n.amount, n.amount,
               'amount_counterparty_date', $c,
               'no order reference in memo; amount ' || n.amount || ' = '
               || case p.part when 'full' then 'paid amount' when 'deposit' then 'deposit'
                  else 'balance' end || ' of ' || p.order_id
               || '; counterparty "' || coalesce(n.counterparty_name, '') || '" = customer; order created '
               || strftime(o.created_at, '%Y-%m-%d')
        from _r_amount_pick p join _r_noref n using (flow_id)
        join orders o on o.order_id = p.order_id
        where p.n = 1 and p.n_flows = 1
        """,
        {"c": amt_c},
    )
    con.execute(
        """
        insert into _r_flows
        with cand_all as (
            select flow_id, count(*) as n_any, count(*) filter (where name_match) as n_named,
                   count(distinct customer_id) as n_customers,
                   string_agg(order_id, ',' order by order_id) as orders
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
                when coalesce(ca.n_any, 0) > 0 then 'counterparty_mismatch'
                else 'no_reference'
            end,
            case
                when p.n = 1 and p.n_flows = 1
                    then 'amount, counterparty and date identify ' || p.order_id
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
                when r.resolved then 'memo reference ' || r.found_refs
                     || ' conflicts with the payer, the date or the amount (an order of another'
                     || ' customer whose amount does not agree, or created after the payment):'
                     || ' review'
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
        """
    )
    # ---- duplicates: flagged, never matched
    con.execute(
        """
        insert into _r_flows
        select d.flow_id, 'bank', b.amount, null, 'duplicate',
               'duplicate of ' || d.duplicate_of || ' (same account, amount, counterparty and'
               || ' memo within minutes): not counted; refund or reverse'
        from _r_dups d join _r_bank b using (flow_id) where b.in_period
        """
    )
    # ---- settlement lumps
    con.execute(
        """
        insert into _r_parts
        select s.flow_id, 'bank', o.order_id, 'full', b.net_amount, b.net_amount,
               'settlement_bills', $c,
               s.platform || ' bills settled ' || s.d || ': ' || s.n || ' bills, net ' || s.net
        from _r_settle_pick s
        join payment_bills b on b.platform = s.platform and b.settled_at::date = s.d
        join orders o on o.channel_order_no = b.channel_order_no
        where s.diff <= greatest($tol * s.net, $cent)
        """,
        {"c": cfg.confidence_settlement, "tol": tol, "cent": cent},
    )
    con.execute(
        """
        insert into _r_flows
        select s.flow_id, 'bank', s.amount, p.net,
            case when p.diff <= $cent then 'settlement'
                 when p.diff <= greatest($tol * p.net, $cent) then 'settlement_difference'
                 when p.flow_id is null then 'settlement_unmatched'
                 else 'settlement_unmatched' end,
            case when p.diff <= $cent then s.platform || ' settlement = ' || p.n || ' bills of ' || p.d
                 when p.flow_id is not null then s.platform || ' settlement differs from the '
                      || p.n || ' bills of ' || p.d || ' (net ' || p.net || ') by '
                      || (s.amount - p.net)
                 else 'no ' || s.platform || ' settlement bills on the memo date or the days before'
            end
        from _r_settle s left join _r_settle_pick p using (flow_id)
        """,
        {"tol": tol, "cent": cent},
    )
    _bills(con, period, cfg)


def _bills(con: duckdb.DuckDBPyConnection, period: Period, cfg: ReconConfig) -> None:
    """Each settlement bill of the period is a flow of its own: net = gross to the order − fee."""
    con.execute(
        """
        create or replace temp table _r_bills as
        select b.*, o.order_id, o.paid_amount, o.payment_status
        from payment_bills b left join orders o on o.channel_order_no = b.channel_order_no
        where b.settled_at >= $s and b.settled_at < $e
        """,
        {"s": period.start, "e": period.end},
    )
    con.execute(
        """
        insert into _r_parts
        select bill_id, 'bill', order_id, 'full',
               case when bill_type = 'refund' then gross_amount else paid_amount end,
               gross_amount, 'bill_channel_order_no', 1.0,
               platform || ' bill ' || bill_id || ' for ' || channel_order_no
        from _r_bills where order_id is not null
        union all
        select bill_id, 'bill', order_id, 'commission', -fee_amount, -fee_amount,
               'bill_channel_order_no', 1.0, platform || ' fee withheld on ' || channel_order_no
        from _r_bills where order_id is not null and fee_amount <> 0
        """
    )
    con.execute(
        """
        insert into _r_flows
        select bill_id, 'bill', net_amount,
            case when order_id is null then null
                 when bill_type = 'refund' then net_amount
                 else paid_amount - fee_amount end,
            case when order_id is null then 'unknown_reference'
                 when bill_type = 'refund' and payment_status not in ('refunded', 'partially_refunded')
                     then 'refund_unexpected'
                 when bill_type = 'refund' then 'matched'
                 when abs(gross_amount - paid_amount) <= greatest($tol * paid_amount, $cent)
                     then 'matched'
                 when gross_amount < paid_amount then 'partial_payment'
                 else 'overpayment' end,
            case when order_id is null then 'bill names channel order ' || channel_order_no
                      || ', which is not in the warehouse'
                 when bill_type = 'refund' and payment_status not in ('refunded', 'partially_refunded')
                     then 'refund bill for ' || order_id || ' whose payment status is '
                          || payment_status
                 when bill_type = 'refund' then 'refund of ' || order_id
                 when abs(gross_amount - paid_amount) <= greatest($tol * paid_amount, $cent)
                     then 'bill for ' || order_id
                 else 'bill gross ' || gross_amount || ' differs from paid amount ' || paid_amount
                      || ' of ' || order_id end
        from _r_bills
        """,
        {"tol": cfg.tolerance, "cent": cfg.cent_tolerance},
    )
