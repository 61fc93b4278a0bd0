"""Leftovers of session 26's statement set 17 (recon27): two-digit Buddhist-era years and quotes
inside an unquoted cell.

Every file here is invented (made-up banks' layouts, payers, numbers and month):

* a Thai export writing ``15/03/69``: 2569 of the Buddhist era (2026) when the statement's other
  dates say so, or the user declares it; refused when nothing says which era (it was read as
  2069, out of every period); other files' two-digit years stay 20yy;
* a Ukrainian payer ``ТОВ "ДНІПРО АГРО"`` written in an unquoted cell kept its opening quote and
  lost the closing one.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from connectors.errors import IngestError
from tests.bank_files import ingest_text


def _days(con) -> list[tuple]:
    return con.execute(
        "select booked_at::date::varchar, amount from bank_transactions order by booked_at, amount"
    ).fetchall()


THAI_HEAD = "วันที่,รายการ,ถอนเงิน,ฝากเงิน,ยอดคงเหลือ,รายละเอียด\n"
THAI_ROWS = (
    '15/03/67,รับโอนเงิน,"","3,150.00","53,150.00",รับโอนจาก บจก. ลำปางเซรามิค\n'
    '29/02/67,ค่าธรรมเนียม,"20.00","","53,130.00",ค่าธรรมเนียมโอนเงิน\n'
)


def test_two_digit_years_of_a_buddhist_era_statement(con, tmp_path):
    # the period line above the table writes the era's full years: 67 is 2567, that is 2024
    # (and 29/02/67 is 29 Feb 2024, a leap day that 2067 does not have)
    text = "ระหว่างวันที่ 01/02/2567 - 31/03/2567\n" + THAI_HEAD + THAI_ROWS
    report = ingest_text(con, tmp_path, text, currency="THB")
    assert (report.rows_loaded, report.rows_rejected) == (2, 0)
    assert _days(con) == [("2024-02-29", Decimal("-20.00")), ("2024-03-15", Decimal("3150.00"))]


def test_full_buddhist_era_dates_in_the_column_decide_the_short_ones(con, tmp_path):
    text = THAI_HEAD + THAI_ROWS + '20/03/2567,รับโอนเงิน,"","100.00","53,230.00",x\n'
    report = ingest_text(con, tmp_path, text, currency="THB")
    assert report.rows_loaded == 3
    assert _days(con)[-1] == ("2024-03-20", Decimal("100.00"))
    assert ("2024-03-15", Decimal("3150.00")) in _days(con)


def test_a_thai_export_that_does_not_say_the_era_is_refused(con, tmp_path):
    with pytest.raises(
        IngestError, match=r"2067, or 2567 of the Buddhist era \(2024\).*--date-era"
    ):
        ingest_text(con, tmp_path, THAI_HEAD + THAI_ROWS.splitlines()[0] + "\n", currency="THB")


def test_the_declared_era_reads_them(con, tmp_path):
    text = THAI_HEAD + THAI_ROWS.splitlines()[0] + "\n"
    ingest_text(con, tmp_path, text, currency="THB", date_era="buddhist")
    assert _days(con) == [("2024-03-15", Decimal("3150.00"))]


def test_the_declared_gregorian_era_reads_them_as_this_century(con, tmp_path):
    text = THAI_HEAD + THAI_ROWS.splitlines()[0] + "\n"
    ingest_text(con, tmp_path, text, currency="THB", date_era="gregorian")
    assert _days(con) == [("2067-03-15", Decimal("3150.00"))]


def test_both_eras_written_in_full_refuse_the_file(con, tmp_path):
    text = (
        "Period 01/03/2024 - 31/03/2024\n"
        + THAI_HEAD
        + THAI_ROWS
        + ('20/03/2567,รับโอนเงิน,"","100.00","53,230.00",x\n')
    )
    with pytest.raises(IngestError, match="both in the Buddhist era"):
        ingest_text(con, tmp_path, text, currency="THB")


def test_a_thai_export_with_gregorian_full_dates_keeps_this_century(con, tmp_path):
    # a Thai bank's English-mode export: the period is written in Gregorian years
    text = "Period 01/03/2067 - 31/03/2067\n" + THAI_HEAD + THAI_ROWS.splitlines()[0] + "\n"
    ingest_text(con, tmp_path, text, currency="THB")
    assert _days(con) == [("2067-03-15", Decimal("3150.00"))]


def test_dotted_buddhist_era_short_years(con, tmp_path):
    text = (
        "ระหว่างวันที่ 01.03.2569 - 31.03.2569\n"
        + THAI_HEAD.replace(",", ";")
        + ("15.03.69;รับโอนเงิน;;3150,00;53150,00;x\n")
    )
    ingest_text(con, tmp_path, text, currency="THB")
    assert _days(con) == [("2026-03-15", Decimal("3150.00"))]


def test_other_files_two_digit_years_are_unchanged(con, tmp_path):
    # probe: no Thai script, no era written: 05-03-27 with 25-03-27 beside it is March 2027
    text = (
        "Date,Description,Debit,Credit,Currency\n"
        "05/03/27,Transfer,,100.00,USD\n"
        "25/03/27,Fee,2.00,,USD\n"
    )
    ingest_text(con, tmp_path, text)
    assert _days(con) == [("2027-03-05", Decimal("100.00")), ("2027-03-25", Decimal("-2.00"))]


def test_quotes_inside_an_unquoted_cell_are_kept(con, tmp_path):
    text = (
        "Дата операції;Контрагент;Призначення платежу;Дебет;Кредит;Валюта\n"
        '04.03.2035;ТОВ "ДНІПРО АГРО";Оплата за рахунком 304;;18 400,00;UAH\n'
        '05.03.2035;"ТОВ ""ЛАН""";Оплата;;100,00;UAH\n'
        '06.03.2035;ФОП Петренко";Оплата;;200,00;UAH\n'
    )
    report = ingest_text(con, tmp_path, text)
    assert report.rows_loaded == 3
    names = con.execute("select counterparty_name from bank_transactions order by booked_at")
    assert names.fetchall() == [('ТОВ "ДНІПРО АГРО"',), ('ТОВ "ЛАН"',), ("ФОП Петренко",)]


def test_a_quoted_cell_with_the_delimiter_inside_an_unquoted_one_is_a_reject(con, tmp_path):
    # ТОВ "ДНІПРО;АГРО" opens no quoted field (the quote is not the cell's first character):
    # the ';' splits the line into one cell too many, a reject naming its line
    text = (
        "Дата операції;Контрагент;Призначення платежу;Дебет;Кредит;Валюта\n"
        '04.03.2035;ТОВ "ДНІПРО;АГРО";Оплата;;18 400,00;UAH\n'
        "05.03.2035;ТОВ Лан;Оплата;;100,00;UAH\n"
    )
    report = ingest_text(con, tmp_path, text)
    assert (report.rows_loaded, report.rows_rejected) == (1, 1)
    rejects = (tmp_path / "rej").glob("*.csv")
    assert any("2" in p.read_text() for p in rejects)
