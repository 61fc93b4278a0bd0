"""Two bank-reader habits found by the blind set recon-independent7's dev half (session 16).

Before: a Chinese statement's red-ink reversal (红字冲正: the bank takes a credit back by writing
a NEGATIVE amount in the credit column, its 摘要 saying 冲正) was a reject, so the payment it
undid stayed in the bank and closed green — a wrong green; and a card acquirer's sales detail
(拉卡拉-style: 终端号, 卡号, 结算金额) loaded as a bank statement, each card sale becoming money on
the account beside the acquirer's lump that really reached it (counted twice). The files here
are written by hand for another business than that set's.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from connectors.errors import IngestError
from tests.bank_files import ingest_text

HEAD = "某银行对公账户交易明细\n账号,6222000011112222\n币种,人民币\n\n"
COLS = "交易日期,摘要,借方发生额（支出）,贷方发生额（收入）,账户余额,对方户名,用途,交易流水号\n"
PAY = '2027-03-02,汇入汇款,,"4,200.00","14,200.00",甲乙茶叶有限公司,货款 T1001,S0001\n'


def test_a_red_ink_reversal_in_the_credit_column_is_money_out_and_marked(con, tmp_path):
    text = (
        HEAD
        + COLS
        + PAY
        + ('2027-03-03,冲正,,"-4,200.00","10,000.00",甲乙茶叶有限公司,冲正 S0001,S0002\n')
    )
    report = ingest_text(con, tmp_path, text)
    assert report.rows_loaded == 2 and report.rows_rejected == 0
    rows = con.execute(
        "select bank_ref, amount, memo from bank_transactions order by bank_ref"
    ).fetchall()
    assert rows[0][:2] == ("S0001", Decimal("4200.00"))
    assert rows[1][:2] == ("S0002", Decimal("-4200.00"))
    assert rows[1][2].startswith("[冲正 reversal]")  # reconciliation reads reversals by it


def test_a_negative_credit_that_does_not_say_reversal_is_still_a_reject(con, tmp_path):
    text = (
        HEAD
        + COLS
        + PAY
        + ('2027-03-03,汇入汇款,,"-4,200.00","10,000.00",甲乙茶叶有限公司,货款,S0002\n')
    )
    report = ingest_text(con, tmp_path, text)
    assert report.rows_loaded == 1 and report.rows_rejected == 1
    assert con.execute("select count(*) from bank_transactions where amount < 0").fetchone() == (0,)


def test_a_card_acquirers_sales_detail_is_refused_as_a_statement(con, tmp_path):
    text = (
        "某收单机构 商户交易明细\n商户编号,898100012345678\n\n"
        "交易日期,交易时间,终端号,卡号,交易金额,手续费,结算金额,参考号\n"
        '2027-03-05,10:01:02,T0091,621700******0001,"980.00",3.72,"976.28",R77001\n'
    )
    with pytest.raises(IngestError, match=r"card acquirer's sales detail \(columns 终端号, 卡号\)"):
        ingest_text(con, tmp_path, text)
    assert con.execute("select count(*) from bank_transactions").fetchone() == (0,)


def test_a_statement_with_a_card_column_but_no_settlement_still_loads(con, tmp_path):
    text = (
        "Date,Description,Card number,Amount,Fee,Balance,Currency\n"
        "2027-03-05,Invoice 8812 paid,,120.00,0.00,1120.00,EUR\n"
        "2027-03-06,Coffee beans,4111********1111,-30.00,0.00,1090.00,EUR\n"
    )
    report = ingest_text(con, tmp_path, text)
    assert report.rows_loaded == 2
