"""Bank statements (MT940, camt.053, bank CSV) and settlement bills (Alipay, WeChat Pay)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from connectors.errors import IngestError
from connectors.ingest import ingest_files

FIX = Path(__file__).parent / "fixtures" / "sources"


def _load(con, fmt, name, tmp_path):
    options = (
        {"currency": "CNY"} if fmt == "bank-csv" else None
    )  # the account's currency (--currency): the files state none
    return ingest_files(
        con, fmt, [FIX / name], rejects_dir=tmp_path, progress=False, options=options
    ).files[0]


def _bank(con):
    return con.execute(
        "select account_no, booked_at::varchar, value_date::varchar, amount, currency, "
        "counterparty_name, counterparty_account, memo, bank_ref from bank_transactions "
        "order by booked_at, amount"
    ).fetchall()


def test_mt940(con, tmp_path):
    f = _load(con, "mt940", "statement.mt940", tmp_path)
    assert (f.rows_loaded, f.rows_rejected) == (3, 0)
    rows = _bank(con)
    assert rows[0][:7] == (
        "CN12345678901234567",
        "2026-02-10 00:00:00",
        "2026-02-10",
        Decimal("-1250.50"),
        "CNY",
        "SF EXPRESS",
        None,
    )
    assert rows[1][3] == Decimal("50000.00") and rows[1][5] == "SHANGHAI MOUXIN TRADING CO"
    assert rows[1][6] == "6222021000001111" and "JD20260210001+FREIGHT" in rows[1][7]
    assert rows[2][3] == Decimal("3000.00") and rows[2][1] == "2026-02-11 00:00:00"


def test_camt053(con, tmp_path):
    f = _load(con, "camt053", "statement_camt053.xml", tmp_path)
    assert f.rows_loaded == 3
    rows = _bank(con)
    assert rows[0] == (
        "6222021000001234",
        "2026-02-10 00:00:00",
        "2026-02-10",
        Decimal("-1250.50"),
        "CNY",
        "顺丰速运有限公司",
        None,
        "运费 SF 2026-02",
        "CB2602100002",
    )
    assert rows[1] == (
        "6222021000001234",
        "2026-02-10 10:15:00",
        "2026-02-10",
        Decimal("50000.00"),
        "CNY",
        "上海某某贸易有限公司",
        "6217000011112222",
        "附言:订单号JD20260210001+运费",
        "CB2602100001",
    )
    assert rows[2][3] == Decimal("8888.00") and rows[2][7] == "支付宝结算 2026-02-10"


def test_camt053_refuses_other_xml_and_entities(con, tmp_path):
    other = tmp_path / "pain.xml"
    other.write_text('<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.001.001.03"/>')
    with pytest.raises(IngestError, match=r"not an ISO 20022 camt\.053"):
        ingest_files(con, "camt053", [other], progress=False)
    bomb = tmp_path / "bomb.xml"
    bomb.write_text('<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaa">]><d>&a;</d>')
    with pytest.raises(IngestError, match="forbidden"):
        ingest_files(con, "camt053", [bomb], progress=False)


def test_bank_csv_gbk_with_preamble(con, tmp_path):
    f = _load(con, "bank-csv", "bank_icbc_gbk.csv", tmp_path)
    assert (f.rows_read, f.rows_loaded, f.rows_rejected) == (5, 3, 2)
    assert {r["line"]: r["reason"] for r in f.rejects} == {
        9: "both 收入金额 and 支出金额 filled",
        10: "bad amount in 收入金额: 'abc' (declared number format 1,234.56: '.' before at most "
        "2 decimals, ',' (or an apostrophe or a space) only between groups of 3 digits)",
    }
    rows = _bank(con)
    # two identical-looking transfers (different 流水号) both kept; full-width 支出 parsed
    assert [(r[1], r[3], r[8]) for r in rows] == [
        ("2026-02-10 10:15:00", Decimal("50000.00"), "ICBC0001"),
        ("2026-02-10 14:00:00", Decimal("50000.00"), "ICBC0002"),
        ("2026-02-10 16:30:00", Decimal("-1250.50"), "ICBC0003"),
    ]
    assert rows[0][0] == "6222 0210 0000 1234" and rows[0][5] == "上海某某贸易有限公司"
    assert rows[0][7].startswith("附言:订单号JD20260210001+运费")


def test_overlapping_statement_adds_nothing_but_identical_lines_survive(con, tmp_path):
    text = (FIX / "bank_icbc_gbk.csv").read_bytes().decode("gbk")
    lines = text.splitlines(keepends=True)
    # header block + a line twice (a real duplicate payment: no bank serial; the same serial
    # twice is one line a page break repeated, see test_bank_paged_exports.py)
    once = lines[5].replace(",ICBC0001", ",")
    twice = [*lines[:5], once, once]
    a = tmp_path / "a.csv"
    a.write_bytes("".join(twice).encode("gbk"))
    cny = {"currency": "CNY"}  # the account's currency (--currency): the files state none
    ingest_files(con, "bank-csv", [a], rejects_dir=tmp_path, progress=False, options=cny)
    assert con.execute("select count(*) from bank_transactions").fetchone()[0] == 2
    b = tmp_path / "b.csv"  # next download overlaps: same two lines + one more
    b.write_bytes("".join([*twice, lines[7]]).encode("gbk"))
    f = ingest_files(con, "bank-csv", [b], rejects_dir=tmp_path, progress=False, options=cny).files[
        0
    ]
    assert (f.rows_loaded, f.rows_duplicate) == (1, 2)


def test_alipay_bill(con, tmp_path):
    f = _load(con, "alipay", "alipay_bill_gbk.csv", tmp_path)
    assert (f.rows_loaded, f.rows_rejected) == (3, 1)
    assert f.rejects[0]["line"] == 9 and "业务类型" in f.rejects[0]["reason"]
    rows = con.execute(
        "select bill_id, channel_order_no, trade_time::varchar, gross_amount, fee_amount, "
        "net_amount, bill_type from payment_bills order by trade_time"
    ).fetchall()
    assert rows[0] == (
        "alipay:2026021022001123456789",
        "3917364521098765432",
        "2026-02-10 08:01:12",
        Decimal("1244.50"),
        Decimal("7.47"),
        Decimal("1237.03"),
        "payment",
    )
    assert rows[2] == (
        "alipay:2026021022001123456789:RF20260211001",
        "3917364521098765432",
        "2026-02-11 10:00:00",
        Decimal("-100.00"),
        Decimal("-0.60"),
        Decimal("-99.40"),
        "refund",
    )


def test_wechat_bill(con, tmp_path):
    f = _load(con, "wechat", "wechat_bill.csv", tmp_path)
    assert (f.rows_read, f.rows_loaded, f.rows_rejected) == (3, 2, 1)
    rows = con.execute(
        "select bill_id, channel_order_no, gross_amount, fee_amount, net_amount, bill_type "
        "from payment_bills order by trade_time"
    ).fetchall()
    assert rows == [
        (
            "wechat:4200001234202602100000000001",
            "WX20260210000123",
            Decimal("1020.00"),
            Decimal("6.12"),
            Decimal("1013.88"),
            "payment",
        ),
        (
            "wechat:4200001234202602100000000001:refund:50000123412026021100000000001",
            "WX20260210000123",
            Decimal("-20.00"),
            Decimal("-0.12"),
            Decimal("-19.88"),
            "refund",
        ),
    ]
