"""A typo several order numbers are one edit from is read as the payer's order only when the
amount confirms it (session 15: the one wrong match of the 1M-line benchmark).

``bench/bench_reconcile.py`` (1M lines, seed 1) matched line BB000294454 — 1,910.50 from 周勇,
memo ``货款 WX20260818000008 SO26090200O99`` — to WX…008 and to …799, the one order of a
周勇 among the ten order numbers one edit from ``SO26090200O99``, and left 191.80 over as an
overpayment (yellow, auto). The generator's truth is right: the line pays …899 (刘磊's order,
686.70 — exactly the rest of the amount); its typo turned an 8 into an O. The matcher resolved
the typo by the payer's name alone. Now a flow whose name-resolved typo leaves it over- or
underpaid by exactly what another candidate is owed is red (ambiguous, the candidates listed)
and matches nothing; when the amount fits it stays green, and an overpayment no other
candidate explains keeps the payer's reading (yellow, as before). The same orders and line, by hand, on an in-memory warehouse.
"""

from __future__ import annotations

import pytest

from connectors.warehouse import connect, ensure_schema
from lab.reconciliation.engine import reconcile_period

CUSTOMERS = [("C1", "周勇"), ("C2", "刘磊"), ("C3", "何涛")]
# order_id, channel_order_no, erp_order_no, customer, paid
ORDERS = [
    ("OL1", "WX20260818000008", "SO26081800060", "C1", 1223.80),
    ("OL2", "4478087129030843539", "SO26090200799", "C1", 494.90),
    ("OL3", "JD20260902274", "SO26090200899", "C2", 686.70),
    ("OL4", "JD20260902275", "SO26090200199", "C3", 370.80),
    ("OL5", "JD20260903001", "SO26090300100", "C1", 300.00),
    ("OL6", "JD20260903002", "SO26090300200", "C3", 400.00),
    ("OL7", "JD20260904001", "SO26090400100", "C1", 300.00),
    ("OL8", "JD20260904002", "SO26090400200", "C3", 400.00),
]
# txn_id, amount, payer, memo
BANK = [
    ("B1", 1910.50, "周勇", "货款 WX20260818000008 SO26090200O99"),  # the bench's line
    ("B2", 300.00, "周勇", "货款 SO26090300O00"),  # the payer's reading fits the amount
    ("B3", 350.00, "周勇", "货款 SO26090400O00"),  # 50.00 over, and no other candidate fits
]


@pytest.fixture(scope="module")
def flows():
    con = connect(":memory:")
    ensure_schema(con)
    con.executemany(
        "insert into customers (customer_id, customer_name, is_b2b) values (?, ?, false)", CUSTOMERS
    )
    for oid, cno, erp, cust, paid in ORDERS:
        con.execute(
            """insert into orders (order_id, channel, channel_order_no, erp_order_no, customer_id,
               created_at, goods_amount, shipping_fee, discount_amount, paid_amount, is_presale,
               deposit_amount, payment_status, order_status, tax_rate)
               values (?, 'jd', ?, ?, ?, '2026-09-02 10:00', ?, 0, 0, ?, false, 0, 'paid',
                       'shipped', 0.13)""",
            [oid, cno, erp, cust, paid, paid],
        )
        con.execute(
            "insert into order_lines values (?, ?, 1, 'SKU-1', 1, ?, ?, 1.0, 0, 0)",
            [f"{oid}-1", oid, paid, paid],
        )
    for txn, amount, payer, memo in BANK:
        con.execute(
            """insert into bank_transactions (txn_id, account_no, booked_at, value_date, amount,
               currency, counterparty_name, memo) values (?, '6222 0210 0000 1234',
               '2026-10-09 04:11', '2026-10-09', ?, 'CNY', ?, ?)""",
            [txn, amount, payer, memo],
        )
    reconcile_period(con, "2026-10")
    status = con.execute(
        "select flow_id, match_status, status, reason from recon_flow_status"
    ).fetchall()
    matched = con.execute(
        "select flow_id, list(distinct order_id order by order_id) from recon_matches "
        "where order_id is not null group by 1"
    ).fetchall()
    con.close()
    return {f: (m, s, r) for f, m, s, r in status}, dict(matched)


def test_a_typo_the_amount_does_not_confirm_is_left_for_a_person(flows):
    status, matched = flows
    cause, colour, reason = status["B1"]
    assert (cause, colour) == ("ambiguous", "red")
    assert "SO26090200O99 ~ SO26090200199|SO26090200799|SO26090200899" in reason
    assert "the amount fits another of them better than the payer's" in reason
    assert "B1" not in matched  # before: ['OL1', 'OL2'], 191.80 unallocated, yellow


def test_a_typo_the_amount_confirms_stays_green(flows):
    status, matched = flows
    assert status["B2"][:2] == ("matched", "green")
    assert matched["B2"] == ["OL5"]


def test_an_overpayment_no_other_candidate_explains_keeps_the_payers_reading(flows):
    status, matched = flows
    assert status["B3"][:2] == ("overpayment", "yellow")
    assert matched["B3"] == ["OL7"]
