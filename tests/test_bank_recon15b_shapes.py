"""Bank-file shapes left after the fifteenth blind set (session 24, helper recon15b).

Every file here is invented (made-up banks, payers and numbers, not any set's files):

* a Turkish download in Windows-1254 (``İşlem Tarihi``, ``Açıklama``, ``İşlem Tutarı``): read
  as cp1252 it showed ``Ýþlem Tarihi`` and its header named no date; cp1254 is taken only when
  its reading writes a Turkish-only letter and names more columns (probes: a German cp1252 file
  and a Polish cp1250 file are read as before);
* Slovak and Czech column words (``Dátum zaúčtovania``, ``Suma``, ``Objem``, ``Mena``,
  ``Protiúčet``, ``Zostatok``, ``Zpráva pro příjemce``), read by role; a value date
  (``Dátum splatnosti`` / ``Valuta``) never names the booking date;
* Indian lakh grouping (``1,23,456.78``, ``12,00,000.00``): a reject in both formats, now read
  when the format is declared (``--amount-format 1,23,456.78``) and never guessed from a file.
"""

from __future__ import annotations

from decimal import Decimal

from connectors.sources._bank_words import meaning
from tests.bank_files import ingest_path


def _lines(con) -> list[tuple]:
    return con.execute(
        "select booked_at::date::varchar, amount, currency, counterparty_name, memo "
        "from bank_transactions order by booked_at, amount"
    ).fetchall()


TURKISH_1254 = (
    "İşlem Tarihi;Valör;Açıklama;İşlem Tutarı;Bakiye;Karşı Taraf\n"
    "05.05.2031;05.05.2031;HAVALE ÖDEMESİ SİPARİŞ KZ510505;2.480,00;12.480,00;YILDIZ DOĞAL ŞEKER\n"
    "08.05.2031;09.05.2031;HESAP İŞLETİM ÜCRETİ;-12,50;12.467,50;\n"
)


def test_a_cp1254_turkish_download_is_read_in_its_own_encoding(con, tmp_path):
    path = tmp_path / "hesap.csv"
    path.write_bytes(TURKISH_1254.encode("cp1254"))
    report = ingest_path(con, path, tmp_path, currency="TRY")
    assert (report.rows_loaded, report.rows_rejected) == (2, 0)
    # the booking date (İşlem Tarihi), never the value date (Valör)
    assert _lines(con) == [
        (
            "2031-05-05",
            Decimal("2480.00"),
            "TRY",
            "YILDIZ DOĞAL ŞEKER",
            "HAVALE ÖDEMESİ SİPARİŞ KZ510505",
        ),
        ("2031-05-08", Decimal("-12.50"), "TRY", None, "HESAP İŞLETİM ÜCRETİ"),
    ]


def test_a_german_cp1252_file_is_not_taken_for_turkish(con, tmp_path):
    # probe: ``ð``/``ý``/``þ``-free German text decodes in cp1254 too; nothing changes
    text = "Buchungstag;Verwendungszweck;Betrag;Währung\n04.05.2031;Müller Straße KZ1;9,75;EUR\n"
    path = tmp_path / "umsatz.csv"
    path.write_bytes(text.encode("cp1252"))
    ingest_path(con, path, tmp_path)
    assert _lines(con) == [("2031-05-04", Decimal("9.75"), "EUR", None, "Müller Straße KZ1")]


def test_an_icelandic_cp1252_letter_is_not_read_as_turkish(con, tmp_path):
    # probe: ``ð`` and ``þ`` are cp1252 letters at the bytes of ``ğ`` and ``ş``; the header
    # names as many columns either way, so the file stays cp1252
    text = "Date;Description;Amount\n04.05.2031;Greiðsla frá Þór KZ2;15,00\n"
    path = tmp_path / "yfirlit.csv"
    path.write_bytes(text.encode("cp1252"))
    report = ingest_path(con, path, tmp_path, currency="EUR")
    assert report.rows_loaded == 1
    assert _lines(con)[0][4] == "Greiðsla frá Þór KZ2"


def test_a_polish_cp1250_file_stays_cp1250(con, tmp_path):
    # probe: ``ý``-less Polish text; its cp1250 reading wins before cp1254 is tried
    text = "Data księgowania;Tytuł;Kwota;Waluta\n06.05.2031;Zapłata KZ3 Łódź;310,00;PLN\n"
    path = tmp_path / "lista.csv"
    path.write_bytes(text.encode("cp1250"))
    ingest_path(con, path, tmp_path)
    assert _lines(con) == [("2031-05-06", Decimal("310.00"), "PLN", None, "Zapłata KZ3 Łódź")]


def test_a_czech_cp1250_file_with_y_acute_stays_cp1250(con, tmp_path):
    # probe: cp1250's ``ý`` is cp1254's ``ı`` (a Turkish-only letter): the Czech reading must win
    text = "Datum;Objem;Měna;Poznámka;Zaúčtovaný\n07.05.2031;880,00;CZK;platba KZ4 Plzeň;ano\n"
    path = tmp_path / "pohyby.csv"
    path.write_bytes(text.encode("cp1250"))
    ingest_path(con, path, tmp_path)
    assert _lines(con) == [("2031-05-07", Decimal("880.00"), "CZK", None, "platba KZ4 Plzeň")]


SLOVAK = (
    "Dátum zaúčtovania;Dátum splatnosti;Suma;Mena;Protiúčet;Názov protiúčtu;Popis;Zostatok\n"
    "02.05.2031;04.05.2031;1 215,40;EUR;SK3100000000000000000001;LIPTOVSKÁ ÚĽOVŇA s.r.o.;"
    "úhrada KZ510502;8 215,40\n"
    "03.05.2031;03.05.2031;-3,90;EUR;;;poplatok za vedenie účtu;8 211,50\n"
)


