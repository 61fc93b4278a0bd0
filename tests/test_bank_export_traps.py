"""Other habits of bank exports, each read right or rejected with its reason (session 14).

Before: ``$1,234.56``, ``£``, ``HK$``, ``US$`` and ``€`` amounts were rejects ("bad amount") and
said nothing of the currency; ``3 May 2027`` and ``May 3, 2027`` were rejects; ``Closing
balance`` / ``Endsaldo`` / ``Kontostand`` lines were listed as rejects among the real ones. Now a
currency mark is read and is the statement's currency (a bare ``$`` only with a dollar currency
stated or given), a mark that contradicts a line's currency cell is a reject, month-name dates
are read, and balance lines are skipped and counted. Files and values by hand.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from connectors.errors import CurrencyUnknownError, IngestError
from tests.bank_files import ingest_text as _ingest

EN = "Date,Description,Amount\n"


def _lines(con) -> list[tuple]:
    return con.execute(
        "select booked_at::date, amount, currency from bank_transactions order by booked_at, amount"
    ).fetchall()


MARKED = [
    ("£1,234.56", "-£12.00", "GBP"),
    ("HK$1,234.56", "HK$ -12.00", "HKD"),
    ("US$1,234.56", "USD -12.00", "USD"),
    ("€ 1.234,56", "-12,00 €", "EUR"),
]


@pytest.mark.parametrize(("a", "b", "currency"), MARKED)
def test_a_currency_mark_on_the_amounts_is_read_and_is_the_currency(con, tmp_path, a, b, currency):
    _ingest(con, tmp_path, EN + f'2026-06-01,A,"{a}"\n2026-06-02,B,"{b}"\n')
    assert _lines(con) == [
        (date(2026, 6, 1), Decimal("1234.56"), currency),
        (date(2026, 6, 2), Decimal("-12.00"), currency),
    ]


def test_a_bare_dollar_needs_the_dollar_said_elsewhere(con, tmp_path):
    text = EN + '2026-06-01,A,"$1,234.56"\n2026-06-02,B,($15.00)\n'
    with pytest.raises(CurrencyUnknownError, match=r"a bare \$ does not say which dollar"):
        _ingest(con, tmp_path, text)
    with pytest.raises(IngestError, match=r"written with \$ but the statement's currency is CNY"):
        _ingest(con, tmp_path, text, currency="CNY")
    _ingest(con, tmp_path, text, currency="USD")
    assert [a for _, a, _ in _lines(con)] == [Decimal("1234.56"), Decimal("-15.00")]


def test_marks_of_two_currencies_refuse_the_file(con, tmp_path):
    with pytest.raises(IngestError, match=r"marked in several currencies \(EUR, GBP\)"):
        _ingest(con, tmp_path, EN + "2026-06-01,A,£12.00\n2026-06-02,B,€13.00\n")


def test_a_mark_against_the_lines_currency_cell_is_a_reject(con, tmp_path):
    text = (
        "交易日期,流水号,交易金额,币种\n2026-06-01,R1,$12.00,人民币\n2026-06-02,R2,￥13.00,人民币\n"
        "2026-06-03,R3,US$14.00,美元\n"
    )
    f = _ingest(con, tmp_path, text)
    assert _lines(con) == [
        (date(2026, 6, 2), Decimal("13.00"), "CNY"),
        (date(2026, 6, 3), Decimal("14.00"), "USD"),
    ]
    assert [(r["line"], r["reason"]) for r in f.rejects] == [
        (2, "交易金额 is marked in another currency than the line's")
    ]


@pytest.mark.parametrize("written", ["3 May 2027", '"May 3, 2027"', "03-May-2027", "03-May-27"])
def test_a_month_name_date_is_read(con, tmp_path, written):
    _ingest(con, tmp_path, EN + f"{written},A,12.00\n", currency="USD")
    assert _lines(con) == [(date(2027, 5, 3), Decimal("12.00"), "USD")]


BALANCES = [
    (EN + "Opening balance,,100.00\n2026-06-01,A,12.00\nTotal,,12.00\nClosing balance,,112.00\n",
     {"balance lines (opening / closing balance)": 2, "totals rows": 1}),
    ("Buchungstag;Verwendungszweck;Betrag\n01.06.2026;A;12,00\nSumme;;12,00\nEndsaldo;;112,00\n"
     "Kontostand;;112,00\n",
     {"balance lines (opening / closing balance)": 2, "totals rows": 1}),
]  # fmt: skip


@pytest.mark.parametrize(("text", "skipped"), BALANCES)
def test_balance_lines_are_skipped_and_counted_not_rejects(con, tmp_path, text, skipped):
    currency = "EUR" if "Buchungstag" in text else "USD"
    f = _ingest(con, tmp_path, text, currency=currency)
    assert _lines(con) == [(date(2026, 6, 1), Decimal("12.00"), currency)]
    assert (f.rows_rejected, f.skipped) == (0, skipped)


@pytest.mark.parametrize(("cell", "reason"), [("-0.00", "no amount in Amount"),
                                              ("46510", "bad timestamp in Date: '46510'")])  # fmt: skip
def test_negative_zero_and_an_excel_serial_date_are_rejects(con, tmp_path, cell, reason):
    row = f"2026-06-01,A,{cell}\n" if cell == "-0.00" else f"{cell},A,12.00\n"
    f = _ingest(con, tmp_path, EN + row + "2026-06-02,B,5.00\n", currency="USD")
    assert _lines(con) == [(date(2026, 6, 2), Decimal("5.00"), "USD")]
    assert [r["line"] for r in f.rejects] == [2] and reason in f.rejects[0]["reason"]
