"""A memo naming another customer's real order whose number is the payer's own with two
adjacent digits swapped is a near-tie, held for a person — never a third-party green.

Why (session 21, ``recon_independent12`` dev a1): a payer with an open order ``…19141`` of
1880.00 sent 1880.00 naming ``…19114``, which is another customer's real order of 1880.00. The
near-tie gate of step 10 compared the numbers with Levenshtein, which counts a swap as two
edits, so the number read as an exact third-party reference and closed the other customer's
order green. A swap is the commonest slip in typing digits: it now counts as one edit there
(Damerau). The probes around it differ by one thing each: the true owner paying, a swap of
digits that are not neighbours, a payer with no order near the number. Invented companies and numbers on an in-memory warehouse.
"""

from __future__ import annotations

import pytest

from connectors.warehouse import connect, ensure_schema
from lab.reconciliation.engine import reconcile_period

CUSTOMERS = [
    ("C1", "青岚阀门有限公司"),
    ("C2", "白鹭纸品有限公司"),
    ("C3", "Quillon Tiles Ltd"),
    ("C4", "Morrow Kilns GmbH"),
]
# order_id, channel_order_no, erp_order_no, customer, paid
ORDERS = [
    ("A1", "QL5507140381", "QE-77-0381", "C1", 1880.00),  # the payer's own order
    ("A2", "QL5507140318", "QE-77-0318", "C2", 1880.00),  # …81 → …18: another customer's
    ("A3", "QL5507150702", "QE-77-0702", "C1", 960.00),
    ("A4", "QL5507150720", "QE-77-0720", "C2", 960.00),  # …02 → …20, by ERP number
    ("A5", "QL5507160455", "QE-77-0455", "C3", 2400.00),
    ("A6", "QL5507160505", "QE-77-0505", "C2", 2400.00),  # 4 and 5 apart: two edits
    ("A8", "QL5507170960", "QE-77-0960", "C2", 730.00),  # C4 has no order near it
]
# txn_id, booked, amount, payer, memo
BANK = [
    ("B1", "2077-08-03 10:00", 1880.00, "青岚阀门有限公司", "货款 QL5507140318"),
    ("B2", "2077-08-03 11:00", 1880.00, "白鹭纸品有限公司", "货款 QL5507140318"),
    ("B3", "2077-08-04 10:00", 960.00, "青岚阀门有限公司", "QE-77-0720 货款"),
    ("B4", "2077-08-05 10:00", 2400.00, "Quillon Tiles Ltd", "INV QL5507160505"),
    ("B5", "2077-08-06 10:00", 730.00, "Morrow Kilns GmbH", "RE QL5507170960"),
]


@pytest.fixture(scope="module")
def flows():
    con = connect(":memory:")
    ensure_schema(con)
    con.executemany(
        "insert into customers (customer_id, customer_name, is_b2b) values (?, ?, true)", CUSTOMERS
    )
    for oid, cno, erp, cust, paid in ORDERS:
        con.execute(
            """insert into orders (order_id, channel, channel_order_no, erp_order_no, customer_id,
               created_at, goods_amount, shipping_fee, discount_amount, paid_amount, is_presale,
               deposit_amount, payment_status, order_status, tax_rate)
               values (?, 'jd', ?, ?, ?, '2077-08-01 10:00', ?, 0, 0, ?, false, 0, 'paid',
                       'shipped', 0.13)""",
            [oid, cno, erp, cust, paid, paid],
        )
        con.execute(
            "insert into order_lines values (?, ?, 1, 'SKU-1', 1, ?, ?, 1.0, 0, 0)",
            [f"{oid}-1", oid, paid, paid],
        )
    for txn, booked, amount, payer, memo in BANK:
        con.execute(
            """insert into bank_transactions (txn_id, account_no, booked_at, value_date, amount,
               currency, counterparty_name, memo) values (?, '6222 0210 0000 5678', ?, ?, ?,
               'CNY', ?, ?)""",
            [txn, booked, booked[:10], amount, payer, memo],
        )
    reconcile_period(con, "2077-08")
    status = con.execute("select flow_id, status, reason from recon_flow_status").fetchall()
    matched = con.execute(
        "select flow_id, list(distinct order_id order by order_id) from recon_matches "
        "where order_id is not null and matched_amount > 0 group by 1"
    ).fetchall()
    con.close()
    return {f: (s, r) for f, s, r in status}, dict(matched)


def test_another_customers_order_one_swap_from_the_payers_own_is_held(flows) -> None:
    status, matched = flows
    colour, reason = status["B1"]
    assert colour == "red"
    assert (
        "QL5507140318 = A2 of another customer, one typo from A1 (QL5507140381) of the payer"
        in reason
    )
    assert "B1" not in matched


def test_the_same_swap_in_an_erp_number_is_held(flows) -> None:
    status, matched = flows
    assert status["B3"][0] == "red"
    assert "A4 of another customer, one typo from A3 (QE-77-0702)" in status["B3"][1]
    assert "B3" not in matched


def test_the_orders_owner_naming_it_still_closes_green(flows) -> None:
    status, matched = flows
    assert status["B2"][0] == "green"
    assert matched["B2"] == ["A2"]


def test_digits_that_are_not_neighbours_are_two_edits_and_stay_a_third_party_payment(
    flows,
) -> None:
    status, matched = flows
    colour, reason = status["B4"]
    assert colour == "green"
    assert matched["B4"] == ["A6"]
    assert "third-party payment" in reason


def test_a_payer_with_no_order_near_the_number_stays_a_third_party_payment(flows) -> None:
    status, matched = flows
    colour, reason = status["B5"]
    assert colour == "green"
    assert matched["B5"] == ["A8"]
    assert "third-party payment" in reason
