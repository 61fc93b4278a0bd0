"""Bank CSVs that are not a Chinese bank's 网银 export: a payment platform's account ledger
(支付宝账务明细) and an English-language bank's activity CSV. Both were refused whole ("no header
line with a date column"), so their payments never reached reconciliation. Found by the fourth
independent statement set (``tests/eval/recon_independent4``, cases a1 and b1); the files here
are written by hand with other names and numbers."""

from __future__ import annotations

from decimal import Decimal

import duckdb
import pytest

from connectors.ingest import ingest_files
from connectors.warehouse import ensure_schema

LEDGER = """#支付宝账务明细查询
#账号：[20880000111122223333]
#-----------------------------------------账务明细列表----------------------------------------
账务流水号,业务流水号,商户订单号,商品名称,发生时间,对方账号,收入金额（+元）,支出金额（-元）,账户余额（元）,交易渠道,业务类型,备注
20261101000000000001\t,2026110122000000000001\t,AB2611010001\t,灯具\t,2026-11-01 10:00:00\t,buyer@example.com\t,450.00\t,\t,450.00\t,支付宝\t,在线支付\t,\t
20261101000000000002\t,2026110122000000000001\t,AB2611010001\t,服务费\t,2026-11-01 10:00:00\t,\t,\t,-2.70\t,447.30\t,支付宝\t,收费\t,\t
#-----------------------------------------账务明细列表结束------------------------------------
#收入合计：1笔，共450.00元
"""

ACTIVITY = """Account Number:,XXXX0001
Statement Period:,11/01/2026 - 11/30/2026

POSTING DATE,Description,Reference No.,Debit,Credit,Balance
11/02/2026,"ACH CREDIT NORTHWIND CO INV AB2611020002",R1,,"1,200.00","2,200.00"
11/13/2026,"WIRE FEE",R2,"(15.00)",,"2,185.00"
11/14/2026,"PAYROLL",R3,"1,000.00-",,"1,185.00"
11/15/2026,"STRAY",R4,"-5.00-",,"1,180.00"
,,Total Credits,,"1,200.00",
"""


@pytest.fixture(scope="module")
def loaded(tmp_path_factory):
    """Both files ingested once into one in-memory warehouse: (bank lines by ref, reports)."""
    tmp = tmp_path_factory.mktemp("foreign")
    con = duckdb.connect(":memory:")
    ensure_schema(con)
    (tmp / "ledger.csv").write_bytes(LEDGER.replace("\n", "\r\n").encode("gbk"))
    (tmp / "activity.csv").write_text(ACTIVITY, encoding="utf-8")
    reports = {}
    # the US activity states no currency: its holder gives it (--currency USD)
    for name, options in (("ledger.csv", {}), ("activity.csv", {"currency": "USD"})):
        report = ingest_files(
            con, "bank-csv", [tmp / name], rejects_dir=tmp / "rej", progress=False, options=options
        )
        reports[name] = report.files[0]
    rows = con.execute(
        "select bank_ref, amount, booked_at, memo, counterparty_account from bank_transactions"
    ).fetchall()
    con.close()
    return {r[0]: r[1:] for r in rows}, reports


def test_an_alipay_ledger_loads_with_its_order_number_in_the_memo(loaded):
    rows, _ = loaded
    amount, booked, memo, account = rows["20261101000000000001"]
    assert (amount, str(booked), memo, account) == (
        Decimal("450.00"), "2026-11-01 10:00:00", "AB2611010001", "buyer@example.com"
    )  # fmt: skip
    # the withheld fee is its own money-out line (支出金额（-元）: the sign follows the column)
    assert rows["20261101000000000002"][0] == Decimal("-2.70")


def test_an_english_bank_csv_loads_with_brackets_trailing_minus_and_month_first(loaded):
    rows, reports = loaded
    assert rows["R1"][0] == Decimal("1200.00") and str(rows["R1"][1]) == "2026-11-02 00:00:00"
    assert "AB2611020002" in rows["R1"][2]
    assert rows["R2"][0] == Decimal("-15.00")  # (15.00) in Debit
    assert rows["R3"][0] == Decimal("-1000.00")  # 1,000.00- : a trailing minus
    assert "R4" not in rows  # -5.00- carries two signs: a reject, never a guess
    assert reports["activity.csv"].skipped == {"totals rows": 1}
