"""Western European bank CSV exports: German (Deutsche Bank / Sparkasse style: cp1252, ``;``,
``dd.mm.yyyy``, ``1.234,56``, Soll/Haben, Währung), Dutch (ING: ``Bedrag (EUR)`` with
``Af``/``Bij``), French (``Débit euros`` / ``Crédit euros``, ``1 910,00``) and a UK one for
contrast (``Amount (GBP)``). All were refused whole ("no header line with a date column"), and
a partial fix would have read a cp1252 file as GBK mojibake, lost its currency and let an EUR
line close a CNY order. Found by ``tests/eval/recon_independent4`` (case c1); the files here are
written by hand with other banks' layouts, names and numbers.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from connectors.errors import IngestError
from connectors.ingest import ingest_files
from connectors.warehouse import connect
from lab.evals.recon_heldout import build
from lab.reconciliation.engine import reconcile_period

EU = {"amount_format": "1.234,56"}
ORDERS = {
    "customers": [["K1", "MÜLLER MÖBEL GMBH"], ["K2", "ALPENBLICK GMBH"]],
    "orders": [  # id, channel no, erp no, customer, created, goods, shipping, paid, status
        ["P1", "TM55500000031", "XS55500031", "K1", "2026-06-01 09:00", 640.0, 0, 640.0, "shipped"],
        ["P2", "TM55500000032", "XS55500032", "K2", "2026-06-02 09:00", 910.0, 0, 910.0, "shipped"],
        [
            "P3",
            "TM55500000033",
            "XS55500033",
            "K2",
            "2026-06-03 09:00",
            1910.0,
            0,
            1910.0,
            "shipped",
        ],
    ],
}

# Deutsche Bank style, Windows-1252 ("ANSI"): preamble lines, Soll/Haben, a Währung column.
# Its bytes also decode as GBK without an error (ä+h, ü+b, ö+b form GBK characters): the trap.
DE = """Umsätze Girokonto;Zeitraum: 01.06.2026 - 30.06.2026
Kontoinhaber;Müller Möbel GmbH

Buchungstag;Wert;Umsatzart;Begünstigter / Auftraggeber;Verwendungszweck;IBAN;Soll;Haben;Währung
03.06.2026;03.06.2026;Gutschrift;MÜLLER MÖBEL GMBH;TM55500000031 Zahlung;DE02100100100006820101;;640,00;CNY
08.06.2026;08.06.2026;Entgelt;;Kontoführung Juni;;-7,90;;CNY
15.06.2026;15.06.2026;Gutschrift;ALPENBLICK GMBH;TM55500000032 Rechnung;DE02300209000106531065;;910,00;EUR
"""

# ING (NL): the currency is only in the amount header; Af/Bij gives the direction.
ING = """"Datum";"Naam / Omschrijving";"Rekening";"Tegenrekening";"Code";"Af Bij";"Bedrag (EUR)";"Mutatiesoort";"Mededelingen"
"20260610";"ALPENBLICK GMBH";"NL20INGB0001234567";"DE89370400440532013000";"OV";"Bij";"910,00";"Overschrijving";"Betaling TM55500000032"
"20260611";"Kosten";"NL20INGB0001234567";"";"DV";"Af";"2,95";"Diversen";"Kosten pakket"
"""

# French (Crédit Agricole style): day-first slashes (14/06 shows it), space-grouped thousands.
FR = """Date;Libellé;Débit euros;Crédit euros
12/06/2026;VIR SEPA ALPENBLICK TM55500000033;;1 910,00
14/06/2026;FRAIS TENUE DE COMPTE;4,50;
"""

# UK for contrast: ',' delimiter, '.' decimal mark, the currency in the amount header.
UK = """Date,Description,Amount (GBP)
20/06/2026,FASTER PAYMENT ALPENBLICK TM55500000032,"1,234.56"
21/06/2026,CARD FEE,-3.00
"""


def _ingest(con, path: Path, options: dict | None = None):
    return ingest_files(
        con, "bank-csv", [path], rejects_dir=path.parent / "rej", progress=False,
        options=options or {"amount_format": "1,234.56"},
    ).files[0]  # fmt: skip


@pytest.fixture(scope="module")
def recon(tmp_path_factory):
    """DE (cp1252), ING, FR and UK files ingested into one warehouse with CNY orders and
    reconciled: (lines by memo start, flow status by bank memo)."""
    tmp = tmp_path_factory.mktemp("eu")
    (tmp / "wh").mkdir()
    (tmp / "wh" / "warehouse.yaml").write_text(yaml.safe_dump(ORDERS, allow_unicode=True))
    (tmp / "de.csv").write_bytes(DE.replace("\n", "\r\n").encode("cp1252"))
    (tmp / "ing.csv").write_bytes(ING.encode("cp1252"))
    (tmp / "fr.csv").write_bytes(FR.encode("cp1252"))
    (tmp / "uk.csv").write_text(UK, encoding="utf-8")
    con = connect(tmp / "w.duckdb")
    try:
        build(con, tmp / "wh")
        for name in ("de.csv", "ing.csv", "fr.csv"):
            _ingest(con, tmp / name, EU)
        _ingest(con, tmp / "uk.csv")
        reconcile_period(con, "2026-06")
        lines = con.execute(
            """select source_file, booked_at::date::varchar, amount, currency, counterparty_name,
                      memo from bank_transactions order by source_file, booked_at"""
        ).fetchall()
        flows = con.execute(
            """select b.memo, s.status, s.match_status,
                      list(m.order_id order by m.order_id) filter (where m.matched_amount > 0)
               from bank_transactions b join recon_flow_status s on s.flow_id = b.txn_id
               left join recon_matches m on m.flow_id = b.txn_id group by all"""
        ).fetchall()
    finally:
        con.close()
    return lines, {r[0]: r[1:] for r in flows}


def test_a_german_cp1252_export_is_read_with_its_currency_column(recon) -> None:
    """The trap: GB18030 takes these bytes without an error (so no error is no evidence of
    GBK), and read so, ``Währung`` is mojibake and the EUR line's currency is lost."""
    assert "Währung" not in DE.encode("cp1252").decode("gb18030")
    lines, _ = recon
    de = [r[1:] for r in lines if r[0] == "de.csv"]
    assert de == [
        ("2026-06-03", Decimal("640.00"), "CNY", "MÜLLER MÖBEL GMBH", "TM55500000031 Zahlung"),
        ("2026-06-08", Decimal("-7.90"), "CNY", None, "Kontoführung Juni"),
        ("2026-06-15", Decimal("910.00"), "EUR", "ALPENBLICK GMBH", "TM55500000032 Rechnung"),
    ]


