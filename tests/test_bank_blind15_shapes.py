"""Export shapes the fifteenth blind set (``recon_independent15``, session 24) found unread.

Every file here is invented (made-up banks, payers and numbers, not the set's files):

* a Central European download in Windows-1250 (Polish ``Data księgowania``, Czech ``částka``)
  read as cp1252 mojibake, and its header named nothing: the file was refused;
* Swedish, Finnish, Czech and Turkish column names (``Bokföringsdag``, ``Belopp``,
  ``Kirjauspäivä``, ``Määrä EUROA``, ``datum zaúčtování``, ``Tarih``, ``Tutar``) named no date
  or amount column; a value date (``Valutadag``, ``Arvopäivä``) must never be taken as the date;
* ``Kwota transakcji (waluta rachunku)``: a listed name followed by a note of its currency;
* a Turkish export writing ``4.250,00 TL`` on every amount: each line was a reject;
* six ``1.234,56`` values with one ``2,100.00`` and one ``2,100``: refused whole (the other
  format had to be ten times rarer to be strays); now those two are rejects, the rest is read;
* the rejects CSV's ``raw`` column keyed by the list names columns were renamed to.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from connectors.errors import IngestError
from tests.bank_files import ingest_path, ingest_text


def _lines(con) -> list[tuple]:
    return con.execute(
        "select booked_at::date::varchar, amount, currency, counterparty_name, memo "
        "from bank_transactions order by booked_at, amount"
    ).fetchall()


CZECH = (
    "datum zaúčtování;částka;měna;zůstatek;název účtu protiúčtu;poznámka\n"
    "03.04.2031;1520,00;CZK;41520,00;ŠUMAVA TRUHLÁŘSTVÍ s.r.o.;úhrada RB310401\n"
    "09.04.2031;-29,00;CZK;41491,00;;poplatek za vedení\n"
)


def test_a_cp1250_czech_download_is_read_in_its_own_encoding(con, tmp_path):
    path = tmp_path / "pohyby.csv"
    path.write_bytes(CZECH.encode("cp1250"))
    report = ingest_path(con, path, tmp_path)
    assert (report.rows_loaded, report.rows_rejected) == (2, 0)
    assert _lines(con) == [
        ("2031-04-03", Decimal("1520.00"), "CZK", "ŠUMAVA TRUHLÁŘSTVÍ s.r.o.", "úhrada RB310401"),
        ("2031-04-09", Decimal("-29.00"), "CZK", None, "poplatek za vedení"),
    ]


def test_a_cp1252_file_stays_cp1252(con, tmp_path):
    # probe: a German file whose bytes cp1250 also decodes is not taken for Central European
    text = "Buchungstag;Verwendungszweck;Betrag;Währung\n03.04.2031;Müller Straße RB1;12,50;EUR\n"
    path = tmp_path / "umsatz.csv"
    path.write_bytes(text.encode("cp1252"))
    ingest_path(con, path, tmp_path)
    assert _lines(con) == [("2031-04-03", Decimal("12.50"), "EUR", None, "Müller Straße RB1")]


POLISH = (
    '"Data transakcji";"Data księgowania";"Dane kontrahenta";"Tytuł";'
    '"Kwota transakcji (waluta rachunku)";"Waluta";"Kwota blokady";"Waluta"\n'
    '"2031-04-02";"2031-04-03";"BUKOWINA MEBLE SP. Z O.O.";"Faktura RB310402";"2 640,00";"PLN";"";""\n'
)


def test_a_polish_cp1250_amount_with_a_currency_note_is_the_amount(con, tmp_path):
    path = tmp_path / "lista.csv"
    path.write_bytes(POLISH.encode("cp1250"))
    report = ingest_path(con, path, tmp_path)
    assert (report.rows_loaded, report.rows_rejected) == (1, 0)
    # the booking date (Data księgowania) is the line's date, not the transaction date
    assert _lines(con) == [
        ("2031-04-03", Decimal("2640.00"), "PLN", "BUKOWINA MEBLE SP. Z O.O.", "Faktura RB310402")
    ]


def test_a_note_that_is_no_currency_names_no_amount(con, tmp_path):
    # probe: ``Kwota (blokady)`` (the amount held) is not the line's amount
    text = "Data księgowania;Tytuł;Kwota (blokady)\n2031-04-03;Faktura RB310402;2 640,00\n"
    with pytest.raises(IngestError, match="amount"):
        ingest_text(con, tmp_path, text, currency="PLN")


SWEDISH = (
    "* Transaktioner Period 2031-04-01 – 2031-04-30\n"
    "Radnummer,Valutadag,Bokföringsdag,Transaktionsdag,Referens,Beskrivning,Belopp,Bokfört saldo\n"
    '1,2031-04-09,2031-04-08,2031-04-07,"RB310408","LJUNGBY SNICKERI",1840.00,21840.00\n'
    '2,2031-04-02,2031-04-03,2031-04-02,"","AVGIFT",-25.00,20000.00\n'
)


def test_swedish_headers_read_the_booking_day_not_the_value_day(con, tmp_path):
    report = ingest_text(con, tmp_path, SWEDISH, currency="SEK")
    assert (report.rows_loaded, report.rows_rejected) == (2, 0)
    assert _lines(con) == [
        ("2031-04-03", Decimal("-25.00"), "SEK", None, "AVGIFT"),
        ("2031-04-08", Decimal("1840.00"), "SEK", None, "RB310408 LJUNGBY SNICKERI"),
    ]


FINNISH = (
    "Arvopäivä;Kirjauspäivä;Määrä EUROA;Laji;Saaja/Maksaja;Saajan tilinumero;Viesti\n"
    "01.04.2031;02.04.2031;+715,00;106;KOIVULA PUUSEPÄT OY;FI4912345600000111;Lasku RB310402\n"
)


def test_finnish_headers_read_the_booking_day_the_amount_and_the_payer(con, tmp_path):
    report = ingest_text(con, tmp_path, FINNISH, currency="EUR")
    assert (report.rows_loaded, report.rows_rejected) == (1, 0)
    assert _lines(con) == [
        ("2031-04-02", Decimal("715.00"), "EUR", "KOIVULA PUUSEPÄT OY", "Lasku RB310402")
    ]
    acct = con.execute("select counterparty_account from bank_transactions").fetchone()
    assert acct == ("FI4912345600000111",)


def test_a_value_day_alone_names_no_date(con, tmp_path):
    # probe: only the value date (Arvopäivä / Valutadag): the file has no booking date column
    text = "Arvopäivä;Määrä EUROA;Viesti\n02.04.2031;+715,00;Lasku RB310402\n"
    with pytest.raises(IngestError, match="date"):
        ingest_text(con, tmp_path, text, currency="EUR")


TURKISH = (
    "Tarih;Açıklama;Tutar;Bakiye\n"
    "04.04.2031;EFT GELEN KARADUT FIRINCILIK RB310404;1.325,50 TL;21.325,50 TL\n"
    "07.04.2031;HESAP İŞLETİM ÜCRETİ;-8,00 TL;21.317,50 TL\n"
)


def test_turkish_headers_and_amounts_marked_tl_are_read_in_lira(con, tmp_path):
    report = ingest_text(con, tmp_path, TURKISH)
    assert (report.rows_loaded, report.rows_rejected) == (2, 0)
    assert _lines(con) == [
        ("2031-04-04", Decimal("1325.50"), "TRY", None, "EFT GELEN KARADUT FIRINCILIK RB310404"),
        ("2031-04-07", Decimal("-8.00"), "TRY", None, "HESAP İŞLETİM ÜCRETİ"),
    ]


def test_amounts_marked_tl_are_never_read_in_another_currency(con, tmp_path):
    # probe: the user says EUR, every amount says TL: refused, nothing read as euros
    with pytest.raises(IngestError, match="TRY"):
        ingest_text(con, tmp_path, TURKISH, currency="EUR")
    assert _lines(con) == []


SPANISH = (
    "Fecha;Movimiento;Importe\n"
    "02/04/2031;TRANSFERENCIA RB310402;1.410,00\n"
    "05/04/2031;COMISION;-6,20\n"
    "09/04/2031;TRANSFERENCIA RB310409;2,760.00\n"
    "12/04/2031;TRANSFERENCIA RB310412;3.025,00\n"
    "16/04/2031;TRANSFERENCIA ANTICIPO;2,760\n"
    "19/04/2031;TRANSFERENCIA RB310419;845,00\n"
    "23/04/2031;RECIBO;-1.090,75\n"
)


def test_two_amounts_against_the_files_own_format_are_rejects_of_their_lines(con, tmp_path):
    report = ingest_text(con, tmp_path, SPANISH, currency="EUR")
    assert (report.rows_loaded, report.rows_rejected) == (5, 2)
    assert sorted(r["line"] for r in report.rejects) == [4, 6]
    assert [a for _, a, *_ in _lines(con)] == [
        Decimal("1410.00"), Decimal("-6.20"), Decimal("3025.00"), Decimal("845.00"),
        Decimal("-1090.75"),
    ]  # fmt: skip


def test_a_file_of_both_formats_alike_is_still_refused(con, tmp_path):
    # probe: two of each: no format of its own, nothing is read
    text = "Fecha;Importe\n02/04/2031;1.410,00\n05/04/2031;2,760.00\n09/04/2031;3.025,00\n"
    text += "12/04/2031;1,845.00\n"
    with pytest.raises(IngestError, match="with both in one file"):
        ingest_text(con, tmp_path, text, currency="EUR")
    assert _lines(con) == []


def test_the_rejects_raw_line_names_the_users_own_headers(con, tmp_path):
    text = TURKISH + "09.04.2031;EFT GELEN KARADUT FIRINCILIK;1.32,50 TL;21.317,50 TL\n"
    report = ingest_text(con, tmp_path, text)
    assert report.rows_rejected == 1
    raw = (tmp_path / "rej").glob("*.rejects.csv").__next__().read_text(encoding="utf-8")
    assert '""Tutar"":""1.32,50 TL""' in raw and '""Tarih"":' in raw
    assert '""Amount""' not in raw and '""Transaction Date""' not in raw
