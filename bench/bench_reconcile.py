"""Benchmark: reconcile 1,000,000 bank lines against 1,000,000 orders in one period.

Reuses (or builds, via ``bench/warehouse_1m.py``) the 1M-order demo warehouse, copies the tables
the engine reads into a fresh bench file (the original is never written), generates one month of
synthetic bank lines in DuckDB — referenced memos in every channel format with full-width,
spaced, lower-case and one-typo variants, several orders per line, blank memos paid by the
customer (amount + payer + date), third-party payments and duplicates — and times
``reconcile_period`` against the floor: a plain DuckDB equi-join of the same sizes (bank lines
with their reference already extracted, joined to orders on the channel order number).

Prints lines/s, the ratio to the floor, peak RSS and the accuracy of the matches.
Target: under 60 s and under 4 GB on a 2-core machine.

    .venv/bin/python bench/bench_reconcile.py [--orders 1000000] [--keep] [--bench-db PATH]

``--bench-db PATH`` keeps the freshly built (not yet reconciled) bench file at ``PATH`` and
reuses it on the next run with the same ``--orders``: building takes minutes, and tuning the
matcher needs many runs on the same lines.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from warehouse_1m import ensure_bench_warehouse  # noqa: E402

from connectors.warehouse import ensure_schema  # noqa: E402
from lab.reconciliation.engine import reconcile_period  # noqa: E402

PERIOD = "2026-10"

GENERATE_SQL = """
create or replace table _bench_orders as
with o as (
    select o.order_id, o.channel_order_no, o.erp_order_no, o.paid_amount, c.customer_name,
           -- recent orders last: the last (blank-memo) lines pay orders of the last weeks
           row_number() over (order by o.created_at >= timestamp '2026-08-15', hash(o.order_id))
               as rn0,
           count(*) over () as n_all
    from orders o left join customers c using (customer_id)
    where o.paid_amount > 1 and o.order_status <> 'cancelled'
      and o.created_at < timestamp '2026-10-01'
)
select * exclude (rn0, n_all), rn0 - (n_all - $n_orders) as rn from o
where rn0 > n_all - $n_orders
;
create or replace table _bench_variant as
with plan as (
    select *,
        case when rn <= $n_single then 'single'
             when rn <= $n_single + $n_instal then 'instal'
             when rn <= $n_single + $n_instal + 2 * $n_pair then 'pair'
             else 'blank' end as kind
    from _bench_orders
), refs as (
    select *,
        case when hash(order_id) % 2 = 0 then channel_order_no else erp_order_no end as ref0,
        hash(order_id || 'v') % 100 as v
    from plan
), variant as (
    select *,
        case
            when v < 3 then translate(ref0, '0123456789JDSOWX', '０１２３４５６７８９ＪＤＳＯＷＸ')
            when v < 6 then left(ref0, 6) || ' ' || substr(ref0, 7)
            when v < 9 then lower(ref0)
            when v = 9 and length(ref0) >= 12 then
                left(ref0, length(ref0) - 3) || 'O' || right(ref0, 2)  -- a 0/O style typo
            else ref0 end as ref_text
    from refs
)
-- one row per (bank line, order): instalments pay one order in two lines (30% + the rest)
select 'S' || rn as line_key, kind, order_id, ref0, ref_text, v, customer_name,
       paid_amount as amount, 0 as seq from variant where kind in ('single', 'blank')
