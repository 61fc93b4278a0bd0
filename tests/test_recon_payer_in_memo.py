"""A payment whose payer is written only in the memo's text is a suggestion, never a close.

Why (session 22's note, decided in session 23): some banks' CSVs have no payer column — DBS
writes the payer in ``Transaction Ref2``, Hang Seng in ``Transaction Details`` — so an
unreferenced payment that fits one open order exactly stayed red ``counterparty_mismatch``
("the payer "" is none of them"), with nothing saying that the memo names that order's
customer. Text is not a payer field (it may name the beneficiary, an agent, anyone), so the
amount and a name in the text never close an order; they make the flow yellow
``payer_in_memo`` with the order named for a person to confirm, and nothing is allocated.
Invented greenhouse suppliers and numbers.
"""

from __future__ import annotations

import pytest

from tests.recon_helpers import reconciled

CUSTOMERS = [("C1", "FERNHOLLOW NURSERY LTD"), ("C2", "GLASSWING PROPAGATION LTD")]
# order_id, channel_order_no, customer, paid
ORDERS = [
    ("OL1", "GH30051101", "C1", 770.00),
    ("OL2", "GH30051102", "C2", 615.00),
    ("OL3", "GH30051103", "C1", 450.00),
    ("OL4", "GH30051104", "C1", 380.00),
    ("OL5", "GH30051105", "C1", 380.00),
]
# txn_id, amount, payer column, memo
BANK = [
    ("B1", 770.00, None, "TT CREDIT FERNHOLLOW NURSERY LTD SALES PROCEEDS"),
    ("B2", 615.00, None, "TT CREDIT FERNHOLLOW NURSERY LTD"),  # fits C2's order only
    ("B3", 450.00, None, "TT CREDIT FERNHOLLOW NURSERY LTDA"),  # another name's start
    ("B4", 380.00, None, "TT CREDIT FERNHOLLOW NURSERY LTD"),  # two orders of C1 fit
]


@pytest.fixture(scope="module")
def flows():
    con = reconciled(CUSTOMERS, ORDERS, BANK, "024-123456-001")
    status = con.execute(
        "select flow_id, match_status, status, reason from recon_flow_status"
    ).fetchall()
    matched = con.execute(
        "select distinct flow_id from recon_matches where order_id is not null"
    ).fetchall()
    con.close()
    return {f: (m, s, r) for f, m, s, r in status}, {f for (f,) in matched}


def test_the_one_fitting_order_of_the_customer_the_memo_names_is_suggested(flows):
    status, matched = flows
    cause, colour, reason = status["B1"]
    assert (cause, colour) == ("payer_in_memo", "yellow")
    assert 'the memo names the customer "FERNHOLLOW NURSERY LTD"' in reason
    assert "OL1 is exactly this amount" in reason
    assert "B1" not in matched  # a suggestion: nothing allocated, never green


def test_an_amount_of_another_customers_order_is_no_suggestion(flows):
    # probe: the memo names C1, the amount fits C2's order: red as before
    status, _ = flows
    assert status["B2"][:2] == ("counterparty_mismatch", "red")


def test_a_name_that_is_only_the_start_of_a_longer_word_is_not_the_customer(flows):
    status, _ = flows
    assert status["B3"][:2] == ("counterparty_mismatch", "red")


def test_two_orders_of_that_amount_leave_it_for_a_person(flows):
    status, _ = flows
    assert status["B4"][0] != "payer_in_memo" and status["B4"][1] == "red"
