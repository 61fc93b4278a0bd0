"""Bank and payment-service exports read as their formats are publicly described (session 16).

Before: 建设银行's ``借方发生额（支取）`` / ``贷方发生额（收入）`` headers were not known and the file
was refused whole; a Wise statement whose days are all 12 or less was every line a reject (its
``dd-mm-yyyy`` is the format's own convention); ``IBAN:`` / ``Account number`` lines above a
table were not an account, so ``orderlens accounts set`` never applied to those files; a fee
beside an amount (Revolut) was silently ignored, and a Stripe / PayPal report (gross / fee /
net) loaded the gross. Every file here is written by hand from public descriptions of the
exports (bank help pages, open-source importers), none copied from an evaluation set.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from connectors.accounts import set_account_currency
from connectors.errors import IngestError
from tests.bank_files import ingest_text as _ingest

ROWS = (
    "select account_no, cast(booked_at as date)::varchar, amount, currency, counterparty_name,"
    " memo, bank_ref from bank_transactions order by booked_at"
)


def _rows(con) -> list[tuple]:
    return con.execute(ROWS).fetchall()


CCB = (
    "中国建设银行单位账户交易明细\n账号：11050163540000000123\n币种：人民币\n"
    "交易时间,借方发生额（支取）,贷方发生额（收入）,余额,对方户名,摘要,账户明细编号-交易流水号\n"
    '20260603 10:21:05,,"1,280.00","51,280.00",张三,货款 SO1001,000001-20260603000123\n'
    '20260604 09:00:00,35.00,,"51,245.00",中国建设银行,手续费,000002-20260604000456\n'
)


def test_bracketed_direction_notes_are_the_sides_they_name(con, tmp_path):
    rep = _ingest(con, tmp_path, CCB)
    assert rep.rows_loaded == 2 and rep.rows_rejected == 0
    assert _rows(con) == [
        ("11050163540000000123", "2026-06-03", Decimal("1280.00"), "CNY", "张三", "货款 SO1001",
         "000001-20260603000123"),
        ("11050163540000000123", "2026-06-04", Decimal("-35.00"), "CNY", "中国建设银行", "手续费",
         "000002-20260604000456"),
    ]  # fmt: skip


def test_an_amount_column_with_a_note_is_that_side(con, tmp_path):
    text = "交易日期,发生额（收入）,发生额(支取),摘要\n2026-06-03,100.00,,A\n2026-06-04,,30.00,B\n"
    _ingest(con, tmp_path, text, currency="CNY")
    assert [r[2] for r in _rows(con)] == [Decimal("100.00"), Decimal("-30.00")]


@pytest.mark.parametrize(
    "header", ["借方发生额（收入）,贷方发生额（收入）", "贷方发生额(支取),借方发生额"]
)
def test_a_note_contradicting_its_column_refuses_the_file(con, tmp_path, header):
    text = f"交易日期,{header},摘要\n2026-06-03,,1280.00,货款\n"
    with pytest.raises(IngestError, match=r"is named money (in|out) but its note says money"):
        _ingest(con, tmp_path, text, currency="CNY")


WISE = (
    '"TransferWise ID",Date,Amount,Currency,Description,"Payment Reference","Running Balance",'
    '"Payer Name","Payee Name","Payee Account Number",Merchant,"Total fees"\n'
    "TRANSFER-1001,03-06-2026,250.00,EUR,Received money from Anna Berg,SO1001,1250.00,"
    "Anna Berg,,,,0.00\n"
    "TRANSFER-1002,04-06-2026,-100.50,EUR,Sent money to Office GmbH,INV-77,1149.50,,"
    "Office GmbH,DE89370400440532013000,,0.50\n"
)


def test_a_wise_statement_is_read_day_first_by_its_format(con, tmp_path):
    rep = _ingest(con, tmp_path, WISE)
    assert rep.rows_rejected == 0
    assert _rows(con) == [
        (None, "2026-06-03", Decimal("250.00"), "EUR", "Anna Berg",
         "Received money from Anna Berg SO1001", "TRANSFER-1001"),
        (None, "2026-06-04", Decimal("-100.50"), "EUR", "Office GmbH",
         "Sent money to Office GmbH INV-77", "TRANSFER-1002"),
    ]  # fmt: skip


def test_a_date_against_the_formats_order_refuses_the_file(con, tmp_path):
    with pytest.raises(IngestError, match=r"Wise statement's, whose dates are written day first"):
        _ingest(con, tmp_path, WISE.replace("04-06-2026", "06-24-2026"))


def test_a_chase_download_is_read_month_first(con, tmp_path):
    text = (
        "Details,Posting Date,Description,Amount,Type,Balance,Check or Slip #\n"
        "CREDIT,06/03/2026,ZELLE FROM JOHN SMITH SO1001,250.00,QUICKPAY_CREDIT,1250.00,,\n"
    )
    _ingest(con, tmp_path, text, currency="USD")
    assert [r[1:4] for r in _rows(con)] == [("2026-06-03", Decimal("250.00"), "USD")]


@pytest.mark.parametrize(
    ("preamble", "account"),
    [
        ("IBAN: DE89 3704 0044 0532 0130 00\n", "DE89370400440532013000"),
        ('"Account number";"12345678"\n', "12345678"),
        ("Konto:;DE02120300000000202051\n", "DE02120300000000202051"),
        ("账户：6228480012345678,户名：示例\n", "6228480012345678"),
    ],
)
def test_an_account_line_names_the_account_and_its_kept_currency(con, tmp_path, preamble, account):
    set_account_currency(con, account, "EUR")
    _ingest(con, tmp_path, preamble + "Booking Date;Amount;Description\n2026-06-03;12.50;A\n")
    assert [(r[0], r[3]) for r in _rows(con)] == [(account, "EUR")]


@pytest.mark.parametrize("preamble", ["Account: ****1234\n", "Account holder: A. Berg\n"])
def test_a_masked_number_or_a_name_is_no_account(con, tmp_path, preamble):
    _ingest(con, tmp_path, preamble + "Booking Date,Amount,Description\n2026-06-03,12.50,A\n",
            currency="EUR")  # fmt: skip
    assert [r[0] for r in _rows(con)] == [None]


def test_label_value_pairs_in_one_cell_state_the_currency(con, tmp_path):
    text = (
        "交通银行账户明细查询\n账号:310066661012345678901  户名:示例贸易有限公司  币种:人民币\n"
        "交易时间,摘要,借贷标志,交易金额,余额,对方户名,流水号\n"
        '2026-06-03 10:21:05,货款SO1001,贷,"1,280.00","51,280.00",张三,A0001\n'
    )
    _ingest(con, tmp_path, text)
    assert [r[:4] for r in _rows(con)] == [
        ("310066661012345678901", "2026-06-03", Decimal("1280.00"), "CNY")
    ]


def test_a_fee_beside_an_amount_without_a_net_is_a_reject(con, tmp_path):
    text = (
        "Date completed (UTC),ID,State,Description,Reference,Payer,Payment currency,Amount,Fee\n"
        "2026-06-03,a-1,COMPLETED,From Anna Berg,SO1001,Anna Berg,EUR,250.00,0.00\n"
        "2026-06-04,a-2,COMPLETED,To Office GmbH,INV-77,,EUR,-100.50,0.20\n"
    )
    rep = _ingest(con, tmp_path, text)
    assert [(r["line"], r["reason"][:42]) for r in rep.rejects] == [
        (3, "Fee is not zero and the file has no net am")
    ]
    assert _rows(con) == [
        (None, "2026-06-03", Decimal("250.00"), "EUR", "Anna Berg", "From Anna Berg SO1001", "a-1")
    ]


def test_gross_fee_net_loads_the_net_and_rejects_a_line_that_does_not_add_up(con, tmp_path):
    text = (
        "id,Type,Amount,Fee,Net,Currency,Created (UTC),Description\n"
        "txn_1,charge,100.00,3.20,96.80,usd,2026-06-03 10:00,Order SO1001\n"
        "txn_2,charge,50.00,1.75,48.00,usd,2026-06-04 11:00,Order SO1002\n"
    )
    rep = _ingest(con, tmp_path, text)
    assert [(r["line"], r["reason"][:26]) for r in rep.rejects] == [
        (3, "Amount less Fee is not Net")
    ]
    assert [r[2:4] + r[5:] for r in _rows(con)] == [
        (Decimal("96.80"), "USD", "Order SO1001", "txn_1")
    ]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ('"Booking Date","Partner Name","Partner Iban","Payment Reference","Amount (EUR)"\n'
         "2026-06-03,Anna Berg,DE89370400440532013000,SO1001,250.00\n", "Anna Berg"),
        ("账号：0200001234567890123\n币种：人民币\n凭证号,交易时间,对方单位名称,摘要,借方发生额,贷方发生额\n"
         "0001,2026-06-03 10:21:05,张三,货款SO1001,,250.00\n", "张三"),
    ],
)  # fmt: skip
def test_n26_and_icbc_name_columns(con, tmp_path, text, name):
    _ingest(con, tmp_path, text)
    assert [(r[2], r[4]) for r in _rows(con)] == [(Decimal("250.00"), name)]


def test_an_xlsx_two_row_header_with_notes_is_folded(con, tmp_path):
    from openpyxl import Workbook

    from connectors.ingest import ingest_files

    wb = Workbook()
    ws = wb.active
    for row in (
        ["交易时间", "金额", None, "对方户名", "摘要"],
        [None, "借方发生额（支取）", "贷方发生额（收入）", None, None],
        ["2026-06-03 10:21:05", None, "1,280.00", "张三", "货款 SO1001"],
        ["2026-06-04 09:00:00", "35.00", None, None, "手续费"],
    ):
        ws.append(row)
    ws.merge_cells("B1:C1")
    wb.save(tmp_path / "ccb.xlsx")
    ingest_files(con, "bank-csv", [tmp_path / "ccb.xlsx"], rejects_dir=tmp_path / "rej",
                 progress=False, options={"currency": "CNY"})  # fmt: skip
    assert [(r[2], r[5]) for r in _rows(con)] == [
        (Decimal("1280.00"), "货款 SO1001"),
        (Decimal("-35.00"), "手续费"),
    ]
