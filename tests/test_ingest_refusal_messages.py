"""Refusals name the person's own file and say what the file is and what to do.

Why (session 20's notes, fixed in session 21): the WeChat Pay, Alipay and tracking readers
convert a file to a UTF-8 copy in a temp directory before DuckDB reads it, and a refusal raised
while reading the copy named the copy (``…/orderlens-ingest-…/bill.wechat.csv``), a path the
person never saw and that no longer exists; only the bank CSV reader named the user's file. And a
payment provider's settlement report fed as ``bank-csv`` was refused with the generic "no header
line with a date column … is this a bank statement CSV?", which does not say what it is. Every
file here is written by the test (invented names and numbers).
"""

from __future__ import annotations

import pytest

from connectors.errors import IngestError
from connectors.ingest import ingest_files


def _refusal(con, fmt: str, path, tmp_path) -> str:
    with pytest.raises(IngestError) as exc:
        ingest_files(con, fmt, [path], rejects_dir=tmp_path / "rej", progress=False)
    return str(exc.value)


@pytest.mark.parametrize(
    ("fmt", "name", "text", "encoding"),
    [
        ("wechat", "微信账单_20770301.csv", "交易时间,,微信订单号\n`2077-03-01 10:00:00,`x,`42000077\n",
         "utf-8"),
        ("alipay", "支付宝账单_20770301.csv", "#支付宝业务明细\n支付宝交易号,,商户订单号\n2077,y,Z1\n",
         "gbk"),
        # GBK: a UTF-8 tracking CSV is read in place; only a converted one was named wrongly
        ("tracking", "运单_20770301.csv", "快递公司,,运单号,状态描述\n青鸟快运,z,QX770001,已签收\n",
         "gbk"),
    ],
)  # fmt: skip
def test_a_refusal_while_reading_the_converted_copy_names_the_users_file(
    con, tmp_path, fmt, name, text, encoding
) -> None:
    path = tmp_path / name
    path.write_text(text, encoding=encoding)
    msg = _refusal(con, fmt, path, tmp_path)
    assert msg.startswith(f"{path}: column 2 of the header has no name")
    assert "orderlens-ingest-" not in msg  # the temp copy's directory


def test_an_empty_bill_names_the_users_file(con, tmp_path) -> None:
    path = tmp_path / "空账单.csv"
    path.write_text("", encoding="utf-8")
    msg = _refusal(con, "wechat", path, tmp_path)
    assert str(path) in msg
    assert "orderlens-ingest-" not in msg


SETTLEMENT_DETAIL = (
    "Company Account,Merchant Account,Psp Reference,Merchant Reference,Payment Method,"
    "Creation Date,TimeZone,Type,Gross Currency,Gross Debit (GC),Gross Credit (GC),"
    "Net Currency,Net Debit (NC),Net Credit (NC),Commission (NC),Batch Number\n"
    "NorthwindCo,NorthwindShop,8817700000000001,QX-77-0001,visa,2077-03-01 10:00:00,CET,"
    "Settled,EUR,,120.00,EUR,,118.20,1.80,12\n"
)


def test_a_providers_settlement_report_is_named_and_the_person_told_what_to_ingest(
    con, tmp_path
) -> None:
    path = tmp_path / "settlement_detail_report_batch_12.csv"
    path.write_text(SETTLEMENT_DETAIL, encoding="utf-8")
    msg = _refusal(con, "bank-csv", path, tmp_path)
    assert msg.startswith(f"{path}: this looks like a payment provider's settlement or payout")
    assert "Psp Reference" in msg and "Net Credit (NC)" in msg and "Commission (NC)" in msg
    assert "Ingest the bank statement that shows the payout" in msg
    assert "Nothing was loaded" in msg
    assert con.execute("select count(*) from bank_transactions").fetchone()[0] == 0


def test_a_file_without_a_date_header_and_without_that_split_keeps_the_plain_refusal(
    con, tmp_path
) -> None:
    # one word away from the report above: a plain list with an amount and a reference only
    path = tmp_path / "list.csv"
    path.write_text("Merchant Reference,Amount\nQX-77-0001,120.00\n", encoding="utf-8")
    msg = _refusal(con, "bank-csv", path, tmp_path)
    assert "no header line with a date column" in msg
    assert "settlement" not in msg
