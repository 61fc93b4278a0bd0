"""Export shapes the sixteenth blind set (``recon_independent16``, session 25) found unread.

Every file here is invented (made-up banks, payers and numbers, not the set's files):

* a Czech Windows-1250 download writing three accented letters in a row (``příští``, a payer
  ``ŠŤÁVA``): refused (cp1252 cannot decode ``Ť``) or read as cp1252 — left from session 24;
* a Hungarian Windows-1250 download whose header reads alike in cp1252 (``Könyvelés dátuma``,
  ``Összeg``): the tie went to cp1252 and ``GYŐRI`` became ``GYÕRI``; its dates
  ``2031.04.03.`` (year first, a closing dot) were rejects;
* Turkish ``Borç`` / ``Alacak`` (debit / credit) columns — left from session 24 — and
  ``Fiş No`` (the bank's voucher number);
* a Greek Windows-1253 download (``Ημερομηνία``, ``Χρέωση`` / ``Πίστωση``, ``Αριθμός
  συναλλαγής``), and a Greek one-amount file with a ``Χ/Π`` (debit/credit) column;
* a Romanian export stating its currency only below the table (``Moneda,RON``), with
  ``Data tranzactie`` / ``Descriere`` / ``Sold`` headers.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from connectors.errors import IngestError
from connectors.sources._text import _plausible_latin_words
from tests.bank_files import ingest_path, ingest_text


def _lines(con) -> list[tuple]:
    return con.execute(
        "select booked_at::date::varchar, amount, currency, counterparty_name, memo, bank_ref "
        "from bank_transactions order by booked_at, amount"
    ).fetchall()


CZECH_RUNS = (
    "Datum zaúčtování;Název protiúčtu;Částka;Měna;Zpráva pro příjemce\n"
    "03.04.2031;ŠŤÁVA TRUHLÁŘSTVÍ s.r.o.;1520,00;CZK;Záloha na příští dodávku RB310401\n"
    "09.04.2031;;-29,00;CZK;poplatek\n"
)


def test_a_cp1250_file_with_three_accented_letters_in_a_row_is_read_as_cp1250(con, tmp_path):
    path = tmp_path / "pohyby.csv"
    path.write_bytes(CZECH_RUNS.encode("cp1250"))
    report = ingest_path(con, path, tmp_path)
    assert (report.rows_loaded, report.rows_rejected) == (2, 0)
    assert _lines(con) == [
        ("2031-04-03", Decimal("1520.00"), "CZK", "ŠŤÁVA TRUHLÁŘSTVÍ s.r.o.",
         "Záloha na příští dodávku RB310401", None),
        ("2031-04-09", Decimal("-29.00"), "CZK", None, "poplatek", None),
    ]  # fmt: skip


def test_gbk_bytes_read_as_a_latin_code_page_are_still_no_latin_words():
    # probe: what the three-in-a-row rule guarded against still fails: Chinese read as cp1250
    # (four high bytes in a row for two characters) and a run whose letters change case
    mojibake = "苏州恒达,货款".encode("gbk").decode("cp1250", errors="replace")
    assert not _plausible_latin_words(mojibake)
    assert not _plausible_latin_words("xŐĹčy")
    assert _plausible_latin_words("ŠŤÁVA s.r.o.;příští")


HUNGARIAN = (
    "Számlaszám;11700000-12345678\n"
    "Könyvelés dátuma;Értéknap;Összeg;Partner neve;Közlemény;Tranzakció azonosító\n"
    "2031.04.03.;2031.04.02.;4 250,00;GYŐRI FŰRÉSZÁRU KFT.;számla RB310403;HU310403001\n"
    "2031.04.09.;2031.04.09.;-1 250,00;;Számlavezetési díj;HU310409002\n"
)


def test_a_hungarian_cp1250_file_is_not_read_as_cp1252_and_its_dotted_dates_are_read(con, tmp_path):
    path = tmp_path / "tranzakciok.csv"
    path.write_bytes(HUNGARIAN.encode("cp1250"))
    report = ingest_path(con, path, tmp_path, currency="HUF")
    assert (report.rows_loaded, report.rows_rejected) == (2, 0)
    # the booking date, not the value date (Értéknap); Tranzakció azonosító is the serial
    assert _lines(con) == [
        ("2031-04-03", Decimal("4250.00"), "HUF", "GYŐRI FŰRÉSZÁRU KFT.", "számla RB310403",
         "HU310403001"),
        ("2031-04-09", Decimal("-1250.00"), "HUF", None, "Számlavezetési díj", "HU310409002"),
    ]  # fmt: skip


def test_a_portuguese_cp1252_file_stays_cp1252(con, tmp_path):
    # probe: ``õ`` reads as the Hungarian ``ő`` in cp1250, but the file is not Hungarian
    text = (
        "Data;Histórico;Valor;Moeda\n"
        "23/04/2031;Transferência recebida Informações João RB1;1.250,00;BRL\n"
        "24/04/2031;Tarifa de manutenção;-25,00;BRL\n"
    )
    path = tmp_path / "extrato.csv"
    path.write_bytes(text.encode("cp1252"))
    ingest_path(con, path, tmp_path)
    memos = [m for *_, m, _ in _lines(con)]
    assert memos == ["Transferência recebida Informações João RB1", "Tarifa de manutenção"]


TURKISH_SIDES = (
    "İşlem Tarihi;Açıklama;Borç;Alacak;Bakiye;Fiş No\n"
    "04.04.2031;GELEN EFT KARADUT FIRINCILIK RB310404;;1.325,50;21.325,50;7710001\n"
    "07.04.2031;Hesap işletim ücreti;8,00;;21.317,50;7710002\n"
    "08.04.2031;GELEN EFT KARADUT FIRINCILIK;0,00;640,00;21.957,50;7710003\n"
)


def test_turkish_borc_and_alacak_are_money_out_and_in(con, tmp_path):
    path = tmp_path / "hareketler.csv"
    path.write_bytes(TURKISH_SIDES.encode("cp1254"))
    report = ingest_path(con, path, tmp_path, currency="TRY")
    assert (report.rows_loaded, report.rows_rejected) == (3, 0)
    # 0,00 on the other side is no amount there: the line is the non-zero side
    assert _lines(con) == [
        ("2031-04-04", Decimal("1325.50"), "TRY", None, "GELEN EFT KARADUT FIRINCILIK RB310404",
         "7710001"),
        ("2031-04-07", Decimal("-8.00"), "TRY", None, "Hesap işletim ücreti", "7710002"),
        ("2031-04-08", Decimal("640.00"), "TRY", None, "GELEN EFT KARADUT FIRINCILIK", "7710003"),
    ]  # fmt: skip


GREEK = (
    "Νόμισμα;EUR\n"
    "\n"
    "Ημερομηνία;Ημερομηνία αξίας;Αιτιολογία;Αριθμός συναλλαγής;Χρέωση;Πίστωση;Υπόλοιπο\n"
    "03/04/2031;02/04/2031;Έμβασμα ΚΑΡΑΜΑΝΛΗΣ Ο.Ε. RB310403;GR0001;;1.530,00;21.530,00\n"
    "14/04/2031;14/04/2031;Προμήθεια εμβάσματος;GR0002;4,50;;21.525,50\n"
)


def test_a_greek_cp1253_file_is_read_with_its_greek_columns(con, tmp_path):
    path = tmp_path / "kinhseis.csv"
    path.write_bytes(GREEK.encode("cp1253"))
    report = ingest_path(con, path, tmp_path)
    assert (report.rows_loaded, report.rows_rejected) == (2, 0)
    # the date is Ημερομηνία, not the value date; the currency is the Νόμισμα line above
    assert _lines(con) == [
        ("2031-04-03", Decimal("1530.00"), "EUR", None, "Έμβασμα ΚΑΡΑΜΑΝΛΗΣ Ο.Ε. RB310403",
         "GR0001"),
        ("2031-04-14", Decimal("-4.50"), "EUR", None, "Προμήθεια εμβάσματος", "GR0002"),
    ]  # fmt: skip


def test_a_greek_debit_credit_letter_gives_the_direction(con, tmp_path):
    text = (
        "ΗΜ/ΝΙΑ;ΠΕΡΙΓΡΑΦΗ;ΠΟΣΟ;Χ/Π\n"
        "03/04/2031;ΕΜΒΑΣΜΑ RB310403;1.530,00;Π\n"
        "14/04/2031;ΕΞΟΔΑ ΤΗΡΗΣΗΣ;6,00;Χ\n"
    )
    report = ingest_text(con, tmp_path, text, currency="EUR")
    assert (report.rows_loaded, report.rows_rejected) == (2, 0)
    assert [(d, a) for d, a, *_ in _lines(con)] == [
        ("2031-04-03", Decimal("1530.00")),
        ("2031-04-14", Decimal("-6.00")),
    ]


def test_a_greek_direction_letter_it_does_not_know_is_a_reject(con, tmp_path):
    # probe: only Χ and Π are sides; any other value is a reject, never a guess
    text = "Ημ/νία;Περιγραφή;Ποσό;Χ/Π\n13/04/2031;ΕΜΒΑΣΜΑ;1.530,00;Α\n14/04/2031;Τόκοι;2,00;Π\n"
    report = ingest_text(con, tmp_path, text, currency="EUR")
    assert (report.rows_loaded, report.rows_rejected) == (1, 1)


ROMANIAN = (
    "Extras de cont\n"
    "Data tranzactie,Data valuta,Descriere,Debit,Credit,Sold\n"
    '03.04.2031,03.04.2031,Incasare OP CARPATI LEMN SRL RB310403,,"2,740.00","12,740.00"\n'
    '06.04.2031,06.04.2031,Comision administrare cont,9.50,,"12,730.50"\n'
    "\n"
    "Sold final,12730.50\n"
    "Moneda,RON\n"
)


def test_a_currency_stated_below_the_table_is_the_statements(con, tmp_path):
    report = ingest_text(con, tmp_path, ROMANIAN)
    assert report.rows_loaded == 2
    assert _lines(con) == [
        ("2031-04-03", Decimal("2740.00"), "RON", None, "Incasare OP CARPATI LEMN SRL RB310403",
         None),
        ("2031-04-06", Decimal("-9.50"), "RON", None, "Comision administrare cont", None),
    ]  # fmt: skip


def test_a_currency_below_the_table_contradicting_the_given_one_refuses_the_file(con, tmp_path):
    # probe: the footer's RON is a statement of the file, checked like a line above the table
    with pytest.raises(IngestError, match="RON"):
        ingest_text(con, tmp_path, ROMANIAN, currency="EUR")


def test_without_a_footer_the_romanian_file_still_states_no_currency(con, tmp_path):
    # probe: nothing else in the file says RON: it is refused asking for --currency
    text = ROMANIAN.replace("Moneda,RON\n", "")
    with pytest.raises(IngestError, match="does not say its currency"):
        ingest_text(con, tmp_path, text)


def test_a_full_width_currency_line_below_the_table_is_counted_not_rejected(con, tmp_path):
    text = (
        "Data tranzactie,Data valuta,Descriere,Debit,Credit,Sold\n"
        '03.04.2031,03.04.2031,Incasare RB310403,,"2,740.00","12,740.00"\n'
        "Sold final,,,,,12740.00\n"
        "Moneda,RON,,,,\n"
    )
    report = ingest_text(con, tmp_path, text)
    assert (report.rows_loaded, report.rows_rejected) == (1, 0)
    assert report.skipped == {
        "balance lines (opening / closing balance)": 1,
        "currency lines (the statement's currency, below the table)": 1,
    }


def test_a_time_written_hhmmss_is_joined_to_the_day(con, tmp_path):
    # 交易时间 without colons (and with its leading zero dropped, as Excel saves it): the
    # minutes tell two identical payments apart (the duplicate rule) and order a day's lines
    text = (
        "币种：人民币\n"
        "记账日期,交易时间,交易流水号,借贷标志,交易金额,对方账户名称,用途\n"
        '20310406,093000,S1,贷,"3,050.00",杭州远达汽配有限公司,货款\n'
        '20310406,93410,S2,贷,"3,050.00",杭州远达汽配有限公司,货款\n'
        '20310407,256100,S3,贷,"1.00",杭州远达汽配有限公司,货款\n'
    )
    ingest_text(con, tmp_path, text)
    got = con.execute("select bank_ref, booked_at::varchar from bank_transactions order by 1")
    assert got.fetchall() == [
        ("S1", "2031-04-06 09:30:00"),
        ("S2", "2031-04-06 09:34:10"),
        ("S3", "2031-04-07 00:00:00"),  # no time of day: the day alone, as before
    ]
