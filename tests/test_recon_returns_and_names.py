"""Returned payments and payer names in free text (session 10).

Found by the second independent statement set: a camt.053 reversal of a credit names the
payer as ``Dbtr`` (the returned payment keeps its parties) but was read for a ``Cdtr``, so the
reversal undid *another* payer's equal payment (a wrong green on the returned one); a bank that
sends back part of a payment left the payment closing green on its full amount; a free-text
MT940 ``:86:`` that starts with the payer's name (``NORDWIND FREIGHT GMBH …``, ``PACIFIC TAX
ADVISORS LTD …``) made the payment the order's freight or tax, and it was held red.
Statements written by hand; each outcome follows from docs/reconciliation.md.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from connectors.ingest import ingest_files
from connectors.warehouse import connect
from lab.evals.recon_heldout import build
from lab.reconciliation.engine import reconcile_period

WAREHOUSE = {
    "customers": [
        ["K1", "NORDWIND FREIGHT GMBH"], ["K2", "PACIFIC TAX ADVISORS LTD"],
        ["K3", "上海税友软件有限公司"], ["K4", "BLUE HARBOUR CAFE LTD"], ["K5", "ALPENBLICK GMBH"],
    ],
    "orders": [  # id, channel no, erp no, customer, created, goods, shipping, paid, status
        ["P1", "TM27000000001", "PO27-10001", "K1", "2027-02-01 09:00", 2200.0, 0, 2200.0, "shipped"],
        ["P2", "TM27000000002", "PO27-10002", "K2", "2027-02-01 09:00", 1500.0, 0, 1500.0, "shipped"],
        ["P3", "TM27000000003", "PO27-10003", "K3", "2027-02-01 09:00", 800.0, 0, 800.0, "shipped"],
        ["P4", "TM27000000004", "PO27-10004", "K1", "2027-02-01 09:00", 600.0, 50.0, 650.0, "shipped"],
        ["P5", "TM27000000005", "PO27-10005", "K4", "2027-02-01 09:00", 1000.0, 0, 1000.0, "shipped"],
        ["P6", "TM27000000006", "PO27-10006", "K1", "2027-02-02 09:00", 980.0, 0, 980.0, "shipped"],
        ["P7", "TM27000000007", "PO27-10007", "K4", "2027-02-02 09:00", 980.0, 0, 980.0, "shipped"],
        ["P8", "TM27000000008", "PO27-10008", "K5", "2027-02-02 09:00", 1000.0, 0, 1000.0, "shipped"],
        ["P9", "TM27000000009", "PO27-10009", "K5", "2027-02-02 09:00", 900.0, 0, 900.0, "shipped"],
    ],
}  # fmt: skip


def _reconcile(tmp_path: Path, fmt: str, text: str) -> dict[str, tuple]:
    """(colour, orders, reason) per bank reference after ingesting ``text`` and reconciling."""
    (tmp_path / "wh").mkdir(parents=True)
    (tmp_path / "wh" / "warehouse.yaml").write_text(yaml.safe_dump(WAREHOUSE, allow_unicode=True))
    path = tmp_path / ("s.xml" if fmt == "camt053" else "s.sta")
    path.write_text(text, encoding="utf-8")
    con = connect(tmp_path / "w.duckdb")
    try:
        build(con, tmp_path / "wh")
        ingest_files(con, fmt, [path], rejects_dir=tmp_path / "rej", progress=False)
        reconcile_period(con, "2027-02")
        rows = con.execute(
            """select b.bank_ref, s.status, s.reason,
                      list(distinct m.order_id order by m.order_id)
                        filter (where m.order_id is not null and m.matched_amount > 0),
                      list(distinct m.component order by m.component)
                        filter (where m.matched_amount > 0)
               from bank_transactions b left join recon_flow_status s on s.flow_id = b.txn_id
               left join recon_matches m on m.flow_id = b.txn_id group by all"""
        ).fetchall()
    finally:
        con.close()
    return {r[0]: (r[1], r[3] or [], r[2] or "", r[4] or []) for r in rows}


def _mt940(entries: list[tuple[str, str, str]], opening: str, closing: str) -> str:
    body = "".join(f":61:{line61}//{ref}\n:86:{details}\n" for line61, ref, details in entries)
    return (
        f":20:BARCGB22\n:25:20325373456789\n:28C:7/1\n:60F:C270131CNY{opening}\n{body}"
        f":62F:C270228CNY{closing}\n"
    )


def test_a_customer_name_holding_a_component_word_is_not_read_as_one(tmp_path):
    """Free text with no /NAME/: logistics, tax advisers and a Chinese name holding 税."""
    flows = _reconcile(
        tmp_path,
        "mt940",
        _mt940(
            [
                ("2702030203C2200,00NTRFNONREF", "B1", "NORDWIND FREIGHT GMBH INV PO27-10001"),
                ("2702030203C1500,00NTRFNONREF", "B2", "PACIFIC TAX ADVISORS LTD PO27-10002 FEB"),
                ("2702040204C800,00NTRFNONREF", "B3", "上海税友软件有限公司 PO27-10003"),
                # a word outside the name still says what the money is: the order's freight
                ("2702040204C50,00NTRFNONREF", "B4", "NORDWIND FREIGHT GMBH FREIGHT PO27-10004"),
                # a payer who is not a customer keeps its words: FREIGHT for a whole order
                ("2702050205C1000,00NTRFNONREF", "B5", "GLOBAL FREIGHT LTD PO27-10005"),
            ],
            "0,00",
            "5550,00",
        ),
    )
    assert [flows[r][:2] for r in ("B1", "B2", "B3")] == [
        ("green", ["P1"]), ("green", ["P2"]), ("green", ["P3"])]  # fmt: skip
    assert flows["B4"][:2] == ("green", ["P4"]) and flows["B4"][3] == ["freight"]
    assert flows["B1"][3] == flows["B2"][3] == flows["B3"][3] == ["full"]  # the whole order
    assert flows["B5"][0] in ("yellow", "red")


CAMT = (
    '<?xml version="1.0"?><Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.{v}">'
    "<BkToCstmrStmt><Stmt><Id>S1</Id><Acct><Id><IBAN>CN0011223344</IBAN></Id></Acct>"
    '<Bal><Tp><CdOrPrtry><Cd>OPBD</Cd></CdOrPrtry></Tp><Amt Ccy="CNY">0</Amt>'
    "<CdtDbtInd>CRDT</CdtDbtInd></Bal>"
    '<Bal><Tp><CdOrPrtry><Cd>CLBD</Cd></CdOrPrtry></Tp><Amt Ccy="CNY">{closing}</Amt>'
    "<CdtDbtInd>CRDT</CdtDbtInd></Bal>{entries}</Stmt></BkToCstmrStmt></Document>"
)


def _ntry(v: str, ref: str, day: int, amount: str, ind: str, payer: str, memo: str,
          reversal: bool = False) -> str:  # fmt: skip
    name = f"<Pty><Nm>{payer}</Nm></Pty>" if v >= "08" else f"<Nm>{payer}</Nm>"
    return (
        f'<Ntry><Amt Ccy="CNY">{amount}</Amt><CdtDbtInd>{ind}</CdtDbtInd>'
        + ("<RvslInd>true</RvslInd>" if reversal else "")
        + f"<BookgDt><Dt>2027-02-{day:02d}</Dt></BookgDt><AcctSvcrRef>{ref}</AcctSvcrRef>"
        f"<NtryDtls><TxDtls><RltdPties><Dbtr>{name}</Dbtr></RltdPties>"
        f"<RmtInf><Ustrd>{memo}</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>"
    )


def test_a_camt_reversal_undoes_the_payment_of_the_payer_it_names(tmp_path):
    """Two equal credits of two payers; the return keeps the first payer as Dbtr (.001.04 and
    .001.08 write the name differently). Before: the later, other payer's payment was held and
    the returned one closed green."""
    for v in ("04", "08"):
        entries = "".join([
            _ntry(v, "E1", 4, "980.00", "CRDT", "NORDWIND FREIGHT GMBH", "PO27-10006"),
            _ntry(v, "E2", 5, "980.00", "CRDT", "BLUE HARBOUR CAFE LTD", "PO27-10007"),
            _ntry(v, "E3", 6, "980.00", "DBIT", "NORDWIND FREIGHT GMBH", "PO27-10006", True),
        ])  # fmt: skip
        flows = _reconcile(tmp_path / v, "camt053", CAMT.format(v=v, closing="980.00",
                                                                 entries=entries))  # fmt: skip
        assert (
            flows["E1"][0] == "red" and "reversed by the bank on 2027-02-06 (E3)" in flows["E1"][2]
        )
        assert flows["E2"][:2] == ("green", ["P7"])


def test_a_partial_return_holds_the_payment_it_cuts(tmp_path):
    """camt RvslInd and MT940 RC: the bank sends back part of a payment of a named payer; the
    payment no longer brings what its order says. A full return still undoes its payment."""
    entries = "".join([
        _ntry("04", "E1", 7, "1000.00", "CRDT", "ALPENBLICK GMBH", "PO27-10008"),
        _ntry("04", "E2", 9, "200.00", "DBIT", "ALPENBLICK GMBH", "PARTIAL RETURN", True),
    ])  # fmt: skip
    flows = _reconcile(tmp_path / "camt", "camt053", CAMT.format(v="04", closing="800.00",
                                                                   entries=entries))  # fmt: skip
    assert flows["E1"][0] == "red"
    assert "partly reversed by the bank on 2027-02-09 (E2): 200.00 of 1000.00" in flows["E1"][2]

    text = _mt940(
        [
            ("2702100210C900,00NTRFNONREF", "M1", "/NAME/ALPENBLICK GMBH/REMI/PO27-10009"),
            ("2702110211RC100,00NTRFNONREF", "M2", "/NAME/ALPENBLICK GMBH/REMI/RETURN"),
            ("2702120212C980,00NTRFNONREF", "M3", "/NAME/BLUE HARBOUR CAFE LTD/REMI/PO27-10007"),
        ],
        "0,00",
        "1780,00",
    )
    flows = _reconcile(tmp_path / "mt", "mt940", text)
    assert flows["M1"][0] == "red" and "100.00 of 900.00 went back" in flows["M1"][2]
    assert flows["M3"][:2] == ("green", ["P7"])