def test_ing_takes_the_currency_from_the_amount_header_and_af_bij_as_the_sign(recon) -> None:
    lines, _ = recon
    ing = [r[1:] for r in lines if r[0] == "ing.csv"]
    assert ing == [
        ("2026-06-10", Decimal("910.00"), "EUR", "ALPENBLICK GMBH", "Betaling TM55500000032"),
        ("2026-06-11", Decimal("-2.95"), "EUR", "Kosten", "Kosten pakket"),
    ]


def test_french_and_uk_exports_state_their_currency_in_the_amount_headers(recon) -> None:
    lines, _ = recon
    assert [r[1:4] for r in lines if r[0] in ("fr.csv", "uk.csv")] == [
        ("2026-06-12", Decimal("1910.00"), "EUR"),
        ("2026-06-14", Decimal("-4.50"), "EUR"),
        ("2026-06-20", Decimal("1234.56"), "GBP"),
        ("2026-06-21", Decimal("-3.00"), "GBP"),
    ]


def test_a_eur_line_never_closes_a_cny_order_and_a_cny_line_still_does(recon) -> None:
    _, flows = recon
    assert flows["TM55500000031 Zahlung"] == ("green", "matched", ["P1"])
    for memo in ("TM55500000032 Rechnung", "Betaling TM55500000032"):
        assert flows[memo][:2] == ("red", "currency_mismatch"), memo
    assert flows["VIR SEPA ALPENBLICK TM55500000033"][:2] == ("red", "currency_mismatch")


def test_both_number_formats_in_one_file_are_refused_whole(con, tmp_path) -> None:
    path = tmp_path / "mixed.csv"
    path.write_text(
        "Buchungstag;Verwendungszweck;Betrag;Währung\n"
        "01.06.2026;A;1.234,56;EUR\n02.06.2026;B;1,234.56;EUR\n",
        encoding="utf-8",
    )
    with pytest.raises(IngestError, match=r"line 2 writes '1.234,56'.*line 3 writes '1,234.56'"):
        _ingest(con, path, {"currency": "EUR"})  # no format declared


def test_a_declared_format_makes_the_other_formats_line_a_reject(con, tmp_path) -> None:
    # session 26: the refusal above tells the user to declare the format; declared, the file
    # is read in it and the line written in the other is a reject (it was refused again)
    path = tmp_path / "mixed.csv"
    path.write_text(
        "Buchungstag;Verwendungszweck;Betrag;Währung\n"
        "01.06.2026;A;1.234,56;EUR\n02.06.2026;B;1,234.56;EUR\n",
        encoding="utf-8",
    )
    report = _ingest(con, path, EU)
    assert (report.rows_loaded, report.rows_rejected) == (1, 1)
    assert report.rejects[0]["line"] == 3
    assert con.execute("select amount from bank_transactions").fetchall() == [(Decimal("1234.56"),)]


