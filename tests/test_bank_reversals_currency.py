"""Statement lines that look like an order's money but are not: bank reversals, other currencies,
and remittance text the readers used to lose (structured MT940 ``:86:``, camt.053 .001.08
party names, EndToEndId, the ``:61:`` payer reference).

Each statement below is written by hand; the expected rows and colours follow from the rules in
``docs/connectors.md`` and ``docs/reconciliation.md``, not from running the engine.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from connectors.ingest import ingest_files
from connectors.sources._bank import REVERSAL_MARK
from connectors.warehouse import connect
from lab.evals.recon_heldout import build
from lab.reconciliation.engine import reconcile_period

CAMT = "urn:iso:std:iso:20022:tech:xsd:camt.053.001.{v}"
ORDERS = {
    "customers": [["K1", "宁波海岸五金有限公司"], ["K2", "ALPENBLICK GMBH"]],
    "orders": [  # id, channel no, erp no, customer, created, goods, shipping, paid, status
        ["P1", "TM55500000021", "XS55500021", "K1", "2026-06-01 09:00", 640.0, 0, 640.0, "shipped"],
        ["P2", "TM55500000022", "XS55500022", "K2", "2026-06-02 09:00", 910.0, 0, 910.0, "shipped"],
        ["P3", "TM55500000023", "XS55500023", "K2", "2026-06-03 09:00", 910.0, 0, 910.0, "shipped"],
    ],
}


def _load(con, fmt: str, path: Path, tmp_path: Path):
    # the account's currency (--currency): the files state none
    options = {"currency": "CNY"} if fmt == "bank-csv" else {}
    report = ingest_files(
        con, fmt, [path], rejects_dir=tmp_path / "rej", progress=False, options=options
    )
    return report.files[0]


def _rows(con) -> list[tuple]:
    return con.execute(
        "select bank_ref, amount, currency, counterparty_name, memo from bank_transactions"
        " order by bank_ref"
    ).fetchall()


def _mt940(
    tmp_path: Path, name: str, ccy: str, entries: list[tuple[str, str]], opening: str, closing: str
) -> Path:
    body = "\n".join(f":61:{a}\n:86:{b}" for a, b in entries)
    text = (
        f":20:T1\n:25:33010099887766\n:28C:5/1\n:60F:C260609{ccy}{opening}\n{body}\n"
        f":62F:C260612{ccy}{closing}\n"
    )
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _camt(
    tmp_path: Path, name: str, version: str, opening: str, closing: str, entries: list[str]
) -> Path:
    path = tmp_path / name
    path.write_text(
        f'<?xml version="1.0"?><Document xmlns="{CAMT.format(v=version)}"><BkToCstmrStmt>'
        "<Stmt><Id>S1</Id><Acct><Id><IBAN>CN0011223344</IBAN></Id></Acct>"
        f'<Bal><Tp><CdOrPrtry><Cd>OPBD</Cd></CdOrPrtry></Tp><Amt Ccy="CNY">{opening}</Amt>'
        "<CdtDbtInd>CRDT</CdtDbtInd></Bal>"
        f'<Bal><Tp><CdOrPrtry><Cd>CLBD</Cd></CdOrPrtry></Tp><Amt Ccy="CNY">{closing}</Amt>'
        "<CdtDbtInd>CRDT</CdtDbtInd></Bal>"
        + "".join(entries)
        + "</Stmt></BkToCstmrStmt></Document>",
        encoding="utf-8",
    )
    return path


def _ntry(ref: str, amount: str, ind: str, tx: str, extra: str = "") -> str:
    return (
        f'<Ntry><Amt Ccy="CNY">{amount}</Amt><CdtDbtInd>{ind}</CdtDbtInd>{extra}'
        f"<BookgDt><Dt>2026-06-10</Dt></BookgDt><ValDt><Dt>2026-06-10</Dt></ValDt>"
        f"<AcctSvcrRef>{ref}</AcctSvcrRef><NtryDtls><TxDtls>{tx}</TxDtls></NtryDtls></Ntry>"
    )


def test_mt940_reversal_of_a_credit_is_money_out_and_marked(con, tmp_path):
    """``RC`` undoes a credit: the package signs it + by default, so the statement never
    balanced and a good file was refused; ``RD`` (money back in) stays positive."""
    path = _mt940(
        tmp_path,
        "rev.sta",
        "CNY",
        [
            ("2606100610C640,00NTRFNONREF//B1", "/NAME/宁波海岸五金有限公司/REMI/TM55500000021"),
            ("2606110611RC640,00NTRFNONREF//B2", "/NAME/宁波海岸五金有限公司/REMI/RETURN"),
            ("2606120612RD12,50NTRFNONREF//B3", "/REMI/FEE REFUND"),
        ],
        "1000,00",
        "1012,50",
    )
    assert _load(con, "mt940", path, tmp_path).rows_loaded == 3
    rows = _rows(con)
    assert [r[1] for r in rows] == [Decimal("640.00"), Decimal("-640.00"), Decimal("12.50")]
    assert [r[4].startswith(REVERSAL_MARK) for r in rows] == [False, True, True]


def test_mt940_structured_details_give_memo_payer_and_own_reference(con, tmp_path):
    """A ``?20``/``?32`` ``:86:`` used to leave memo and payer empty; the ``:61:`` payer
    reference is remittance text too."""
    path = _mt940(
        tmp_path,
        "s.sta",
        "CNY",
        [
            (
                "2606100610C640,00NTRFNONREF//B1",
                "166?00GUTSCHRIFT?20TM55500000021?21WARE?31DE02100100100006820101?32ALPENBLICK?33 GMBH",
            ),
            ("2606100610C910,00NTRFTM55500000023//B2", "/NAME/ALPENBLICK GMBH"),
        ],
        "0,00",
        "1550,00",
    )
    _load(con, "mt940", path, tmp_path)
    (_, _, _, name1, memo1), (ref2, _, _, _, memo2) = _rows(con)
    assert name1 == "ALPENBLICK GMBH" and "TM55500000021" in memo1
    assert ref2 == "TM55500000023" and memo2.endswith("TM55500000023")


def test_camt_v08_party_name_end_to_end_id_and_reversal_flag(con, tmp_path):
    """.001.08 nests the name in ``Pty``; the EndToEndId joins the memo; ``RvslInd`` marks it."""
    path = _camt(
        tmp_path,
        "c.xml",
        "08",
        "100.00",
        "100.00",
        [
            _ntry(
                "E1",
                "910.00",
                "CRDT",
                "<Refs><EndToEndId>TM55500000022</EndToEndId></Refs>"
                "<RltdPties><Dbtr><Pty><Nm>ALPENBLICK GMBH</Nm></Pty></Dbtr></RltdPties>",
            ),
            _ntry(
                "E2",
                "910.00",
                "DBIT",
                "<RltdPties><Cdtr><Pty><Nm>ALPENBLICK GMBH</Nm></Pty></Cdtr></RltdPties>",
                extra="<RvslInd>true</RvslInd>",
            ),
        ],
    )
    _load(con, "camt053", path, tmp_path)
    (_, a1, _, n1, m1), (_, a2, _, n2, m2) = _rows(con)
    assert (a1, n1, m1) == (Decimal("910.00"), "ALPENBLICK GMBH", "TM55500000022")
    assert (a2, n2, m2) == (Decimal("-910.00"), "ALPENBLICK GMBH", REVERSAL_MARK)


def _recon_flows(tmp_path: Path, fmt: str, path: Path) -> dict[str, tuple]:
    (tmp_path / "wh").mkdir()
    (tmp_path / "wh" / "warehouse.yaml").write_text(yaml.safe_dump(ORDERS, allow_unicode=True))
    con = connect(tmp_path / "w.duckdb")
    try:
        build(con, tmp_path / "wh")
        _load(con, fmt, path, tmp_path)
        reconcile_period(con, "2026-06")
        rows = con.execute(
            """select b.bank_ref, s.status, s.match_status, s.reason,
                      count(m.order_id) filter (where m.matched_amount > 0)
               from bank_transactions b join recon_flow_status s on s.flow_id = b.txn_id
               left join recon_matches m on m.flow_id = b.txn_id group by all"""
        ).fetchall()
    finally:
        con.close()
    return {r[0]: r[1:] for r in rows}


def test_a_payment_the_bank_reversed_never_closes_its_order(tmp_path):
    """Before: the credit closed P1 green although the bank sent the money back."""
    path = _mt940(
        tmp_path,
        "rev.sta",
        "CNY",
        [
            ("2606100610C640,00NTRFNONREF//B1", "/NAME/宁波海岸五金有限公司/REMI/TM55500000021"),
            ("2606110611RC640,00NTRFNONREF//B2", "/NAME/宁波海岸五金有限公司/REMI/RETURN"),
        ],
        "1000,00",
        "1000,00",
    )
    flows = _recon_flows(tmp_path, "mt940", path)
    status, cause, reason, matched = flows["B1"]
    assert (status, cause, matched) == ("red", "reversed", 0)
    assert "reversed by the bank on 2026-06-11 (B2)" in reason


def test_a_chinese_export_reversal_line_holds_the_payment_it_undoes(tmp_path):
    """冲正 (a reversal) in a bank CSV memo does what the MT940/camt flag does."""
    path = tmp_path / "s.csv"
    path.write_text(
        "交易日期,交易时间,收入金额,支出金额,对方户名,附言,交易流水号\n"
        "2026-06-10,09:00:00,640.00,,宁波海岸五金有限公司,TM55500000021,Q1\n"
        "2026-06-10,15:00:00,,640.00,宁波海岸五金有限公司,冲正 原交易Q1,Q2\n",
        encoding="utf-8",
    )
    assert _recon_flows(tmp_path, "bank-csv", path)["Q1"][:2] == ("red", "reversed")


def test_money_in_another_currency_never_matches_an_order_of_the_same_number(tmp_path):
    """Before: EUR 910.00 naming P2 closed the CNY 910.00 order green."""
    path = _mt940(
        tmp_path,
        "eur.sta",
        "EUR",
        [
            ("2606100610C910,00NTRFNONREF//B1", "/NAME/ALPENBLICK GMBH/REMI/TM55500000022"),
        ],
        "0,00",
        "910,00",
    )
    status, cause, reason, matched = _recon_flows(tmp_path, "mt940", path)["B1"]
    assert (status, cause, matched) == ("red", "currency_mismatch", 0)
    assert reason.startswith("paid in EUR, but orders are priced in CNY")


@pytest.mark.parametrize("version", ["02", "08"])
def test_camt_pending_entries_are_not_booked_lines(con, tmp_path, version):
    """A PDNG entry is not in the closing booked balance: the file was refused as unbalanced."""
    sts = "<Sts><Cd>{}</Cd></Sts>" if version == "08" else "<Sts>{}</Sts>"
    party = "<RltdPties><Dbtr><Nm>ALPENBLICK GMBH</Nm></Dbtr></RltdPties>"
    path = _camt(
        tmp_path,
        "p.xml",
        version,
        "100.00",
        "740.00",
        [
            _ntry("E1", "640.00", "CRDT", party, extra=sts.format("BOOK")),
            _ntry("E2", "910.00", "CRDT", party, extra=sts.format("PDNG")),
        ],
    )
    assert _load(con, "camt053", path, tmp_path).rows_loaded == 1
    assert [r[0] for r in _rows(con)] == ["E1"]


def _tx(name: str, ref: str, amount: str) -> str:
    return (
        f'<TxDtls><AmtDtls><TxAmt><Amt Ccy="CNY">{amount}</Amt></TxAmt></AmtDtls>'
        f"<RltdPties><Dbtr><Nm>{name}</Nm></Dbtr></RltdPties>"
        f"<RmtInf><Ustrd>{ref}</Ustrd></RmtInf></TxDtls>"
    )


@pytest.mark.parametrize(("second", "lines"), [("910.00", 2), ("900.00", 1)])
def test_a_camt_batch_gives_one_line_per_payer_when_its_amounts_add_up(
    con, tmp_path, second, lines
):
    """Before: one line with the first payer's name and both references, so the second
    payer's order looked like a third party's (or a typo of the first payer's order)."""
    both = _tx("宁波海岸五金有限公司", "TM55500000021", "640.00") + _tx(
        "ALPENBLICK GMBH", "TM55500000022", second
    )
    entry = _ntry("E9", "1550.00", "CRDT", "").replace(
        "<NtryDtls><TxDtls></TxDtls></NtryDtls>",
        f"<NtryDtls><Btch><NbOfTxs>2</NbOfTxs></Btch>{both}</NtryDtls>",
    )
    _load(con, "camt053", _camt(tmp_path, "b.xml", "02", "0.00", "1550.00", [entry]), tmp_path)
    rows = sorted(_rows(con), key=lambda r: r[1])
    if lines == 2:
        assert [(r[0], r[1], r[3], r[4]) for r in rows] == [
            ("E9", Decimal("640.00"), "宁波海岸五金有限公司", "TM55500000021"),
            ("E9", Decimal("910.00"), "ALPENBLICK GMBH", "TM55500000022"),
        ]
    else:  # the parts do not add up to the entry: kept whole, as the bank booked it
        assert [(r[1], r[4]) for r in rows] == [(Decimal("1550.00"), "TM55500000021 TM55500000022")]
