"""An English-language bank's return of a credit takes the payment back, a refund does not.

Why (session 26, ``recon_independent17``): a Malaysian bank's CSV of a CNY account books the
bank's return of an inward transfer as an outflow whose text says so (``REVERSAL OF INWARD TT``,
``IBG RETURN``, ``RETURNED ITEM``); only 冲正 / 冲账 / 退汇, MT940 ``RC`` and camt ``RvslInd``
were read as reversals, so the payment the bank sent back closed its order green. The merchant's
own refund (``REFUND …``, even "refund for return of goods") is not the bank's: the payment it
follows stays green. Invented statements (another bank, payers and numbers than the set's).
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from connectors.warehouse import connect
from lab.evals.recon_flows import flow_rows, ingest_as_user
from lab.evals.recon_heldout import build
from lab.reconciliation.engine import reconcile_period

WAREHOUSE = {
    "customers": [["K1", "BORNEO PEPPER SDN BHD"], ["K2", "PERAK TIN SMELTING SDN BHD"]],
    "orders": [  # id, channel no, erp no, customer, created, goods, shipping, paid, status
        ["O1", "SB350310401", "SBE-1", "K1", "2035-03-02 09:00", 2640.0, 0, 2640.0, "shipped"],
        ["O2", "SB350311402", "SBE-2", "K2", "2035-03-03 09:00", 1930.0, 0, 1930.0, "shipped"],
    ],
}
HEAD = (
    '"Currency","CNY"\n'
    '"Transaction Date","Description","Reference No","Debit","Credit","Balance"\n'
    '"12/03/2035","INWARD TT BORNEO PEPPER SDN BHD INV SB350310401","RB01","","2,640.00","52,640.00"\n'
    '"13/03/2035","INWARD TT PERAK TIN SMELTING SDN BHD SB350311402","RB02","","1,930.00","54,570.00"\n'
)


def _rows(tmp_path: Path, outflows: str) -> dict[str, tuple]:
    (tmp_path / "warehouse.yaml").write_text(yaml.safe_dump(WAREHOUSE, allow_unicode=True))
    (tmp_path / "s.csv").write_text(HEAD + outflows, encoding="utf-8")
    con = connect(tmp_path / "w.duckdb")
    try:
        build(con, tmp_path)
        ingest_as_user(con, "bank-csv", [tmp_path / "s.csv"], rejects_dir=tmp_path / "rej")
        reconcile_period(con, "2035-03")
        return {r.ref: (r.colour, r.orders, r.reason) for r in flow_rows(con)}
    finally:
        con.close()


@pytest.mark.parametrize(
    "text",
    [
        "REVERSAL OF INWARD TT BORNEO PEPPER SDN BHD SB350310401",
        "TT RETURN - BENEFICIARY ACCOUNT CLOSED SB350310401",
        "RETURNED ITEM INWARD TT SB350310401",
    ],
)
def test_the_banks_return_of_a_credit_holds_the_payment(tmp_path: Path, text: str):
    rows = _rows(tmp_path, f'"14/03/2035","{text}","RB03","2,640.00","","51,930.00"\n')
    assert rows["RB01"][0] == "red" and rows["RB01"][2].startswith("reversed by the bank")
    assert rows["RB02"][:2] == ("green", ("O2",))  # another payer's payment is not touched


def test_a_merchants_refund_for_returned_goods_leaves_the_payment_green(tmp_path: Path):
    # probe: the seller refunds the payer; the bank took nothing back
    text = "REFUND FOR RETURN OF GOODS BORNEO PEPPER SDN BHD SB350310401"
    rows = _rows(tmp_path, f'"14/03/2035","{text}","RB03","2,640.00","","51,930.00"\n')
    assert rows["RB01"][:2] == ("green", ("O1",))


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("OUTWARD REMITTANCE RETURN OF FUNDS BORNEO PEPPER SDN BHD SB350310401", "2,640.00"),
        ("RETURN OF FUNDS BORNEO PEPPER SDN BHD SB350310401", "1,000.00"),
    ],
)
def test_the_holders_own_return_of_funds_leaves_the_payment_green(tmp_path, text, amount):
    # an OUTWARD remittance is the holder's payment, and a part of a payment going back is the
    # holder refunding it (recon_independent10 a2): the bank returns a credit whole
    rows = _rows(tmp_path, f'"14/03/2035","{text}","RB03","{amount}","","51,930.00"\n')
    assert rows["RB01"][:2] == ("green", ("O1",))