def test_slovak_headers_read_the_booking_date_not_the_due_date(con, tmp_path):
    path = tmp_path / "vypis.csv"
    path.write_bytes(SLOVAK.encode("cp1250"))
    report = ingest_path(con, path, tmp_path)
    assert (report.rows_loaded, report.rows_rejected) == (2, 0)
    assert _lines(con) == [
        ("2031-05-02", Decimal("1215.40"), "EUR", "LIPTOVSKÁ ÚĽOVŇA s.r.o.", "úhrada KZ510502"),
        ("2031-05-03", Decimal("-3.90"), "EUR", None, "poplatok za vedenie účtu"),
    ]


def test_slovak_czech_and_turkish_words_by_role():
    got = {
        h: meaning(h)
        for h in (
            "Dátum",
            "Dátum zaúčtovania",
            "Dátum valuty",
            "Dátum splatnosti",
            "Suma",
            "Objem",
            "Mena",
            "Zostatok",
            "Popis",
            "Poznámka",
            "Zpráva pro příjemce",
            "Správa pre prijímateľa",
            "Protiúčet",
            "Číslo protiúčtu",
            "Názov protiúčtu",
            "Disponibilný zostatok",
            "Suma obciążeń",
            "İşlem Tarihi",
            "Valör Tarihi",
            "İşlem Tutarı",
            "Karşı Taraf",
            "Karşı Taraf IBAN",
        )
    }
    assert got == {
        "Dátum": "date",
        "Dátum zaúčtovania": "date",
        "Dátum valuty": None,
        "Dátum splatnosti": None,
        "Suma": "amount",
        "Objem": "amount",
        "Mena": "ccy",
        "Zostatok": "balance",
        "Popis": "memo",
        "Poznámka": "memo",
        "Zpráva pro příjemce": "memo",
        "Správa pre prijímateľa": "memo",
        "Protiúčet": "acct",
        "Číslo protiúčtu": "acct",
        "Názov protiúčtu": "name",
        "Disponibilný zostatok": None,  # the available balance, not the line's balance
        "Suma obciążeń": None,  # a total of debits (Polish), not a line's amount
        "İşlem Tarihi": "date",
        "Valör Tarihi": None,
        "İşlem Tutarı": "amount",
        "Karşı Taraf": "name",
        "Karşı Taraf IBAN": "acct",
    }


FIO_LIKE = (
    "Datum;Objem;Měna;Protiúčet;Název protiúčtu;Zpráva pro příjemce\n"
    "11.05.2031;4 060,00;CZK;2900000001/2010;PEKAŘSTVÍ VLTAVA;faktura KZ510511\n"
)


def test_a_czech_objem_column_is_the_amount(con, tmp_path):
    path = tmp_path / "fio.csv"
    path.write_bytes(FIO_LIKE.encode("cp1250"))
    report = ingest_path(con, path, tmp_path)
    assert (report.rows_loaded, report.rows_rejected) == (1, 0)
    assert _lines(con) == [
        ("2031-05-11", Decimal("4060.00"), "CZK", "PEKAŘSTVÍ VLTAVA", "faktura KZ510511")
    ]


LAKH = (
    "Txn Date,Narration,Withdrawal Amt.,Deposit Amt.,Closing Balance\n"
    '13/05/2031,NEFT CR KESARI SPICES KZ510503,,"1,23,456.78","13,23,456.78"\n'
    '16/05/2031,NEFT CR MONSOON TEXTILES KZ510506,,"12,00,000.00","25,23,456.78"\n'
    '19/05/2031,CHQ DEP KZ510509,,"4,500.00","25,27,956.78"\n'
)


def test_lakh_grouping_is_read_when_declared(con, tmp_path):
    path = tmp_path / "stmt.csv"
    path.write_text(LAKH, encoding="utf-8")
    report = ingest_path(con, path, tmp_path, currency="INR", amount_format="1,23,456.78")
    assert (report.rows_loaded, report.rows_rejected) == (3, 0)
    assert [(d, a) for d, a, *_ in _lines(con)] == [
        ("2031-05-13", Decimal("123456.78")),
        ("2031-05-16", Decimal("1200000.00")),
        ("2031-05-19", Decimal("4500.00")),
    ]


def test_lakh_grouping_is_never_guessed(con, tmp_path):
    # probe: undeclared, a lakh value is no value of the western format: a reject, never read
    path = tmp_path / "stmt.csv"
    path.write_text(LAKH, encoding="utf-8")
    report = ingest_path(con, path, tmp_path, currency="INR")
    assert report.rows_loaded == 1
    assert [a for _, a, *_ in _lines(con)] == [Decimal("4500.00")]


def test_a_western_million_under_declared_lakh_is_a_reject(con, tmp_path):
    # probe: ``1,234,567.00`` fits no lakh grouping: a reject of its line, not 1234567 guessed
    text = (
        "Txn Date,Narration,Amount\n"
        '13/05/2031,NEFT CR KZ1,"1,234,567.00"\n'
        '14/05/2031,NEFT CR KZ2,"2,34,567.00"\n'
    )
    path = tmp_path / "stmt.csv"
    path.write_text(text, encoding="utf-8")
    report = ingest_path(con, path, tmp_path, currency="INR", amount_format="1,23,456.78")
    assert (report.rows_loaded, report.rows_rejected) == (1, 1)
    assert [a for _, a, *_ in _lines(con)] == [Decimal("234567.00")]