def test_a_european_export_without_a_currency_is_refused(con, tmp_path) -> None:
    """Not read as CNY: an unknown currency must never close an order in another one."""
    path = tmp_path / "nocur.csv"
    path.write_text("Buchungstag;Verwendungszweck;Betrag\n01.06.2026;A;640,00\n", encoding="utf-8")
    with pytest.raises(IngestError, match="does not say its currency"):
        _ingest(con, path, EU)


def test_an_empty_or_contradicting_currency_cell_is_a_reject(con, tmp_path) -> None:
    path = tmp_path / "cells.csv"
    path.write_text(
        "Datum;Omschrijving;Bedrag (EUR);Munt\n01-06-2026;A;640,00;EUR\n13-06-2026;B;640,00;CNY\n",
        encoding="utf-8",
    )
    report = _ingest(con, path, EU)
    assert report.rows_loaded == 1
    rows = con.execute(
        "select currency, booked_at::date::varchar from bank_transactions"
    ).fetchall()
    assert rows == [("EUR", "2026-06-01")]
    path2 = tmp_path / "empty.csv"
    path2.write_text(
        "Buchungstag;Verwendungszweck;Betrag;Währung\n01.06.2026;A;640,00;\n", encoding="utf-8"
    )
    assert _ingest(con, path2, EU).rows_loaded == 0


def test_a_file_that_reads_as_gbk_and_as_cp1252_alike_is_refused(con, tmp_path) -> None:
    """ASCII header, and body bytes that are both a Chinese character (的) and two Latin
    letters (µÄ): neither reading can be preferred, so nothing is guessed."""
    path = tmp_path / "amb.csv"
    path.write_bytes(b"Date,Description,Amount\n2026-06-01,A \xb5\xc4 B,640.00\n")
    with pytest.raises(IngestError, match=r"reads as GBK \(Chinese\) and as Windows-1252"):
        _ingest(con, path)


def test_a_gbk_export_with_an_english_header_stays_gbk(con, tmp_path) -> None:
    """The contrast: Chinese names in an English-headed GBK file are Chinese, not Latin."""
    path = tmp_path / "gbk.csv"
    path.write_bytes(
        "Date,Payer,Description,Amount\n2026-06-01,王芳,货款 TM55500000031,640.00\n".encode("gbk")
    )
    _ingest(con, path, {"currency": "CNY"})  # the file states none: its holder gives it
    assert con.execute("select counterparty_name, currency from bank_transactions").fetchall() == [
        ("王芳", "CNY")
    ]


def test_a_utf8_line_inside_a_cp1252_file_is_refused(con, tmp_path) -> None:
    path = tmp_path / "mixed_enc.csv"
    path.write_bytes(
        "Buchungstag;Verwendungszweck;Betrag;Währung\n".encode("cp1252")
        + "01.06.2026;Müller;640,00;EUR\n".encode()
        + "02.06.2026;Bäcker;10,00;EUR\n".encode("cp1252")
    )
    with pytest.raises(IngestError, match="line 2 is UTF-8 but the file is Windows-1252"):
        _ingest(con, path, EU)


def test_a_sparkasse_csv_camt_export_with_two_digit_years_is_read(con, tmp_path) -> None:
    """Sparkasse CSV-CAMT: ASCII-transliterated headers (Waehrung), dd.mm.yy dates — day first
    (dots), this century; the payer's IBAN in Kontonummer/IBAN (Auftragskonto is the holder's)."""
    path = tmp_path / "spk.csv"
    path.write_bytes(
        '"Auftragskonto";"Buchungstag";"Valutadatum";"Buchungstext";"Verwendungszweck";'
        '"Beguenstigter/Zahlungspflichtiger";"Kontonummer/IBAN";"BIC (SWIFT-Code)";"Betrag";'
        '"Waehrung";"Info"\n'
        '"DE12500105170648489890";"05.06.26";"05.06.26";"GUTSCHR. UEBERWEISUNG";'
        '"TM55500000033";"Alpenblick GmbH";"DE89370400440532013000";"COBADEFFXXX";"1.910,00";'
        '"EUR";"Umsatz gebucht"\n'.encode("cp1252")
    )
    _ingest(con, path, EU)
    assert con.execute(
        "select booked_at::date::varchar, amount, currency, counterparty_name,"
        " counterparty_account, memo from bank_transactions"
    ).fetchall() == [
        ("2026-06-05", Decimal("1910.00"), "EUR", "Alpenblick GmbH", "DE89370400440532013000",
         "TM55500000033 GUTSCHR. UEBERWEISUNG"),
    ]  # fmt: skip
