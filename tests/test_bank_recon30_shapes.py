"""Export shapes the twenty-first independent set (``recon_independent21``, session 30) found
unread or misread.

Every file here is invented (made-up banks' layouts, payers, numbers and month; not the set's
files):

* a 记账状态 (booking state) column saying 已撤销 (revoked) for a transfer the bank took back
  before it was booked: the reader knew the word (as 交易状态's) but not the column's name, so
  the revoked transfer loaded and closed the order it named (a wrong green);
* a 本日合计 (day's total) row written under a day's lines with that day's date in the date
  cell and the label in the time cell: it loaded as money in (a wrong amount); a line whose
  memo alone says 合计 is still a line (a memo can say anything);
* an Uzbek bank's export (``Sana``, ``Debet`` / ``Kredit``, ``Kontragent nomi``, ``To'lov
  maqsadi``, ``Valyuta;CNY`` above the table) was refused for "no date column"; its
  ``Qaytarish`` (return) of a credit must hold the payment it sends back, as ВОЗВРАТ does;
* an RBC-style download of several accounts (``CAD$`` / ``USD$``, each line's amount in the column
  of its account's currency) was refused for "no amount column" (set 20's leftover): with the
  account's currency said, each line is read in the currency of the one column holding its
  figure; a line with figures in both is a reject; unsaid, the refusal names the columns and
  the two ways on.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from connectors.errors import CurrencyUnknownError
from tests.bank_files import ingest_path, ingest_text, reconciled_flows


def _lines(con) -> list[tuple]:
    return con.execute(
        "select booked_at::varchar, amount, bank_ref from bank_transactions order by 1, 3"
    ).fetchall()


def test_a_line_whose_booking_state_says_revoked_is_no_line(con, tmp_path):
    text = (
        "币种:,CNY\n"
        "交易日期,交易时间,借方发生额,贷方发生额,对方户名,附言,交易流水号,记账状态\n"
        '20360904,091503,"0.00","2,100.00",牡丹江亚麻有限公司,货款 MD360901001,MJ01,已记账\n'
        '20360905,101200,"0.00","3,300.00",牡丹江亚麻有限公司,货款 MD360901002,MJ02,已撤销\n'
    )
    report = ingest_text(con, tmp_path, text)
    assert report.rows_loaded == 1
    assert _lines(con) == [("2036-09-04 09:15:03", Decimal("2100.00"), "MJ01")]


def test_a_days_total_row_under_its_day_is_no_line(con, tmp_path):
    text = (
        "币种:,CNY\n"
        "交易日期,交易时间,借方发生额,贷方发生额,对方户名,摘要,交易流水号\n"
        '20360904,091503,"0.00","2,100.00",牡丹江亚麻有限公司,货款,MJ01\n'
        '20360904,101200,"0.00","1,200.00",牡丹江亚麻有限公司,合计,MJ02\n'  # the memo says so
        '20360904,本日合计,"0.00","3,300.00",,,\n'
        '20360905,080000,"25.00","0.00",,手续费,MJ03\n'
        '20360905,当日小计：,"25.00","0.00",,,\n'
    )
    report = ingest_text(con, tmp_path, text)
    assert report.rows_loaded == 3
    assert _lines(con) == [
        ("2036-09-04 09:15:03", Decimal("2100.00"), "MJ01"),
        ("2036-09-04 10:12:00", Decimal("1200.00"), "MJ02"),
        ("2036-09-05 08:00:00", Decimal("-25.00"), "MJ03"),
    ]
    assert report.skipped.get("totals rows") == 2


def test_an_uzbek_export_is_read(con, tmp_path):
    text = (
        "Hisob raqami;20208156900999000001\nValyuta;CNY\n\n"
        "Sana;Hujjat raqami;Debet;Kredit;Kontragent nomi;Kontragent STIR;To'lov maqsadi\n"
        "14.09.2036;77;;4 150,00;NAVOIY MARMAR MCHJ;301234567;Hisob-faktura NV360901001\n"
        "16.09.2036;81;35,00;;;;Bank komissiyasi\n"
    )
    report = ingest_text(con, tmp_path, text)
    assert report.rows_loaded == 2
    assert con.execute(
        "select booked_at::date::varchar, amount, currency, counterparty_name, memo "
        "from bank_transactions order by 1"
    ).fetchall() == [
        ("2036-09-14", Decimal("4150.00"), "CNY", "NAVOIY MARMAR MCHJ", "Hisob-faktura NV360901001"),
        ("2036-09-16", Decimal("-35.00"), "CNY", None, "Bank komissiyasi"),
    ]  # fmt: skip


WAREHOUSE = {
    "customers": [["K1", "NAVOIY MARMAR MCHJ"]],
    "orders": [  # id, channel no, erp no, customer, created, goods, shipping, paid, status
        ["O1", "NV360901001", "NVE-1", "K1", "2036-09-01 09:00", 4150.0, 0, 4150.0, "shipped"],
    ],
}


@pytest.mark.parametrize(
    ("word", "held"),
    [
        ("Qaytarish: xato o'tkazilgan mablag'", True),
        ("QAYTARISH jo'natuvchiga", True),
        ("Tovar uchun to'lov", False),  # the holder paying someone: the payment stands
    ],
)
def test_an_uzbek_return_of_a_credit_holds_the_payment(tmp_path, word, held):
    """One statement per case (the point is the outflow's word); ~1 s each on an idle machine."""
    statement = (
        "Valyuta;CNY\n"
        "Sana;Debet;Kredit;Kontragent nomi;To'lov maqsadi\n"
        "14.09.2036;;4 150,00;NAVOIY MARMAR MCHJ;Hisob-faktura NV360901001\n"
        f"15.09.2036;4 150,00;;NAVOIY MARMAR MCHJ;{word} NV360901001\n"
    )
    flows = reconciled_flows(tmp_path, WAREHOUSE, statement, "2036-09")
    paid = [r for r in flows if r.amount > 0]
    assert len(paid) == 1
    assert (paid[0].colour != "green") is held
    if not held:
        assert paid[0].orders == ("O1",)


RBC = (
    "Account Type,Account Number,Transaction Date,Cheque Number,Description 1,Description 2,"
    "CAD$,USD$\n"
    "Chequing,01234-5678901,9/14/2036,,E-TRANSFER DEPOSIT,FUNDY KELP INC,2731.40,\n"
    "Chequing,01234-5678901,9/15/2036,,MONTHLY FEE,,-12.50,\n"
    "Chequing,01234-5678902,9/16/2036,,WIRE RECEIVED,PACIFIC KELP TRADING,,412.00\n"
    "Chequing,01234-5678902,9/17/2036,,WIRE RECEIVED,PACIFIC KELP TRADING,5.00,9.00\n"
)


def test_a_download_with_one_money_column_per_currency_reads_each_lines_currency(con, tmp_path):
    report = ingest_text(con, tmp_path, RBC, currency="CAD")
    assert (report.rows_loaded, report.rows_rejected) == (3, 1)  # 5.00 | 9.00: whose is unsaid
    assert con.execute(
        "select booked_at::date::varchar, amount, currency from bank_transactions order by 1"
    ).fetchall() == [
        ("2036-09-14", Decimal("2731.40"), "CAD"),
        ("2036-09-15", Decimal("-12.50"), "CAD"),
        ("2036-09-16", Decimal("412.00"), "USD"),
    ]


def test_a_download_with_one_money_column_per_currency_needs_the_accounts_currency(con, tmp_path):
    with pytest.raises(CurrencyUnknownError, match=r"CAD\$ / USD\$.*--currency CAD or USD"):
        ingest_text(con, tmp_path, RBC)


def _big5(con, tmp_path, preamble: str, rows: str):
    text = "交易日期,摘要,支出,存入,餘額,備註\n" + rows
    path = tmp_path / "s.csv"
    path.write_bytes((preamble + text).encode("big5"))
    return ingest_path(con, path, tmp_path)


ROC_ROWS = (
    '1250305,跨行轉入,"","46,800","1,546,800",高雄鋼鐵股份有限公司\n'
    '1250306,手續費,"15","","1,546,785",\n'
)


def test_seven_digit_roc_dates_are_read_when_the_file_proves_the_era(con, tmp_path):
    report = _big5(
        con, tmp_path, "存款交易明細 幣別：新臺幣\n查詢期間：125/03/01~125/03/31\n\n", ROC_ROWS
    )
    assert (report.rows_loaded, report.rows_rejected) == (2, 0)
    assert con.execute(
        "select booked_at::date::varchar, amount from bank_transactions order by 1"
    ).fetchall() == [("2036-03-05", Decimal("46800.00")), ("2036-03-06", Decimal("-15.00"))]


@pytest.mark.parametrize(
    ("preamble", "rows"),
    [
        ("存款交易明細\n幣別：新臺幣\n\n", ROC_ROWS),  # no date says the era
        (
            "幣別：新臺幣\n查詢期間：113/03/01~113/03/31\n\n",
            ROC_ROWS,
        ),  # the era's years are not these
        (  # one seven-digit cell is no 民國 date (month 13): the width is not proven
            "幣別：新臺幣\n查詢期間：125/03/01~125/03/31\n\n",
            ROC_ROWS + '1251306,手續費,"15","","1,546,770",\n',
        ),
    ],
    ids=["no-era", "other-years", "one-bad-cell"],
)
def test_seven_digit_dates_stay_rejects_without_proof(con, tmp_path, preamble, rows):
    report = _big5(con, tmp_path, preamble, rows)
    assert report.rows_loaded == 0


def test_the_scorer_tells_lines_of_one_amount_apart_by_their_key_in_the_memo():
    """Set 20's leftover: a truth keyed by a column the reader keeps as memo text (no serial)
    left two lines of one amount ``missing``; each is now found by its key in the text."""
    from lab.evals.recon_independent import Row, by_amount_where_unserialled, verdict

    rows = [
        Row(None, Decimal("5.00"), "green", ("O1",), "memo references O1", "O1 CHQ 100231"),
        Row(None, Decimal("5.00"), "red", (), "no reference", "CHQ 100232"),
    ]
    wants = [
        {"ref": "100231", "amount": "5.00", "expect": "green", "orders": ["O1"]},
        {"ref": "100232", "amount": "5.00", "expect": "green", "orders": ["O2"]},
    ]
    keyed = by_amount_where_unserialled(wants, rows)
    assert [w.get("memo") for w in keyed] == ["100231", "100232"]
    assert [verdict(w, rows) for w in keyed] == ["right", "missed_green"]
