"""A WeChat Pay merchant fund-flow bill (资金账单): one signed-by-word amount column.

The bill writes the direction in 收支类型 (收入 / 支出) beside one 收支金额（元） column, its line
serial in 资金流水单号 and the merchant's order number in 业务凭证号, every value behind a
backtick. The reader knew none of those names and refused the whole file ("no amount
column"), so a merchant's WeChat receipts never reached reconciliation. Found by the dev half
of the fifth independent statement set (``tests/eval/recon_independent5``, case a); the file
here is written by hand with other names and numbers.
"""

from __future__ import annotations

from decimal import Decimal

import duckdb
import pytest

from connectors.ingest import ingest_files
from connectors.warehouse import ensure_schema

BILL = """记账时间,微信支付业务单号,资金流水单号,业务名称,业务类型,收支类型,收支金额（元）,账户结余（元）,资金变更提交申请人,备注,业务凭证号
`2026-11-02 10:00:00,`4200000001,`1900000000000000001,`交易,`交易,`收入,`520.00,`520.00,`system,`,`QX2611020001
`2026-11-02 10:00:00,`4200000001,`1900000000000000002,`扣除交易手续费,`手续费,`支出,`3.12,`516.88,`system,`,`QX2611020001
`2026-11-03 09:30:00,`5000000002,`1900000000000000003,`退款,`退款,`支出,`100.00,`416.88,`admin,`部分退款,`RFQX2611020001
"""


@pytest.fixture(scope="module")
def rows(tmp_path_factory):
    """The bill ingested once: bank lines by their serial (资金流水单号)."""
    tmp = tmp_path_factory.mktemp("wechat")
    (tmp / "fund_bill.csv").write_text(BILL, encoding="utf-8-sig")
    con = duckdb.connect(":memory:")
    ensure_schema(con)
    ingest_files(con, "bank-csv", [tmp / "fund_bill.csv"], rejects_dir=tmp / "rej",
                 progress=False, options={})  # fmt: skip
    got = con.execute("select bank_ref, amount, currency, memo from bank_transactions").fetchall()
    con.close()
    return {r[0]: r[1:] for r in got}


def test_money_in_carries_the_order_number_in_its_memo(rows):
    amount, currency, memo = rows["1900000000000000001"]
    assert (amount, currency) == (Decimal("520.00"), "CNY")  # （元） in the amount header
    assert "QX2611020001" in memo


def test_the_direction_column_signs_fees_and_refunds(rows):
    assert rows["1900000000000000002"][0] == Decimal("-3.12")
    assert rows["1900000000000000003"][0] == Decimal("-100.00")
    assert len(rows) == 3
