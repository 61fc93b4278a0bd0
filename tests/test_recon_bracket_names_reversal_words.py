"""A payer printed with half-width brackets is the customer written with full-width ones, and a
``冲账`` line takes its payment back like ``冲正`` (session 15, found by recon-independent6's dev
half: 北京中关村(海淀)… was held for review against 北京中关村（海淀）…; a payment the bank
booked back as 冲账 closed its order green). Orders and lines by hand, in memory.
"""

from __future__ import annotations

import pytest

from connectors.warehouse import connect, ensure_schema
from lab.reconciliation.engine import reconcile_period

CUSTOMERS = [("C1", "长沙岳麓（湘江）仪器厂"), ("C2", "洛阳涧西重型轴承厂")]
# order_id, channel_order_no, customer, paid
ORDERS = [("OL1", "PO-88001", "C1", 640.00), ("OL2", "PO-88002", "C2", 915.00)]
# txn_id, booked_at, amount, payer, memo
BANK = [
    ("B1", "2026-10-05 10:00", 640.00, "长沙岳麓(湘江)仪器厂", "货款"),
    ("B2", "2026-10-06 10:00", 915.00, "洛阳涧西重型轴承厂", "货款 PO-88002"),
    ("B3", "2026-10-07 09:00", -915.00, "洛阳涧西重型轴承厂", "冲账 原流水号B2"),
]


@pytest.fixture(scope="module")
def status():
    con = connect(":memory:")
    ensure_schema(con)
    con.executemany(
        "insert into customers (customer_id, customer_name, is_b2b) values (?, ?, true)", CUSTOMERS
    )
    for oid, cno, cust, paid in ORDERS:
        con.execute(
            """insert into orders (order_id, channel, channel_order_no, erp_order_no, customer_id,
               created_at, goods_amount, shipping_fee, discount_amount, paid_amount, is_presale,
               deposit_amount, payment_status, order_status, tax_rate)
               values (?, 'jd', ?, ?, ?, '2026-10-02 10:00', ?, 0, 0, ?, false, 0, 'paid',
                       'shipped', 0.13)""",
            [oid, cno, cno, cust, paid, paid],
        )
        con.execute(
            "insert into order_lines values (?, ?, 1, 'SKU-1', 1, ?, ?, 1.0, 0, 0)",
            [f"{oid}-1", oid, paid, paid],
        )
    for txn, at, amount, payer, memo in BANK:
        con.execute(
            """insert into bank_transactions (txn_id, account_no, booked_at, value_date, amount,
               currency, counterparty_name, memo) values (?, '755900001', ?, ?::date, ?, 'CNY',
               ?, ?)""",
            [txn, at, at, amount, payer, memo],
        )
    reconcile_period(con, "2026-10")
    rows = con.execute("select flow_id, status, reason from recon_flow_status").fetchall()
    con.close()
    return {f: (s, r) for f, s, r in rows}


def test_a_payer_with_half_width_brackets_is_the_customer(status):
    colour, reason = status["B1"]
    assert colour == "green", reason  # before: red, 'is none of them: review'


def test_a_chongzhang_line_takes_the_payment_back(status):
    colour, reason = status["B2"]
    assert colour == "red" and "reversed by the bank on 2026-10-07" in reason
