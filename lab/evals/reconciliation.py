"""``make eval`` lines for reconciliation: accuracy against ground truth, and wrong closes.

Runs every month that has bank lines on a COPY of the evaluation warehouse (the engine writes
its result tables; other evaluations must see the warehouse as generated).

Why injected rule traps on top of the generator's: the generator's own traps are what the
matcher was written against. :func:`inject_rule_traps` adds, to the copy, bank lines whose
truth follows from the rules alone — an order paid again after an earlier (multi-order)
transfer or a settlement bill already paid it, another company's part payment naming someone
else's order, a customer paying its own order with one mistyped character that makes it
another customer's real order number (with its own order's amount, or with the named order's
amount while its own order is one typo away), a carrier billing more than its shipments'
freight, a platform bill withholding more fee than its formula allows — none of which may
close green. ``wrong_closes`` counts those that did, plus green flows matched to the wrong orders;
the bar is 0.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import duckdb

from connectors.rows import one_row
from connectors.warehouse import connect
from lab.reconciliation.accuracy import measure_accuracy
from lab.reconciliation.engine import reconcile_all

#: A payer that is no customer of the warehouse (eval data, never engine vocabulary).
OTHER_COMPANY = "评测某某贸易有限公司"
TRAPS_PER_KIND = 6

_TRAPS_SQL = """
create or replace temp table _eval_traps as
with bank_paid as (  -- orders the ground truth says were paid in full by bank transfers
    select t.order_id, max(b.booked_at) as last_at, sum(t.amount) as received,
           bool_or(t.txn_id in (select txn_id from bank_truth group by txn_id
                                having count(distinct order_id) > 1)) as multi
    from bank_truth t join bank_transactions b using (txn_id)
    group by t.order_id
), paid_orders as (
    select o.order_id, o.channel_order_no, o.paid_amount, c.customer_name, p.last_at, p.multi,
           o.erp_order_no, o.customer_id
    from bank_paid p join orders o using (order_id)
    join customers c using (customer_id)
    where p.received = o.paid_amount and o.paid_amount > 0
), bill_paid as (  -- platform orders settled by one whole payment bill
    select o.order_id, o.channel_order_no, o.paid_amount, c.customer_name,
           b.settled_at as last_at
    from payment_bills b join orders o using (channel_order_no)
    join customers c using (customer_id)
    where b.bill_type = 'payment' and b.gross_amount = o.paid_amount and o.paid_amount > 0
      and b.settled_at is not null
), typo_pairs as (  -- an order number one mistyped last character from another
    -- customer's real order number: the payer means its own order, the memo names the other
    select a.order_id || '~' || b.order_id as pick, a.customer_name as payer,
           b.erp_order_no as memo, a.paid_amount as own_amount, b.paid_amount as other_amount,
           greatest(a.last_at, b.created_at) + interval 3 day as booked_at
    from paid_orders a join orders b
      on length(b.erp_order_no) = length(a.erp_order_no)
     and left(b.erp_order_no, length(a.erp_order_no) - 1)
         = left(a.erp_order_no, length(a.erp_order_no) - 1)
    where b.order_id <> a.order_id and b.customer_id <> a.customer_id
      and b.paid_amount > 0 and abs(b.paid_amount - a.paid_amount) > 0.01 * b.paid_amount
), carrier_month as (
    select carrier, date_trunc('month', erp_shipped_at) as month, sum(freight_cost) as freight
    from shipments where carrier is not null and freight_cost > 0
    group by all having sum(freight_cost) >= 100
), kinds as (
    select 'paid_again_after_multi_order_transfer' as kind, order_id as pick,
           customer_name as payer, channel_order_no as memo, paid_amount as amount,
           last_at + interval 5 day as booked_at
    from paid_orders where multi
    union all
    select 'paid_again_after_transfer', order_id, customer_name, channel_order_no, paid_amount,
           last_at + interval 6 day
    from paid_orders where not multi
    union all
    select 'paid_again_after_settlement_bill', order_id, customer_name, channel_order_no,
           paid_amount, last_at + interval 2 day
    from bill_paid
    union all
    select 'third_party_part_payment', order_id, $other, channel_order_no,
           round(paid_amount * 0.3, 2), last_at - interval 1 day
    from paid_orders
    union all  -- the amount is the payer's own order's, not the named one's
    select 'typo_to_other_customers_order', pick, payer, memo, own_amount, booked_at
    from typo_pairs
    union all  -- the amount fits the named order, but the payer's own order is one typo away
    select 'typo_near_tie_amount_fits', pick, payer, memo, other_amount, booked_at
    from typo_pairs
    union all
    select 'carrier_overbilled', carrier || strftime(month, '%Y-%m'), carrier,
           '运费 ' || carrier || ' ' || strftime(month, '%Y-%m'), -round(freight * 0.03, 2),
           month + interval 1 month + interval 6 day
    from carrier_month
), picked as (
    select *, row_number() over (partition by kind order by md5(pick)) as rn from kinds
    where booked_at < (select max(booked_at) from bank_transactions)
)
select 'EVT' || lpad(row_number() over (order by kind, rn)::varchar, 6, '0') as txn_id, *
from picked where rn <= $n
"""


def inject_rule_traps(con: duckdb.DuckDBPyConnection, per_kind: int = TRAPS_PER_KIND) -> int:
    """Add the rule traps to ``bank_transactions`` (of a copy!); returns how many were added.

    Every trap must end yellow or red: each one pays an order (or a carrier) more than it is
    due, or is someone else's part payment that only a person can place.
    """
    con.execute(_TRAPS_SQL, {"other": OTHER_COMPANY, "n": per_kind})
    con.execute(
        """
        insert into bank_transactions (txn_id, account_no, booked_at, value_date, amount,
                                       currency, counterparty_name, memo)
        select txn_id, 'EVAL-TRAPS', booked_at, booked_at::date, amount, 'CNY', payer, memo
        from _eval_traps
        """
    )
    # platform bills that withheld 10 % + 1 CNY more than their fee formula allows
    con.execute(
        """
        insert into _eval_traps by name
        select bill_id as txn_id, 'fee_over_withheld' as kind from payment_bills
        where bill_type = 'payment' and fee_amount >= 1 and settled_at is not null
        order by md5(bill_id) limit $n
        """,
        {"n": per_kind},
    )
    con.execute(
        """
        update payment_bills set fee_amount = fee_amount + round(fee_amount * 0.1 + 1, 2),
                                 net_amount = net_amount - round(fee_amount * 0.1 + 1, 2)
        where bill_id in (select txn_id from _eval_traps where kind = 'fee_over_withheld')
        """
    )
    return one_row(con.execute("select count(*) from _eval_traps"))[0]


def wrong_closes(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Injected traps that closed green, and green bank flows matched to the wrong orders."""
    traps_green, by_kind = one_row(
        con.execute(
            """
            select count(*) filter (where s.status = 'green'),
                   string_agg(distinct t.kind, ',' order by t.kind)
                       filter (where s.status = 'green')
            from _eval_traps t left join recon_flow_status s on s.flow_id = t.txn_id
            """
        )
    )
    wrong_green = one_row(
        con.execute(
            """
        with truth as (select txn_id as flow_id, list(distinct order_id order by order_id) as t
                       from bank_truth group by 1),
             auto as (select flow_id, list(distinct order_id order by order_id) as a
                      from recon_matches where decided_by = 'auto' and flow_source = 'bank'
                        and rule <> 'settlement_bills' and order_id is not null group by 1)
        select count(*) from recon_flow_status s join auto using (flow_id)
        left join truth using (flow_id)
        where s.status = 'green' and s.flow_source = 'bank' and truth.t is distinct from auto.a
          and s.flow_id not in (select txn_id from _eval_traps)
        """
        )
    )[0]
    return {"traps_green": traps_green, "wrong_green": wrong_green, "kinds": by_kind or ""}


