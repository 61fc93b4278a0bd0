"""Export shapes the fourteenth blind set (``recon_independent14``, session 23) found unread.

Every file here is invented (made-up banks, payers and numbers, not the set's files):

* a Swiss cantonal bank's ``Betrag CHF`` / ``Saldo CHF`` (the currency written bare after the
  name, no ``in``) named no amount column: the file was refused;
* a Brazilian ``Valor (R$)`` (the real's sign in brackets) and Portuguese names (``Histórico``,
  ``Lançamento``) were not known, and the extrato's ``Saldo Anterior`` / ``S A L D O`` rows
  (balances, the second with its amount and a ``C``) would have loaded as money;
* a Korean download (EUC-KR) decoded as GBK mojibake, its Hangul headers (``거래일시``,
  ``입금액(원)``) were not known, and its ``2030.03.04 10:12:40`` dates did not parse;
* Polish (``Data operacji``, ``Kwota``, ``Waluta``) and Norwegian (``Dato``, ``Inn på konto``)
  headers named no date column;
* a rejected line's reason named the list name a column was renamed to (``bad amount in
  Credit``), not the user's own header (session 22's note: ``預かり金額`` → ``贷方发生额``).
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from connectors.errors import IngestError
from tests.bank_files import ingest_path, ingest_text


def _lines(con) -> list[tuple]:
    return con.execute(
        "select booked_at::date::varchar, amount, currency, memo "
        "from bank_transactions order by booked_at, amount"
    ).fetchall()


CANTONAL = (
    '"Konto";"CH44 0000 1111 2222 3333 4"\n'
    "\n"
    '"Buchungsdatum";"Valuta";"Buchungstext";"Mitteilung";"Betrag CHF";"Saldo CHF"\n'
    '"06.05.2030";"06.05.2030";"Gutschrift";"HASELHOF GARTENBAU QV300501882";"2\'140.00";"12\'140.00"\n'
    '"09.05.2030";"08.05.2030";"Spesen";"Kontoführung";"-7.50";"12\'132.50"\n'
)


def test_a_bare_iso_code_after_a_money_name_is_the_amounts_currency(con, tmp_path):
    report = ingest_text(con, tmp_path, CANTONAL)
    assert (report.rows_loaded, report.rows_rejected) == (2, 0)
    assert _lines(con) == [
        ("2030-05-06", Decimal("2140.00"), "CHF", "Gutschrift HASELHOF GARTENBAU QV300501882"),
        ("2030-05-09", Decimal("-7.50"), "CHF", "Spesen Kontoführung"),
    ]


def test_a_currency_flag_against_the_bare_code_is_refused(con, tmp_path):
    # probe: --currency EUR for a file whose amount header says CHF is never read as EUR
    with pytest.raises(IngestError, match="CHF"):
        ingest_text(con, tmp_path, CANTONAL, currency="EUR")
    assert _lines(con) == []


def test_a_bare_code_after_a_name_that_is_no_money_states_nothing(con, tmp_path):
    # probe: ``Name BIC`` is a text column, not an amount in BIC; the file states no currency
    text = "Buchungsdatum;Name BIC;Betrag\n06.05.2030;HASELHOF GARTENBAU;2140,00\n"
    with pytest.raises(IngestError, match="currency"):
        ingest_text(con, tmp_path, text)


EXTRATO = (
    "Extrato de conta corrente\n"
    "Data;Lançamento;Histórico;Valor (R$);D/C;Saldo (R$)\n"
    "30/04/2030;Saldo Anterior;;;;5.000,00\n"
    "03/05/2030;TED Recebida;ARAUCARIA MOVEIS QV300502114;1.870,00;C;6.870,00\n"
    "07/05/2030;Tarifa;Tarifa de manutenção;32,50;D;6.837,50\n"
    "10/05/2030;Pix - Recebido;SALDO DO PEDIDO QV300502115;610,00;C;7.447,50\n"
    "31/05/2030;S A L D O;;7.447,50;C;\n"
)


def test_a_brazilian_extrato_is_read_in_reais_without_its_balance_rows(con, tmp_path):
    report = ingest_text(con, tmp_path, EXTRATO)
    assert (report.rows_loaded, report.rows_rejected) == (3, 0)
    assert _lines(con) == [
        ("2030-05-03", Decimal("1870.00"), "BRL", "ARAUCARIA MOVEIS QV300502114 TED Recebida"),
        ("2030-05-07", Decimal("-32.50"), "BRL", "Tarifa de manutenção Tarifa"),
        # probe: a payment whose text starts with SALDO but says more is money, not a balance
        ("2030-05-10", Decimal("610.00"), "BRL", "SALDO DO PEDIDO QV300502115 Pix - Recebido"),
    ]
    assert sum(report.skipped.values()) == 2  # Saldo Anterior and S A L D O: balance lines


KOREAN = (
    "거래내역조회\n"
    "거래일시,적요,보낸분/받는분,송금메모,출금액(원),입금액(원),잔액(원),거래점\n"
    '2030.05.04 10:12:40,타행이체,주식회사새봄기공,QV300503301,"0","1,960","101,960",본점\n'
    '2030.05.06 09:00:01,수수료,,이체수수료,"500","0","101,460",본점\n'
    '2030.05.08 11:30:00,타행이체,주식회사새봄기공,선급금,"0","3,4,000","135,460",본점\n'
)


def test_a_korean_download_is_read_with_its_hangul_headers(con, tmp_path):
    path = tmp_path / "거래내역.csv"
    path.write_bytes(KOREAN.encode("cp949"))
    report = ingest_path(con, path, tmp_path, currency="KRW")
    assert (report.rows_loaded, report.rows_rejected) == (2, 1)
    rows = con.execute(
        "select booked_at::varchar, amount, currency, counterparty_name, memo "
        "from bank_transactions order by booked_at"
    ).fetchall()
    assert rows == [
        ("2030-05-04 10:12:40", Decimal("1960.00"), "KRW", "주식회사새봄기공",
         "타행이체 QV300503301"),
        ("2030-05-06 09:00:01", Decimal("-500.00"), "KRW", None, "수수료 이체수수료"),
    ]  # fmt: skip
    # the reject names the user's own header, not the list name it was read as (Credit)
    reason = str(report.rejects[0])
    assert "입금액(원)" in reason and "in Credit" not in reason


def test_a_gbk_chinese_file_is_not_taken_for_korean(con, tmp_path):
    # probe: Chinese bytes that cp949 also decodes stay Chinese (their header reads as GBK)
    text = "交易日期,摘要,借方金额,贷方金额,余额\n2030-05-04,货款 QV300503301,,1960.00,101960.00\n"
    path = tmp_path / "明细.csv"
    path.write_bytes(text.encode("gbk"))
    report = ingest_path(con, path, tmp_path, currency="CNY")
    assert report.rows_loaded == 1
    assert _lines(con) == [("2030-05-04", Decimal("1960.00"), "CNY", "货款 QV300503301")]


def test_polish_headers_and_non_breaking_space_thousands(con, tmp_path):
    text = (
        '"Data operacji","Data waluty","Typ transakcji","Kwota","Waluta","Opis transakcji"\n'
        '"2030-05-02","2030-05-03","Przelew na konto","+2\u00a0310,00","PLN","Tytuł: QV300501990"\n'
        '"2030-05-05","2030-05-05","Opłata","-9,00","PLN","Opłata za przelew"\n'
    )
    report = ingest_text(con, tmp_path, text)
    assert report.rows_loaded == 2
    assert _lines(con) == [
        ("2030-05-02", Decimal("2310.00"), "PLN", "Tytuł: QV300501990 Przelew na konto"),
        ("2030-05-05", Decimal("-9.00"), "PLN", "Opłata za przelew Opłata"),
    ]


def test_norwegian_headers_book_on_the_date_not_the_interest_date(con, tmp_path):
    text = (
        '"Dato";"Forklaring";"Rentedato";"Ut fra konto";"Inn på konto"\n'
        '"04.05.2030";"Giro TINDVIK AS QV300501440";"06.05.2030";"";"1440,00"\n'
        '"07.05.2030";"Gebyr";"07.05.2030";"25,00";""\n'
    )
    report = ingest_text(con, tmp_path, text, currency="NOK")
    assert report.rows_loaded == 2
    assert _lines(con) == [
        ("2030-05-04", Decimal("1440.00"), "NOK", "Giro TINDVIK AS QV300501440"),
        ("2030-05-07", Decimal("-25.00"), "NOK", "Gebyr"),
    ]


def test_a_reject_names_the_users_header_not_the_name_it_was_read_as(con, tmp_path):
    # session 22: a Japanese 預かり金額 is read as 贷方发生额, and the reject said so
    text = (
        "日付,摘要,摘要内容,支払い金額,預かり金額,差引残高\n"
        '2030/5/4,振込,ｾｲﾗﾝｼｮｳｼﾞ(ｶ QV300503301,,"1,960","101,960"\n'
        '2030/5/6,振込,ｾｲﾗﾝｼｮｳｼﾞ(ｶ,,"1,2345","114,305"\n'
    )
    path = tmp_path / "meisai.csv"
    path.write_bytes(text.encode("cp932"))
    report = ingest_path(con, path, tmp_path, currency="JPY")
    assert (report.rows_loaded, report.rows_rejected) == (1, 1)
    reason = str(report.rejects[0])
    assert "bad amount in 預かり金額: '1,2345'" in reason and "贷方发生额" not in reason


def test_a_shift_jis_file_of_kanji_only_is_read_as_japanese(con, tmp_path):
    # no half-width katakana: GBK decodes the bytes too (into other characters); the reading
    # whose header names the columns wins
    text = (
        '日付,摘要,支払い金額,預かり金額,差引残高\n2030/5/4,振込 QV300503301,,"1,960","101,960"\n'
    )
    path = tmp_path / "meisai.csv"
    path.write_bytes(text.encode("cp932"))
    report = ingest_path(con, path, tmp_path, currency="JPY")
    assert report.rows_loaded == 1
    assert _lines(con) == [("2030-05-04", Decimal("1960.00"), "JPY", "振込 QV300503301")]
