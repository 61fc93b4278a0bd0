"""``12.345`` beside ``12.00`` in one amount column: refused naming the line and why (session 15).

Before: the file was refused as "written in two number formats (1.234,56 and 1,234.56)", which
is true under one reading but tells the user nothing of the real trap — a three-decimal amount
in a currency with cents. Now the message names the line, says it has 3 decimals where the
currency and the rest of the file have 2, that nothing was rounded, and what to do (correct the
line, or ``--amount-format 1.234,56`` if the point groups thousands). Files written by hand.
"""

from __future__ import annotations

import pytest

from connectors.errors import IngestError
from tests.bank_files import ingest_text as _ingest

EN = "Date,Description,Amount\n"


@pytest.mark.parametrize(
    "options", [{"currency": "USD"}, {"currency": "USD", "amount_format": "1,234.56"}]
)
def test_a_three_decimal_amount_beside_cents_names_the_line_and_why(con, tmp_path, options):
    text = EN + "2026-06-01,A,12.00\n2026-06-02,B,12.345\n"
    with pytest.raises(IngestError) as err:
        _ingest(con, tmp_path, text, **options)
    msg = str(err.value)
    assert "line 3 writes '12.345', an amount with 3 decimals, but USD has 2" in msg
    assert "(line 2 writes '12.00')" in msg and "not rounded and nothing was loaded" in msg
    assert "--amount-format 1.234,56" in msg
    assert con.execute("select count(*) from bank_transactions").fetchone() == (0,)


def test_the_currency_stated_by_the_file_is_named(con, tmp_path):
    text = "交易日期,摘要,收入金额(元),支出金额(元)\n2026-06-01,A,12.00,\n2026-06-02,B,,8.125\n"
    with pytest.raises(
        IngestError, match=r"line 3 writes '8.125', an amount with 3 decimals, but CNY has 2"
    ):
        _ingest(con, tmp_path, text)


def test_a_real_second_number_format_keeps_its_message(con, tmp_path):
    text = EN + '2026-06-01,A,12.00\n2026-06-02,B,"2.200,00"\n'
    with pytest.raises(IngestError, match=r"line 3 writes '2.200,00' \(number format 1.234,56\)"):
        _ingest(con, tmp_path, text, currency="USD")
