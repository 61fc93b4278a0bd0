"""Habits found by the blind set recon-independent9's dev half (session 18).

Before:
* an XLSX export writing one **unsigned** 交易金额 column, money out shown only in red font,
  was read by the values' own sign: a refund, a 冲正, a fee and freight paid were all money
  **in** (4 wrong amounts; the refund closed the payer's open order of the same amount green).
  The running balance (账户余额) now tells each line's direction;
* one ``US$1,860.00`` amount in a 人民币 account's export refused the whole file; now that
  line alone is a reject;
* an Italian bank's CSV (``Data operazione``, ``Accrediti`` / ``Addebiti``, ``Divisa``,
  ``Stato``) was refused ("no header line with a date column");
* a chain of three abbreviated order numbers (``…0955、56、57``, ``…1301/02/03``) named only
  the first two, so the transfer was an overpayment of them.
Files and orders are written here by hand for another business than the set's.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
import yaml
from openpyxl.styles import Font

from connectors.ingest import ingest_files
from connectors.warehouse import connect
from lab.evals.recon_heldout import build
from lab.reconciliation.engine import reconcile_period
from lab.reconciliation.memo import parse_memos, patterns_from_examples
from tests.bank_files import ingest_text


def _amounts(con) -> list[tuple[str, Decimal]]:
    return con.execute("select bank_ref, amount from bank_transactions order by 1").fetchall()


def _red_font_xlsx(path: Path, rows: list[tuple[str, float, float, str]], opening: str) -> Path:
    """A bank XLSX with one unsigned amount column; money out in red font only."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["某银行企业网银账户明细"])
    ws.append(["账号：6230000011112222", None, "币种：人民币"])
    ws.append([f"期初余额：{opening}"])
    ws.append(["交易日期", "交易金额", "账户余额", "对方户名", "附言", "交易流水号"])
    for date, amount, balance, ref in rows:
        ws.append([date, abs(amount), balance, "松涛文具有限公司", "往来款", ref])
        if amount < 0:
            ws.cell(ws.max_row, 2).font = Font(color="FFFF0000")
    wb.save(path)
    return path


def test_red_font_debits_are_money_out_by_the_running_balance(con, tmp_path):
    path = _red_font_xlsx(tmp_path / "s.xlsx", [
        ("2027-03-01", 500.0, 10500.0, "K1"),
        ("2027-03-02", -120.0, 10380.0, "K2"),   # red font: the balance falls
        ("2027-03-03", -10380.0, 0.0, "K3"),     # the whole balance out
        ("2027-03-04", 75.5, 75.5, "K4"),
    ], "10,000.00")  # fmt: skip
    report = ingest_files(con, "bank-csv", [path], rejects_dir=tmp_path / "r", progress=False)
    assert report.files[0].rows_rejected == 0
    assert _amounts(con) == [
        ("K1", Decimal("500.00")), ("K2", Decimal("-120.00")),
        ("K3", Decimal("-10380.00")), ("K4", Decimal("75.50")),
    ]  # fmt: skip


def test_without_an_opening_balance_the_first_line_is_a_reject_not_a_guess(con, tmp_path):
    text = (
        "交易日期,交易金额,余额,对方户名,附言,交易流水号\n"
        '2027-03-01,500.00,"10,500.00",松涛文具有限公司,货款,K1\n'
        '2027-03-02,120.00,"10,380.00",松涛文具有限公司,退款,K2\n'
        '2027-03-03,80.00,"10,460.00",松涛文具有限公司,货款,K3\n'
    )
    report = ingest_text(con, tmp_path, text, currency="CNY")
    assert _amounts(con) == [("K2", Decimal("-120.00")), ("K3", Decimal("80.00"))]
    assert report.rows_rejected == 1


def test_newest_first_exports_are_read_from_the_bottom(con, tmp_path):
    text = (
        "交易日期,交易金额,余额,对方户名,附言,交易流水号\n"
        '2027-03-03,80.00,"10,460.00",松涛文具有限公司,货款,K3\n'
        '2027-03-02,120.00,"10,380.00",松涛文具有限公司,退款,K2\n'
        '2027-03-01,500.00,"10,500.00",松涛文具有限公司,货款,K1\n'
    )
    ingest_text(con, tmp_path, text, currency="CNY")
    # the oldest line has no balance before it: a reject; the others signed by their steps
    assert _amounts(con) == [("K2", Decimal("-120.00")), ("K3", Decimal("80.00"))]


def test_a_step_that_is_neither_plus_nor_minus_the_amount_is_a_reject(con, tmp_path):
    text = (
        "期初余额：1,000.00\n"
        "交易日期,交易金额,余额,对方户名,附言,交易流水号\n"
        "2027-03-01,200.00,800.00,松涛文具有限公司,退款,K1\n"
        '2027-03-02,300.00,"1,150.00",松涛文具有限公司,货款,K2\n'  # +350: not 300 either way
        '2027-03-03,50.00,"1,200.00",松涛文具有限公司,货款,K3\n'
    )
    report = ingest_text(con, tmp_path, text, currency="CNY")
    assert _amounts(con) == [("K1", Decimal("-200.00")), ("K3", Decimal("50.00"))]
    assert report.rows_rejected == 1


@pytest.mark.parametrize(
    "rows",
    [
        # signed by the bank: its signs stand even where its balance column disagrees
        ["2027-03-01,-200.00,800.00,K1", "2027-03-02,300.00,500.00,K2"],
        # only rises: every amount is money in, as read
        ['2027-03-01,200.00,"1,200.00",K1', '2027-03-02,300.00,"1,500.00",K2'],
    ],
)
def test_signed_or_rising_files_are_read_as_before(con, tmp_path, rows):
    text = "期初余额：1,000.00\n交易日期,交易金额,余额,交易流水号\n" + "\n".join(rows) + "\n"
    ingest_text(con, tmp_path, text, currency="CNY")
    signed = [r.split(",")[1] for r in rows]
    assert [str(a) for _, a in _amounts(con)] == signed


