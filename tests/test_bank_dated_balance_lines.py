"""A balance line that carries a date and an amount is a balance, never money (session 15).

Before: ``2026-06-01,Opening Balance,1000.00`` parsed like any line and loaded as 1,000.00 of
money in; a balance equal to an order's total could close that order green. Session 14 only
skipped balance lines that were rejects anyway (no date). Now a loaded line whose description
or payer is a balance label and nothing else (a date or "as of …" may follow) is skipped and
counted; a payment whose memo merely starts with such words stays. Files written by hand.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from tests.bank_files import ingest_text as _ingest

SKIPPED = "balance lines (opening / closing balance)"


def _lines(con) -> list[tuple]:
    return con.execute(
        "select booked_at::date, amount, memo from bank_transactions order by booked_at, amount"
    ).fetchall()


DATED = [
    pytest.param(
        "Date,Description,Amount,Balance\n2026-06-01,Opening Balance,1000.00,1000.00\n"
        "2026-06-02,SO123 payment,12.00,1012.00\n2026-06-30,Closing Balance,1012.00,1012.00\n",
        "USD",
        id="english",
    ),
    pytest.param(
        "Date,Description,Amount\n2026-06-01,OPENING BALANCE 01/06/2026,1000.00\n"
        "2026-06-02,SO123 payment,12.00\n2026-06-30,Closing balance as of 30 Jun 2026,1012.00\n",
        "USD",
        id="english-dated-label",
    ),
    pytest.param(
        "交易日期,摘要,收入金额,支出金额,余额\n2026-06-01,期初余额,1000.00,,1000.00\n"
        "2026-06-02,SO123 payment,12.00,,1012.00\n2026-06-30,期末余额：,1012.00,,1012.00\n",
        "CNY",
        id="chinese",
    ),
    pytest.param(
        "Buchungstag;Verwendungszweck;Betrag\n01.06.2026;Anfangssaldo;1.000,00\n"
        "02.06.2026;SO123 payment;12,00\n30.06.2026;Endsaldo;1.012,00\n",
        "EUR",
        id="german",
    ),
]


@pytest.mark.parametrize(("text", "currency"), DATED)
def test_a_dated_balance_line_is_skipped_not_loaded_as_money(con, tmp_path, text, currency):
    f = _ingest(con, tmp_path, text, currency=currency)
    assert _lines(con) == [(date(2026, 6, 2), Decimal("12.00"), "SO123 payment")]
    assert (f.rows_loaded, f.rows_rejected, f.skipped) == (1, 0, {SKIPPED: 2})


def test_a_payment_whose_memo_starts_with_balance_words_stays(con, tmp_path):
    text = (
        "Date,Description,Amount\n2026-06-01,Opening balance refund to J. Doe,-30.00\n"
        "2026-06-02,Balance due SO123,12.00\n"
    )
    f = _ingest(con, tmp_path, text, currency="USD")
    assert [r[1] for r in _lines(con)] == [Decimal("-30.00"), Decimal("12.00")]
    assert f.skipped == {}