def run(db_path: str | Path) -> list[str]:
    """Reconcile all periods and report match rate, wrong matches, reasons and wrong closes."""
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "recon-eval.duckdb"
        shutil.copyfile(db_path, copy)
        con = connect(copy)
        con.execute("set enable_progress_bar = false")  # make eval prints its lines only
        try:
            # accuracy on the warehouse as generated, then the rule traps on the same copy
            results = reconcile_all(con)
            acc = measure_accuracy(con)
            n_traps = inject_rule_traps(con)
            reconcile_all(con)
            closes = wrong_closes(con)
        finally:
            con.close()
    flows = sum(r.flows for r in results)
    auto = sum(r.automation_rate * r.flows for r in results) / flows if flows else 0.0
    wrong = closes["traps_green"] + closes["wrong_green"]
    return [
        f"reconciliation-eval: match_rate={100 * acc['match_rate']:.2f}% "
        f"wrong_matches={acc['wrong_matches']} "
        f"unmatched_with_reason={100 * acc['unmatched_with_reason']:.1f}%",
        f"reconciliation-eval: periods={len(results)} flows={flows} matchable={acc['matchable']} "
        f"traps={acc['traps']} wrong_on_traps={acc['wrong_on_traps']} "
        f"automation_rate={100 * auto:.1f}%",
        f"reconciliation-eval: rule_traps={n_traps} wrong_closes={wrong}"
        + (f" (green: {closes['kinds']})" if closes["kinds"] else ""),
    ]
