"""A small reconciled warehouse for recon tests: B2B customers, one shipped JD order line per
order (created 2030-05-11), bank lines booked 2030-05-20 on one account, period 2030-05
reconciled. Each test module keeps its own customers, orders and bank lines (what it is about)
and its own queries of the result; only the loading is shared.
"""

from __future__ import annotations

import duckdb

from connectors.warehouse import connect, ensure_schema
from lab.reconciliation.engine import reconcile_period


def reconciled(
    customers: list[tuple[str, str]],
    orders: list[tuple[str, str, str, float]],
    bank: list[tuple[str, float, str, str]],
    account_no: str,
) -> duckdb.DuckDBPyConnection:
    """An in-memory warehouse holding ``customers`` (id, name), ``orders`` (id, channel order
    number, customer id, paid amount) and ``bank`` lines (txn id, amount, payer, memo) on
    ``account_no``, with period 2030-05 reconciled."""
    con = connect(":memory:")
    ensure_schema(con)
    con.executemany(
        "insert into customers (customer_id, customer_name, is_b2b) values (?, ?, true)", customers
    )
    for oid, cno, cust, paid in orders:
        con.execute(
            """insert into orders (order_id, channel, channel_order_no, erp_order_no, customer_id,
               created_at, goods_amount, shipping_fee, discount_amount, paid_amount, is_presale,
               deposit_amount, payment_status, order_status, tax_rate)
               values (?, 'jd', ?, NULL, ?, '2030-05-11 10:00', ?, 0, 0, ?, false, 0, 'paid',
                       'shipped', 0.13)""",
            [oid, cno, cust, paid, paid],
        )
        con.execute(
            "insert into order_lines values (?, ?, 1, 'SKU-1', 1, ?, ?, 1.0, 0, 0)",
            [f"{oid}-1", oid, paid, paid],
        )
    for txn, amount, payer, memo in bank:
        con.execute(
            """insert into bank_transactions (txn_id, account_no, booked_at, value_date, amount,
               currency, counterparty_name, memo) values (?, ?,
               '2030-05-20 09:00', '2030-05-20', ?, 'CNY', ?, ?)""",
            [txn, account_no, amount, payer, memo],
        )
    reconcile_period(con, "2030-05")
    return con