def test_an_amount_marked_in_another_currency_is_a_reject_of_its_line_only(con, tmp_path):
    text = (
        "账号：6230000011112222,币种：人民币\n"
        "交易日期,收入金额,支出金额,对方户名,附言,交易流水号\n"
        '2027-03-01,"1,000.00",,松涛文具有限公司,货款,K1\n'
        '2027-03-02,"US$1,000.00",,松涛文具有限公司,货款,K2\n'
        "2027-03-03,,50.00,,手续费,K3\n"
    )
    report = ingest_text(con, tmp_path, text)
    assert _amounts(con) == [("K1", Decimal("1000.00")), ("K3", Decimal("-50.00"))]
    assert report.rows_rejected == 1


def test_an_italian_export_is_read_with_its_status_and_rejects(con, tmp_path):
    text = (
        "Conto corrente;IT02A0300203280000400162854\n"
        "Data operazione;Data valuta;Descrizione;Accrediti;Addebiti;Divisa;Stato\n"
        "04/05/2027;04/05/2027;BONIFICO DA ROSSI SNC;1.250,00;;EUR;Contabilizzato\n"
        "14/05/2027;14/05/2027;COMMISSIONI;;3,50;EUR;Contabilizzato\n"
        "15/05/2027;15/05/2027;BONIFICO DA VERDI SRL;2,100,00;;EUR;Contabilizzato\n"
        "16/05/2027;16/05/2027;BONIFICO DA BIANCHI;£ 90,00;;EUR;Contabilizzato\n"
        "17/05/2027;17/05/2027;BONIFICO DA NERI;640,00;;EUR;In lavorazione\n"
    )
    report = ingest_text(con, tmp_path, text, amount_format="1.234,56", currency="EUR")
    got = con.execute(
        "select cast(booked_at as date)::varchar, amount, currency, memo from bank_transactions "
        "order by booked_at"
    ).fetchall()
    assert got == [
        ("2027-05-04", Decimal("1250.00"), "EUR", "BONIFICO DA ROSSI SNC"),
        ("2027-05-14", Decimal("-3.50"), "EUR", "COMMISSIONI"),
    ]
    assert report.rows_rejected == 2  # two decimal marks; a pound sign in a euro account


PATTERNS = patterns_from_examples("channel_order_no", ["MK2706110341", "MK2706120019"])


@pytest.mark.parametrize(
    ("memo", "refs"),
    [
        ("货款 MK2706110341、42、43", ["MK2706110341", "MK2706110342", "MK2706110343"]),
        ("MK2706110341/42/43/44", [f"MK27061103{n}" for n in (41, 42, 43, 44)]),
        ("MK2706110341/42/43.00", ["MK2706110341", "MK2706110342"]),  # an amount ends it
        ("MK2706110341/42 43", ["MK2706110341", "MK2706110342"]),  # no separator: not one
    ],
)
def test_a_chain_of_abbreviations_is_read_to_its_end(memo, refs):
    assert parse_memos([("T", memo)], PATTERNS)["ref"] == refs


WAREHOUSE = {
    "customers": [["C1", "澄江湖畔陶瓷有限公司"]],
    "orders": [  # id, channel no, erp no, customer, created, goods, shipping, paid, status
        ["A1", "MK2706110341", "SO-611", "C1", "2027-06-11 09:00", 1700.0, 0, 1700.0, "shipped"],
        ["A2", "MK2706110342", "SO-612", "C1", "2027-06-11 09:05", 2200.0, 0, 2200.0, "shipped"],
        ["A3", "MK2706110343", "SO-613", "C1", "2027-06-11 09:10", 900.0, 0, 900.0, "shipped"],
    ],
}  # fmt: skip


@pytest.mark.parametrize(
    ("amount", "green_on"),
    [
        ("4800.00", ["A1", "A2", "A3"]),  # all three exactly
        ("3900.00", None),  # the first two only: never green on them, nor on three
        ("4900.00", None),  # 100.00 over: never green
    ],
)
def test_a_chain_of_three_closes_only_when_the_amount_fits_all_three(tmp_path, amount, green_on):
    (tmp_path / "wh").mkdir()
    (tmp_path / "wh" / "warehouse.yaml").write_text(yaml.safe_dump(WAREHOUSE, allow_unicode=True))
    stmt = tmp_path / "s.csv"
    stmt.write_text(
        "账号：6230000011112222,币种：人民币\n交易日期,收入金额,支出金额,对方户名,附言,交易流水号\n"
        f"2027-06-12,{amount},,澄江湖畔陶瓷有限公司,货款 MK2706110341/42/43,T1\n",
        encoding="utf-8",
    )
    con = connect(tmp_path / "w.duckdb")
    try:
        build(con, tmp_path / "wh")
        ingest_files(con, "bank-csv", [stmt], rejects_dir=tmp_path / "r", progress=False)
        reconcile_period(con, "2027-06")
        status, orders = con.execute(
            """select s.status, list(distinct m.order_id order by m.order_id)
                        filter (where m.order_id is not null and m.matched_amount > 0)
               from bank_transactions b join recon_flow_status s on s.flow_id = b.txn_id
               left join recon_matches m on m.flow_id = b.txn_id group by all"""
        ).fetchone()
    finally:
        con.close()
    if green_on:
        assert (status, orders) == ("green", green_on)
    else:
        assert status != "green"