union all
select 'P' || ((rn - $n_single - $n_instal + 1) // 2), kind, order_id, ref0, ref_text, v,
       customer_name, paid_amount, 0 from variant where kind = 'pair'
union all
select 'I' || rn || 'a', kind, order_id, ref0, ref_text, v, customer_name,
       round(paid_amount * 0.3, 0), 0 from variant where kind = 'instal'
union all
select 'I' || rn || 'b', kind, order_id, ref0, ref_text, v, customer_name,
       paid_amount - round(paid_amount * 0.3, 0), 1 from variant where kind = 'instal'
;
create or replace table bank_transactions as
with lines as (
    select line_key, any_value(kind) as kind, any_value(customer_name) as payer,
           sum(amount) as amount, list(ref_text order by order_id) as refs, min(v) as v,
           max(seq) as seq
    from _bench_variant group by line_key
), traps as (
    select 'T' || i as line_key, 'third_party' as kind, '王建国' as payer,
           (100 + (hash(i) % 900000) / 100.0)::decimal(14, 2) as amount,
           [] as refs, 0 as v, 0 as seq
    from range($n_trap) t(i)
), all_lines as (
    select * from lines union all select * from traps
)
select 'BB' || lpad((row_number() over (order by line_key))::varchar, 9, '0') as txn_id,
       '6222 0210 0000 1234' as account_no,
       timestamp '2026-10-01' + to_seconds((hash(line_key) % (14 * 86400))::bigint
                                           + seq * 14 * 86400) as booked_at,
       null::date as value_date, amount::decimal(14, 2) as amount, 'CNY' as currency,
       payer as counterparty_name, null as counterparty_account,
       case when kind = 'blank' then (['', '转账', '付款'])[1 + (hash(line_key) % 3)::int]
            when kind = 'third_party' then '代付货款'
            when len(refs) = 1 and v % 3 = 0 then '附言:订单号' || refs[1]
            when len(refs) = 1 and v % 3 = 1 then refs[1] || '货款'
            when len(refs) = 1 then '货款 ' || refs[1]
            else '货款 ' || array_to_string(refs, ' ') end as memo,
       null as bank_ref, line_key as source_file
from all_lines
"""


def _rss_gb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 / 1024


def build_bench_db(path: Path, orders: int) -> None:
    """Copy what reconciliation reads from the 1M warehouse into ``path``; add bank lines."""
    src = ensure_bench_warehouse()
    con = duckdb.connect(str(path))
    ensure_schema(con)
    con.execute(f"attach '{src}' as src (read_only)")
    for table in ("customers", "orders", "order_lines"):
        con.execute(f"insert into {table} select * from src.{table}")
    con.execute("detach src")
    n_lines = orders
    available = con.execute(
        """select count(*) from orders where paid_amount > 1 and order_status <> 'cancelled'
           and created_at < timestamp '2026-10-01'"""
    ).fetchall()[0][0]
    n_trap = n_lines // 50  # 2% third-party lines that pay no order
    n_blank = n_lines // 25  # 4% blank memos, paid by the customer
    n_pair = n_lines // 40  # 2.5% lines paying two orders
    # the rest: one line per order, and two lines (instalments) for as many as needed
    n_orders = min(available, n_lines)
    n_instal = max(0, n_lines - n_trap - (n_orders - n_pair))
    n_single = n_orders - n_blank - 2 * n_pair - n_instal
    params = {
        "n_orders": n_orders,
        "n_single": n_single,
        "n_instal": n_instal,
        "n_pair": n_pair,
        "n_trap": n_trap,
    }
    for statement in GENERATE_SQL.split(";\n"):
        used = {k: v for k, v in params.items() if f"${k}" in statement}
        con.execute(statement, used)
    con.execute(
        """create or replace table bench_truth as
           select b.txn_id, v.order_id from _bench_variant v
           join bank_transactions b on b.source_file = v.line_key"""
    )
    con.execute("drop table _bench_variant")
    con.execute("drop table _bench_orders")
    con.execute(  # the orders are paid by these lines (as the demo generator does)
        """update orders set paid_at = x.booked_at from (
               select t.order_id, max(b.booked_at) as booked_at from bench_truth t
               join bank_transactions b using (txn_id) group by 1) x
           where orders.order_id = x.order_id"""
    )
    con.execute("delete from payment_bills")
    con.execute("checkpoint")
    con.close()


def floor_join(con: duckdb.DuckDBPyConnection) -> float:
    """A plain equi-join of the same sizes: lines with a clean reference → orders."""
    con.execute(
        """create or replace temp table _floor_src as
           select txn_id, regexp_extract(upper(memo), '(JD\\d+|SO\\d+|WX\\d+|\\d{18,19})') as ref
           from bank_transactions"""
    )
    t = time.perf_counter()
    con.execute(
        """create or replace temp table _floor as
           select s.txn_id, o.order_id from _floor_src s
           join orders o on o.channel_order_no = s.ref"""
    )
    return time.perf_counter() - t


def _bank_lines(path: Path) -> int | None:
    """Bank lines in a kept bench file (None when absent, unreadable or reconciled already)."""
    if not path.exists():
        return None
    try:
        con = duckdb.connect(str(path), read_only=True)
    except duckdb.Error:
        return None
    try:
        if con.execute("select count(*) from recon_matches").fetchall()[0][0]:
            return None  # a reconciled copy would time a re-run, not a first run
        return int(con.execute("select count(*) from bank_transactions").fetchall()[0][0])
    except duckdb.Error:
        return None
    finally:
        con.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--orders", type=int, default=1_000_000, help="bank lines to generate")
    parser.add_argument("--keep", action="store_true", help="keep the bench copy")
    parser.add_argument("--memory-limit", default="3GB", help="DuckDB memory_limit")
    parser.add_argument(
        "--bench-db", type=Path, help="keep the built bench file here and reuse it next time"
    )
    args = parser.parse_args(argv)
    tmp = tempfile.mkdtemp(prefix="bench-recon-")
    path = Path(tmp) / "recon.duckdb"
    t = time.perf_counter()
    if (
        args.bench_db is not None and _bank_lines(args.bench_db) == args.orders
    ):  # the build makes that many
        shutil.copyfile(args.bench_db, path)
        print(f"copied the bench file {args.bench_db} in {time.perf_counter() - t:.1f}s")
    else:
        build_bench_db(path, args.orders)
        print(f"built bench copy in {time.perf_counter() - t:.1f}s: {path}", flush=True)
        if args.bench_db is not None:
            args.bench_db.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, args.bench_db)

    con = duckdb.connect(str(path))
    con.execute(f"set memory_limit = '{args.memory_limit}'")
    n_lines, n_orders = con.execute(
        "select (select count(*) from bank_transactions), (select count(*) from orders)"
    ).fetchall()[0]
    floor = floor_join(con)
    t = time.perf_counter()
    result = reconcile_period(con, PERIOD)
    elapsed = time.perf_counter() - t
    matched = con.execute(
        """select count(distinct flow_id) from recon_matches
           where period = $p and flow_source = 'bank'""",
        {"p": PERIOD},
    ).fetchall()[0][0]
    correct, wrong = con.execute(
        """with a as (select flow_id, list(distinct order_id order by order_id) o
                      from recon_matches where period = $p and order_id is not null
                      group by 1),
                t as (select txn_id as flow_id, list(order_id order by order_id) o
                      from bench_truth group by 1)
           select count(*) filter (where a.o = t.o), count(*) filter (where a.o <> t.o
                  or (t.o is null and a.o is not null))
           from a full join t using (flow_id)""",
        {"p": PERIOD},
    ).fetchall()[0]
    wrong_traps = con.execute(
        """select count(*) from recon_matches m join bank_transactions b on b.txn_id = m.flow_id
           where b.counterparty_name = '王建国'"""
    ).fetchall()[0][0]
    con.close()
    print(f"bank lines {n_lines:,} vs orders {n_orders:,} — period {PERIOD}")
    print("\n".join(result.summary_lines()))
    print(f"timings: {result.timings}")
    print(
        f"reconcile: {elapsed:.1f}s = {n_lines / elapsed:,.0f} lines/s; "
        f"floor equi-join {floor:.2f}s; ratio {elapsed / floor:.0f}x the floor"
    )
    print(
        f"matched flows {matched:,} ({matched / n_lines:.1%}); correct {correct:,}, "
        f"wrong {wrong}; third-party traps matched: "
        f"{wrong_traps}; peak RSS {_rss_gb():.2f} GB"
    )
    ok = elapsed < 60 and _rss_gb() < 4
    print(f"target (<60 s, <4 GB): {'MET' if ok else 'MISSED'}")
    if not args.keep:
        path.unlink(missing_ok=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
