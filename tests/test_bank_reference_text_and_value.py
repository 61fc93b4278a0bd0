"""A serial-named column of words, and ``Value`` as the amount (session 20, reconblind20).

* A UK bank's ``Reference`` (Starling, Monzo) is what the payer typed (``INV 20417``); read as
  the bank's serial it never reached the memo, so the order number in it was lost to the
  matcher. A serial-named column whose values hold a space between words is now read into the
  memo and is not the serial; a column of single tokens stays the serial.
* ``Value`` alone beside ``Balance`` is the line's signed amount (NatWest / RBS); the file was
  refused as naming no amount column. ``Value Date`` stays no role.
Statements written by hand for these tests.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from connectors.errors import IngestError
from tests.bank_files import ingest_text


def _lines(con) -> list[tuple]:
    return con.execute(
        "select bank_ref, amount, counterparty_name, memo from bank_transactions "
        "order by booked_at, amount"
    ).fetchall()


def test_a_reference_of_words_is_the_payers_text_not_the_serial(con, tmp_path):
    text = (
        "Date,Counter Party,Reference,Type,Amount (GBP),Balance (GBP)\n"
        "02/04/2031,KESTREL FOODS LTD,INV KF310402,FASTER PAYMENT,640.25,1640.25\n"
        "15/04/2031,Bank,Monthly fee,FEE,-6.00,1634.25\n"
    )
    f = ingest_text(con, tmp_path, text)
    assert (f.rows_loaded, f.rows_rejected) == (2, 0)
    assert _lines(con) == [
        (None, Decimal("640.25"), "KESTREL FOODS LTD", "INV KF310402"),
        (None, Decimal("-6.00"), "Bank", "Monthly fee"),
    ]


def test_a_reference_of_single_tokens_stays_the_serial(con, tmp_path):
    """The one-word difference: the same column holding bank keys, no spaces."""
    text = (
        "Posting Date,Description,Reference,Debit,Credit,Currency\n"
        "04/22/2031,KESTREL FOODS KF310402,FT3110512345,,640.25,USD\n"
        "04/23/2031,Service charge,FT3110519876,6.00,,USD\n"
    )
    ingest_text(con, tmp_path, text)
    assert _lines(con) == [
        ("FT3110512345", Decimal("640.25"), None, "KESTREL FOODS KF310402"),
        ("FT3110519876", Decimal("-6.00"), None, "Service charge"),
    ]


def test_a_serial_with_words_on_one_line_only_is_still_text(con, tmp_path):
    """One line of words is enough: a bank key never holds a space."""
    text = (
        "交易日期,交易流水号,交易金额,对方户名\n"
        "2031-04-02,A1,100.00,甲公司\n"
        "2031-04-03,货款 四月,200.00,乙公司\n"
    )
    ingest_text(con, tmp_path, text, currency="CNY")
    assert [(r[0], r[3]) for r in _lines(con)] == [(None, "A1"), (None, "货款 四月")]


def test_value_beside_balance_is_the_signed_amount(con, tmp_path):
    text = (
        "Date, Type, Description, Value, Balance, Account Name\n"
        '"03/04/2031",BAC,"\'KESTREL FOODS LTD , KF310402",640.25,2640.25,"\'CURRENT"\n'
        '"14/04/2031",D/D,"\'WATER CO",-42.10,2598.15,"\'CURRENT"\n'
    )
    f = ingest_text(con, tmp_path, text, currency="GBP")
    assert (f.rows_loaded, f.rows_rejected) == (2, 0)
    assert [r[1] for r in _lines(con)] == [Decimal("640.25"), Decimal("-42.10")]
    assert any("'Value' as the amount" in n for n in f.notes)


def test_value_date_alone_is_still_no_amount(con, tmp_path):
    text = "Date,Value Date,Description\n03/04/2031,04/04/2031,KESTREL FOODS\n"
    with pytest.raises(IngestError, match="one amount column"):
        ingest_text(con, tmp_path, text, currency="GBP")
