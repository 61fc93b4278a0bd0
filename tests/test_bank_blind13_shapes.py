"""Export shapes the thirteenth blind set (``recon_independent13``, session 22) found unread.

Every file here is invented (made-up banks, payers and numbers, not the set's files):

* a ``Reference`` column of transaction codes (the same code on many days) was read as the
  bank's serial, and numbered text columns (``Transaction Ref1`` … ``Ref3``) were not read at
  all: every line lost its payer's text, so no order number reached the matcher;
* ``Gutschrift in CHF`` / ``Lastschrift in CHF`` (a Swiss bank's money in / out, the currency
  after ``in``) refused the file, ``Währung:;="CHF"`` (Excel's text wrapper) said nothing, and
  its text column ``Avisierungstext`` was not read;
* one amount written ``8.500,00`` among lines writing ``1,234.56`` refused the whole file;
* a Shift_JIS download of a Japanese bank could not be decoded, and its ``日付`` /
  ``支払い金額`` / ``預かり金額`` were not known.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from connectors.errors import CurrencyUnknownError, IngestError
from tests.bank_files import ingest_path, ingest_text


def _lines(con) -> list[tuple]:
    return con.execute(
        "select booked_at::date::varchar, amount, currency, bank_ref, memo "
        "from bank_transactions order by booked_at, amount"
    ).fetchall()


CODES = (
    "Account Details For:,Business Account 111-222333-4 CNY\n"
    "\n"
    "Transaction Date,Reference,Debit Amount,Credit Amount,Transaction Ref1,Transaction Ref2,"
    "Transaction Ref3\n"
    '07 Mar 2030,TRF, ,"1,960.00",INWARD TRANSFER,PLOVER CERAMICS LLP,PO ZX300301771\n'
    "05 Mar 2030,FEE,12.00, ,CHARGES,,\n"
    '02 Mar 2030,TRF, ,"2,480.00",INWARD TRANSFER,QUILLON TOOLS LLP,ZX300228770\n'
)


def test_a_code_column_on_many_days_is_text_and_numbered_refs_are_the_memo(con, tmp_path):
    ingest_text(con, tmp_path, CODES, currency="CNY")
    assert _lines(con) == [
        ("2030-03-02", Decimal("2480.00"), "CNY", None,
         "INWARD TRANSFER QUILLON TOOLS LLP ZX300228770 TRF"),
        ("2030-03-05", Decimal("-12.00"), "CNY", None, "CHARGES FEE"),
        ("2030-03-07", Decimal("1960.00"), "CNY", None,
         "INWARD TRANSFER PLOVER CERAMICS LLP PO ZX300301771 TRF"),
    ]  # fmt: skip


def test_a_serial_repeated_on_one_day_is_still_the_serial(con, tmp_path):
    # probe: a page break repeats a line with its serial and its date; that column stays the
    # bank's serial (the repeat is then counted once)
    text = (
        "Transaction Date,Reference,Debit Amount,Credit Amount,Description\n"
        '02 Mar 2030,SN0001, ,"2,480.00",QUILLON TOOLS ZX300228770\n'
        '02 Mar 2030,SN0001, ,"2,480.00",QUILLON TOOLS ZX300228770\n'
        "05 Mar 2030,SN0002,12.00, ,CHARGES\n"
    )
    ingest_text(con, tmp_path, text, currency="CNY")
    refs = [r[3] for r in _lines(con)]
    assert refs == ["SN0001", "SN0002"]


SWISS = (
    'Datum von:;="01.03.2030"\n'
    'Konto:;="CH9300762011623852957"\n'
    'Währung:;="CHF"\n'
    "\n"
    "Datum;Bewegungstyp;Avisierungstext;Gutschrift in CHF;Lastschrift in CHF;Label;Kategorie\n"
    "\n"
    '09.03.2030;Buchung;"GUTSCHRIFT VON: BERGFINK AG MITTEILUNGEN: ZX300301771";1\'960.00;;;\n'
    '04.03.2030;Buchung;"KONTOFUEHRUNG";;-5.00;;\n'
)


def test_gutschrift_and_lastschrift_in_chf_are_read_in_chf(con, tmp_path):
    report = ingest_text(con, tmp_path, SWISS)
    assert report.rows_loaded == 2
    rows = con.execute(
        "select amount, currency, account_no, memo from bank_transactions order by amount"
    ).fetchall()
    assert rows == [
        (Decimal("-5.00"), "CHF", "CH9300762011623852957", "KONTOFUEHRUNG"),
        (Decimal("1960.00"), "CHF", "CH9300762011623852957",
         "GUTSCHRIFT VON: BERGFINK AG MITTEILUNGEN: ZX300301771"),
    ]  # fmt: skip


def test_the_currency_after_in_must_be_one_the_other_side_agrees_with(con, tmp_path):
    # probe: a --currency contradicting 'Gutschrift in CHF' is refused, never read as CNY
    with pytest.raises(IngestError, match="gives the currency CHF but --currency CNY"):
        ingest_text(con, tmp_path, SWISS, currency="CNY")


def _mixed(n_points: int, odd: str = "8.500,00") -> str:
    rows = [
        f'2030-03-{d:02d},R{d:03d},,"1,{d:03d}.00",ZX3003{d:05d}' for d in range(1, n_points + 1)
    ]
    rows.append(f'2030-03-28,R999,,"{odd}",ZX300399999')
    return "交易日期,流水号,借方金额,贷方金额,附言\n" + "\n".join(rows) + "\n"


def test_one_amount_in_the_other_number_format_is_a_reject_of_its_own(con, tmp_path):
    report = ingest_text(con, tmp_path, _mixed(12), currency="CNY")
    assert (report.rows_loaded, report.rows_rejected) == (12, 1)
    assert "8.500,00" in str(report.rejects[0]) and "R999" not in [r[3] for r in _lines(con)]
    assert con.execute("select sum(amount) from bank_transactions").fetchone() == (
        Decimal("12078.00"),
    )


@pytest.mark.parametrize("n_points", [9, 3])
def test_a_clear_majority_of_the_files_format_makes_the_other_a_reject(con, tmp_path, n_points):
    # session 24: twice as many amounts of the file's own format (it was ten times) decide it
    report = ingest_text(con, tmp_path, _mixed(n_points), currency="CNY")
    assert (report.rows_loaded, report.rows_rejected) == (n_points, 1)
    assert "8.500,00" in str(report.rejects[0])


@pytest.mark.parametrize("n_points", [1])
def test_a_file_without_a_clear_format_of_its_own_is_still_refused(con, tmp_path, n_points):
    # probe: as many amounts of one format as of the other: refused whole
    with pytest.raises(IngestError, match="with both in one file"):
        ingest_text(con, tmp_path, _mixed(n_points), currency="CNY")
    assert _lines(con) == []


JAPANESE = (
    "日付,摘要,摘要内容,支払い金額,預かり金額,差引残高\n"
    '2030/3/4,振込,ﾂﾊﾞﾒｼｮｳｶｲ(ｶ ZX300301771,,"1,960","101,960"\n'
    '2030/3/5,手数料,振込手数料,"330",,"101,630"\n'
)


def test_a_shift_jis_download_of_a_japanese_bank_is_read(con, tmp_path):
    path = tmp_path / "meisai.csv"
    path.write_bytes(JAPANESE.encode("cp932"))
    with pytest.raises(CurrencyUnknownError, match=r"e\.g\. --currency JPY"):
        ingest_path(con, path, tmp_path)
    report = ingest_path(con, path, tmp_path, currency="JPY")
    assert report.rows_loaded == 2
    assert _lines(con) == [
        ("2030-03-04", Decimal("1960.00"), "JPY", None, "ﾂﾊﾞﾒｼｮｳｶｲ(ｶ ZX300301771 振込"),
        ("2030-03-05", Decimal("-330.00"), "JPY", None, "振込手数料 手数料"),
    ]


def test_bytes_that_are_no_japanese_text_are_still_refused(con, tmp_path):
    # probe: undecodable as GBK and cp1252, and Shift_JIS reads symbols, not Japanese words
    path = tmp_path / "junk.csv"
    path.write_bytes(b"Date,Amount\n2030-03-04,\x81\x40\x81\x9f\x81\x7f\x80\x80\n")
    with pytest.raises(IngestError, match="cannot decode"):
        ingest_path(con, path, tmp_path, currency="JPY")


def test_a_french_file_stating_no_currency_is_offered_no_yuan(con, tmp_path):
    text = "Date;Libellé;Débit;Crédit\n04/03/2030;VIR RECU ZX300301771;;1 960,00\n"
    with pytest.raises(CurrencyUnknownError) as refused:
        ingest_text(con, tmp_path, text)
    assert "CNY" not in str(refused.value)
    assert "--currency and its ISO 4217 code" in str(refused.value)
