"""Habits of real bank exports found by the independent statement set (session 9).

Each case is how a bank or an accounting tool writes a statement line: accounting-style
negatives ``(1,234.56)``, a file that writes both ``1.234,56`` and ``1,234.56`` (the decimal mark
cannot be known: the whole file is refused, naming a line of each), IBANs inside remittance text
(an account, never an order number). Expected values are written by hand.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from connectors.errors import IngestError
from connectors.ingest import ingest_files
from tests.bank_files import ingest_cny_path


def _amounts(con) -> list[Decimal]:
    return [
        r[0]
        for r in con.execute("select amount from bank_transactions order by bank_ref").fetchall()
    ]


# (header, cells of the amount column(s), declared format) -> stored amounts, or reject words
PARENS = [
    # one signed amount column (CCB, accounting tools): (x) is money out
    ("交易金额", ["(299.00)", '"1,050.00"'], "1,234.56", [Decimal("-299.00"), Decimal("1050.00")]),
    ("交易金额", ['"(1,280.00)"', "（１，２８０．００）"], "1,234.56",
     [Decimal("-1280.00"), Decimal("-1280.00")]),
    ("交易金额", ['"¥(12,345.67)"', '"(¥88.00)"'], "1,234.56",
     [Decimal("-12345.67"), Decimal("-88.00")]),
    ("交易金额", ['"(1.280,00)"'], "1.234,56", [Decimal("-1280.00")]),
    # a 借贷标志 column: 借 with brackets is money out; 贷 with brackets is a contradiction
    ("借贷标志,交易金额", ['借,"(1,280.00)"'], "1,234.56", [Decimal("-1280.00")]),
    ("借贷标志,交易金额", ["贷,(50.00)"], "1,234.56", "negative amount in 交易金额"),
    # never a guess: a sign inside the brackets, empty brackets, half a bracket
    ("交易金额", ["(-5.00)", "()", "(5.00"], "1,234.56", "declared number format"),
]  # fmt: skip


@pytest.mark.parametrize(("header", "cells", "declared", "expected"), PARENS)
def test_accounting_brackets_are_a_negative_amount(
    con, tmp_path, header, cells, declared, expected
):
    """``(299.00)`` (a refund in a CCB export, a fee in an accounting tool) was rejected."""
    path = tmp_path / "paren.csv"
    rows = [f"2026-12-1{i},某公司,{c},R{i}" for i, c in enumerate(cells)]
    path.write_text(f"交易日期,对方户名,{header},交易流水号\n" + "\n".join(rows) + "\n")
    f = ingest_cny_path(con, path, tmp_path, amount_format=declared)
    if isinstance(expected, list):
        assert (_amounts(con), f.rows_rejected) == (expected, 0)
    else:
        assert _amounts(con) == [] and f.rows_rejected == len(cells)
        assert all(expected in r["reason"] for r in f.rejects)


def test_brackets_in_the_money_out_column_are_money_out_and_in_money_in_a_reject(con, tmp_path):
    path = tmp_path / "cols.csv"
    path.write_text(
        "交易日期,收入金额,支出金额,对方户名,交易流水号\n"
        '2026-12-14,,"(1,500.00)",某物流有限公司,R1\n'
        "2026-12-14,(20.00),,某公司,R2\n",
        encoding="gbk",
    )
    f = ingest_cny_path(con, path, tmp_path)
    assert _amounts(con) == [Decimal("-1500.00")]
    assert [r["line"] for r in f.rejects] == [3]
    assert "negative amount in 收入金额" in f.rejects[0]["reason"]


MIXED = [
    # (rows of 收入金额/支出金额 cells, the value the message must name)
    ([('"2.200,00"', ""), ('"1,234.00"', ""), ("", '"1,500"')], "2.200,00"),
    ([('"1,580.50"', ""), ("", '"12.345"')], "12.345"),  # 12.345 = 12345 under 1.234,56
    ([("9.99", ""), ('"1.234,50"', "")], "1.234,50"),
]


@pytest.mark.parametrize(("cells", "named"), MIXED)
def test_a_file_writing_both_decimal_marks_is_refused_naming_a_line_of_each(
    con, tmp_path, cells, named
):
    """``2.200,00`` beside ``1,234.00``: ``1,500`` in the same file could be 1500 or 1.5."""
    path = tmp_path / "marks.csv"
    rows = [f"2026-12-14,{c},{d},某公司,R{i}" for i, (c, d) in enumerate(cells)]
    path.write_text("交易日期,收入金额,支出金额,对方户名,交易流水号\n" + "\n".join(rows) + "\n")
    with pytest.raises(IngestError) as err:
        ingest_cny_path(con, path, tmp_path)
    msg = str(err.value)
    assert f"'{named}'" in msg and "line " in msg and "--amount-format" in msg
    assert con.execute("select count(*) from bank_transactions").fetchone()[0] == 0


def test_one_decimal_mark_per_file_still_loads_and_a_stray_value_is_one_reject(con, tmp_path):
    """No file-level refusal without evidence of both marks: a lone 1.234,56 stays one reject."""
    path = tmp_path / "one.csv"
    path.write_text(
        "交易日期,收入金额,支出金额,对方户名,交易流水号\n"
        '2026-12-14,"1.234,56",,某公司,R1\n2026-12-14,1500,,某公司,R2\n'
        '2026-12-15,"2.000,00",,某公司,R3\n'
    )
    f = ingest_cny_path(con, path, tmp_path, amount_format="1.234,56")
    assert _amounts(con) == [Decimal("1234.56"), Decimal("1500.00"), Decimal("2000.00")]
    assert f.rows_rejected == 0


def _mt940(tmp_path: Path, lines: list[tuple[str, str]], closing: str) -> Path:
    """A one-statement MT940 file; ``lines`` are (:61: body, :86: text already cut at 65)."""
    body = [":20:STMT", ":25:NL12ABNA0123456789", ":28C:00001/1", ":60F:C261130CNY0,00"]
    for l61, text in lines:
        body += [f":61:{l61}", *(f":86:{text}"[i : i + 65] for i in range(0, len(text) + 4, 65))]
    path = tmp_path / "s.940"
    path.write_text("\n".join([*body, f":62F:C261231CNY{closing}"]) + "\n")
    return path


def test_mt940_free_text_is_joined_where_the_bank_cut_it_and_accounts_leave_the_memo(con, tmp_path):
    """ABN-style ``/IBAN/…/NAME/…`` and Rabobank ``/CNTP/iban/bic/name/city/`` :86: texts."""
    path = _mt940(tmp_path, [
        ("261203C000000002000,00N654NONREF//B1",
         "/TRTP/SEPA OVERBOEKING/IBAN/NL02RABO0123456789/BIC/RABONL2U/NAME/KOFFIEBRANDERIJ DE"
         " ZWAAN BV/REMI/SO2602100001 SO2602100007/EREF/NOTPROVIDED"),
        ("261204C75,50NTRFNONREF//B2",
         "/EREF/NOTPROVIDED//CNTP/GB29NWBK60161331926819/NWBKGB2L/ZORGVERZEKERAAR NOORD NV/LEEDS/"
         "/REMI/USTD//POLIS 2026-0042/"),
    ], "2075,50")  # fmt: skip
    ingest_files(con, "mt940", [path], rejects_dir=tmp_path / "rej", progress=False)
    got = con.execute(
        "select counterparty_name, counterparty_account, memo from bank_transactions order by bank_ref"
    ).fetchall()
    assert got == [
        ("KOFFIEBRANDERIJ DE ZWAAN BV", "NL02RABO0123456789",
         "/TRTP/SEPA OVERBOEKING/IBAN//BIC//NAME//REMI/SO2602100001 SO2602100007/EREF/"),
        ("ZORGVERZEKERAAR NOORD NV", "GB29NWBK60161331926819",
         "/EREF///CNTP////LEEDS//REMI/USTD//POLIS 2026-0042/"),
    ]  # fmt: skip


EREF = [
    # ABN-style: the payer's end-to-end id beside remittance text is a technical id
    ("/TRTP/SEPA OVERBOEKING/NAME/HOTEL AM SEE GMBH/REMI/SO2602100001/EREF/ZAHL-2026-88123",
     "/TRTP/SEPA OVERBOEKING/NAME//REMI/SO2602100001/EREF/"),
    # Rabobank-style, remittance in /REMI/USTD//
    ("/EREF/INV-2026-0042//CNTP/////REMI/USTD//SO2602100007/",
     "/EREF///CNTP/////REMI/USTD//SO2602100007/"),
    # no remittance text: the end-to-end id is all the payer said, so it stays
    ("/TRTP/SEPA OVERBOEKING/NAME/PRAXIS DR WEBER/EREF/SO2602100009",
     "/TRTP/SEPA OVERBOEKING/NAME//EREF/SO2602100009"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "memo"), EREF)
def test_mt940_end_to_end_id_joins_the_memo_only_without_remittance_text(con, tmp_path, text, memo):
    """As camt.053 does: ``/EREF/OC-2026-5521`` beside ``/REMI/`` read as an unknown reference
    and held a payment red whose remittance named its order."""
    path = _mt940(tmp_path, [("261204C75,50NTRFNONREF//B1", text)], "75,50")
    ingest_files(con, "mt940", [path], rejects_dir=tmp_path / "rej", progress=False)
    assert con.execute("select memo from bank_transactions").fetchall() == [(memo,)]


def test_mt940_structured_end_to_end_id_stays_out_beside_svwz_text(con, tmp_path):
    text = "166?00GUTSCHRIFT?20EREF+KD-2026-77310?21SVWZ+SO2602100001 RECHNUNG?32HOTEL AM SEE GMBH"
    path = _mt940(tmp_path, [("2612041204C75,50NTRFNONREF//B1", text)], "75,50")
    ingest_files(con, "mt940", [path], rejects_dir=tmp_path / "rej", progress=False)
    assert con.execute("select memo, counterparty_name from bank_transactions").fetchall() == [
        ("SO2602100001 RECHNUNG", "HOTEL AM SEE GMBH")
    ]
