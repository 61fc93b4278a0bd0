"""Export shapes the eighteenth independent set (``recon_independent18``, session 27) found unread.

Every file here is invented (made-up banks' layouts, payers, numbers and month; not the set's
files):

* Indonesian column words (``Tanggal``, ``Keterangan``, ``No. Referensi``, ``Debet`` / ``Kredit``,
  ``Mata Uang``) — the file was refused for "no date column";
* Hebrew column words (``תאריך``, ``תיאור``, ``אסמכתא``, ``בחובה`` / ``בזכות``, ``יתרה בש"ח``) and
  right-to-left marks around dates and amounts (every value was a reject);
* Spanish ``Cargo`` / ``Abono`` (singular) and ``Retiros`` / ``Depósitos``;
* amounts written with ``₪`` or South Africa's ``R`` (``R3,450.00``, ``-R65.00``);
* an Indonesian bank's return of a credit (``RETUR`` / ``PEMBATALAN``) holds the payment it
  takes back, as an English ``RETURN`` does.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
import yaml

from connectors.errors import IngestError
from connectors.warehouse import connect
from lab.evals.recon_flows import flow_rows, ingest_as_user
from lab.evals.recon_heldout import build
from lab.reconciliation.engine import reconcile_period
from tests.bank_files import ingest_text


def _lines(con) -> list[tuple]:
    return con.execute(
        "select booked_at::date::varchar, amount, currency, bank_ref "
        "from bank_transactions order by booked_at, amount"
    ).fetchall()


def test_indonesian_columns(con, tmp_path):
    text = (
        "Mata Uang;CNY\n"
        "Tanggal;Keterangan;No. Referensi;Debet;Kredit;Saldo\n"
        "04/03/2035;TRANSFER MASUK PT KUDUS TEMBAKAU;XR001;;2.150,00;12.150,00\n"
        "19/03/2035;BIAYA ADMIN;XR002;15,00;;12.135,00\n"
    )
    report = ingest_text(con, tmp_path, text)
    assert (report.rows_loaded, report.rows_rejected) == (2, 0)
    assert _lines(con) == [
        ("2035-03-04", Decimal("2150.00"), "CNY", "XR001"),
        ("2035-03-19", Decimal("-15.00"), "CNY", "XR002"),
    ]


def test_hebrew_columns_and_right_to_left_marks(con, tmp_path):
    rlm = "\u200f"
    text = (
        "מטבע: ILS\n"
        'תאריך,תאריך ערך,תיאור,אסמכתא,בחובה,בזכות,יתרה בש"ח\n'
        f'{rlm}04/03/2035{rlm},{rlm}05/03/2035{rlm},העברה מ- נגב שיווק בע"מ,71001,"",'
        f'"{rlm}₪2,150.00{rlm}","{rlm}₪12,150.00{rlm}"\n'
        f'{rlm}19/03/2035{rlm},{rlm}19/03/2035{rlm},עמלה,71002,"{rlm}15.00{rlm}","",'
        f'"{rlm}12,135.00{rlm}"\n'
    )
    report = ingest_text(con, tmp_path, text)
    assert (report.rows_loaded, report.rows_rejected) == (2, 0)
    assert _lines(con) == [
        ("2035-03-04", Decimal("2150.00"), "ILS", "71001"),
        ("2035-03-19", Decimal("-15.00"), "ILS", "71002"),
    ]
    assert con.execute("select memo from bank_transactions order by booked_at").fetchone() == (
        'העברה מ- נגב שיווק בע"מ',
    )


def test_spanish_singular_sides_and_money_marks(con, tmp_path):
    text = (
        "Fecha,Concepto,Referencia,Cargo,Abono,Saldo\n"
        '04/03/2035,SPEI RECIBIDO CLAVE RASTREO 12345,9001,"","$2,150.00","$12,150.00"\n'
        '19/03/2035,COMISION SPEI,9002,"$15.00","","$12,135.00"\n'
    )
    report = ingest_text(con, tmp_path, text, currency="MXN")
    assert (report.rows_loaded, report.rows_rejected) == (2, 0)
    assert [r[:3] for r in _lines(con)] == [
        ("2035-03-04", Decimal("2150.00"), "MXN"),
        ("2035-03-19", Decimal("-15.00"), "MXN"),
    ]


def test_rand_marks_are_a_currency_mark(con, tmp_path):
    text = (
        "Date,Description,Amount,Balance\n"
        '20350304,KLEIN KAROO CC,"R2,150.00","R12,150.00"\n'
        '20350319,MONTHLY FEE,"-R15.00","R12,135.00"\n'
        '20350320,MONTHLY FEE,"R1,2,00.00","R12,135.00"\n'
    )
    report = ingest_text(con, tmp_path, text, currency="ZAR")
    assert (report.rows_loaded, report.rows_rejected) == (2, 1)  # R1,2,00.00 is no amount
    assert [r[:3] for r in _lines(con)] == [
        ("2035-03-04", Decimal("2150.00"), "ZAR"),
        ("2035-03-19", Decimal("-15.00"), "ZAR"),
    ]


def test_a_rand_mark_in_a_file_of_another_currency_is_a_reject(con, tmp_path):
    # probe: the mark must agree with the statement's currency, like any other
    text = (
        "Date,Description,Amount,Balance,Currency\n"
        '20350304,KLEIN KAROO CC,"R2,150.00","12,150.00",USD\n'
        '20350319,FEE,"-15.00","12,135.00",USD\n'
    )
    report = ingest_text(con, tmp_path, text)
    assert (report.rows_loaded, report.rows_rejected) == (1, 1)


WAREHOUSE = {
    "customers": [["K1", "PT KUDUS TEMBAKAU"]],
    "orders": [  # id, channel no, erp no, customer, created, goods, shipping, paid, status
        ["O1", "KT350301001", "KTE-1", "K1", "2035-03-01 09:00", 2150.0, 0, 2150.0, "shipped"],
    ],
}


@pytest.mark.parametrize(("word", "held"), [("RETUR", True), ("PEMBATALAN", True),
                                            ("PEMBALIKAN", True), ("REFUND RETUR BARANG", False),
                                            ("BIAYA RETURAN", False)])  # fmt: skip
def test_an_indonesian_return_holds_the_payment(tmp_path, word, held):
    (tmp_path / "warehouse.yaml").write_text(yaml.safe_dump(WAREHOUSE, allow_unicode=True))
    (tmp_path / "s.csv").write_text(
        "Mata Uang;CNY\n"
        "Tanggal;Keterangan;No. Referensi;Debet;Kredit;Saldo\n"
        "14/03/2035;TRANSFER MASUK PT KUDUS TEMBAKAU KT350301001;XR001;;2.150,00;12.150,00\n"
        f"15/03/2035;{word} TRANSFER MASUK PT KUDUS TEMBAKAU KT350301001;XR002;2.150,00;;"
        "10.000,00\n",
        encoding="utf-8",
    )
    con = connect(tmp_path / "w.duckdb")
    try:
        build(con, tmp_path)
        ingest_as_user(con, "bank-csv", [tmp_path / "s.csv"], rejects_dir=tmp_path / "rej")
        reconcile_period(con, "2035-03")
        rows = {r.ref: r for r in flow_rows(con)}
    finally:
        con.close()
    assert (rows["XR001"].colour != "green") is held
    if not held:
        assert rows["XR001"].orders == ("O1",)


def test_a_thai_like_file_without_marks_is_still_refused_for_its_currency(con, tmp_path):
    # probe: a file that states no currency stays refused (the marks added name none here)
    text = "Date,Description,Amount\n20350304,KLEIN KAROO CC,2150.00\n"
    with pytest.raises(IngestError, match="currency"):
        ingest_text(con, tmp_path, text)
