"""Bank statements exported as XLSX (session 11, RECON11).

Found by the third independent statement set: a Chinese bank's XLSX export (a merged title row,
the account in a merged row, a two-row header with 金额 merged over 借方发生额 / 贷方发生额) was
refused by ``bank-csv`` as binary. Two layouts here (a two-row header; a plain one-row header
with 收入金额 / 支出金额), line numbers of rejects, and an old ``.xls``. Values by hand.
"""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook

from connectors.errors import IngestError
from connectors.ingest import ingest_files


def _xlsx(path: Path, rows: list[list], merges: list[str]) -> Path:
    wb = Workbook()
    ws = wb.active
    for r in rows:
        ws.append(r)
    for m in merges:
        ws.merge_cells(m)
    buf = io.BytesIO()
    wb.save(buf)
    path.write_bytes(buf.getvalue())
    return path


def _ingest(con, path: Path, tmp_path: Path):
    return ingest_files(
        con, "bank-csv", [path], rejects_dir=tmp_path / "rej", progress=False,
        options={"currency": "CNY"},  # the account's currency (--currency): the files state none
    )  # fmt: skip


def _lines(con) -> list[tuple]:
    return con.execute(
        "select account_no, bank_ref, amount, counterparty_name, memo from bank_transactions "
        "order by bank_ref"
    ).fetchall()


def test_a_two_row_header_under_a_merged_title_is_read(con, tmp_path):
    path = _xlsx(
        tmp_path / "icbc.xlsx",
        [
            ["中国工商银行 账户明细查询"] + [None] * 6,
            ["账号：0200001109300012345  币种：人民币"] + [None] * 6,
            ["交易日期", "交易流水号", "金额", None, "余额", "对方户名", "摘要"],
            [None, None, "借方发生额", "贷方发生额", None, None, None],
            ["2027-03-02", "X1", None, "4,280.00", "54,280.00", "成都锦程物流有限公司", "货款 A1"],
            ["2027-03-02", "X2", "12.00", None, "54,268.00", None, "手续费"],
            ["2027-03-03", "X3", None, 1365.5, 55633.5, "ROASTERY NORTH LTD", "A2"],
            ["2027-03-03", "X4", None, "1,2,3", None, "BLUE FERN TRAVEL", "A3"],
        ],
        ["A1:G1", "A2:G2", "C3:D3", "A3:A4", "B3:B4", "E3:E4", "F3:F4", "G3:G4"],
    )
    f = _ingest(con, path, tmp_path).files[0]
    assert _lines(con) == [
        ("0200001109300012345", "X1", Decimal("4280.00"), "成都锦程物流有限公司", "货款 A1"),
        ("0200001109300012345", "X2", Decimal("-12.00"), None, "手续费"),
        ("0200001109300012345", "X3", Decimal("1365.50"), "ROASTERY NORTH LTD", "A2"),
    ]
    assert f.rows_rejected == 1 and f.rejects[0]["line"] == 8  # the sheet's row
    assert "1,2,3" in f.rejects[0]["reason"]


def test_a_one_row_header_xlsx_and_an_old_xls(con, tmp_path):
    path = _xlsx(
        tmp_path / "ccb.xlsx",
        [
            ["中国建设银行单位账户交易明细"],
            ["交易日期", "收入金额", "支出金额", "对方户名", "用途", "流水号"],
            ["2027/3/5", "990.00", None, "广州麦香烘焙有限公司", "TR2703000005", "C1"],
            ["2027/3/6", None, "35.00", None, "手续费", "C2"],
        ],
        ["A1:F1"],
    )
    _ingest(con, path, tmp_path)
    assert _lines(con) == [
        (None, "C1", Decimal("990.00"), "广州麦香烘焙有限公司", "TR2703000005"),
        (None, "C2", Decimal("-35.00"), None, "手续费"),
    ]
    old = tmp_path / "old.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64)
    with pytest.raises(IngestError, match=r"old\.xls: an Excel 97-2003 workbook \(\.xls\)"):
        _ingest(con, old, tmp_path)
