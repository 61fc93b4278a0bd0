"""A Chinese bank download's own date, payer and reversal columns, status columns that say a
line is not booked, and zeros after the cents (session 15, found by recon-independent6's dev
half: a 招商银行 企业银行 download loaded nothing, a Sparkasse pending line loaded as money).

* ``交易日`` (yyyymmdd) is the date and ``交易时间`` (a time alone) its time; ``收(付)方名称`` /
  ``收（付）方帐号`` (either bracket width) are the payer and the payer's account.
* a ``冲帐标志`` of ``*`` puts the reversal mark in front of the memo (an unknown mark: a reject);
* a status column (``Info``, ``Status``, 交易状态) holding a known state: pending / declined
  lines are skipped and counted, an unknown state is a reject, free text in ``Info`` is left;
* ``1,280.000`` writes both marks and reads 1,280.00; ``2,365.405`` (half a fen) is a reject.
Files written by hand for an invented bank.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

import pytest

from connectors.sources._bank import REVERSAL_MARK
from tests.bank_files import ingest_text as _ingest

NOT_BOOKED = "lines not booked (pending, declined, failed)"


DOWNLOAD = (
    "某某银行账户明细\n账号:,622200001111\n币种:,人民币\n\n"
    "交易日,交易时间,借方金额,贷方金额,余额,摘要,流水号,用途,收（付）方名称,收(付)方帐号,冲帐标志\n"
    '20280301,,,,"5,000.00",期初余额,,,,,\n'
    '20280302,10:15:00,,"1,280.000","6,280.000",汇入,R1,货款 PO-77,河北衡水(冀州)机械厂,1300111,\n'
    '20280303,09:00:00,"1,280.00",,"5,000.00",冲账,R2,原流水号R1,河北衡水(冀州)机械厂,1300111,*\n'
    '20280304,11:00:00,,"2,365.405","7,365.405",汇入,R3,货款 PO-78,山西晋中纺织厂,1400222,\n'
    '20280305,16:30:00,,300.00,"5,300.00",汇入,R4,货款 PO-79,山西晋中纺织厂,1400222,X\n'
)


@pytest.fixture
def download(con, tmp_path):
    f = _ingest(con, tmp_path, DOWNLOAD)
    rows = con.execute(
        """select booked_at, amount, counterparty_name, counterparty_account, memo, bank_ref
           from bank_transactions order by booked_at"""
    ).fetchall()
    rejects = [f"{r['line']} {r['reason']}" for r in f.rejects]
    return f, rows, rejects


def test_the_date_column_is_the_day_and_the_time_column_its_time(download):
    f, rows, _ = download
    assert [r[0] for r in rows] == [datetime(2028, 3, 2, 10, 15), datetime(2028, 3, 3, 9, 0)]
    assert (f.rows_loaded, f.rows_rejected) == (2, 2)
    assert f.skipped == {"balance lines (opening / closing balance)": 1}  # 期初余额, no amount


def test_the_payer_columns_are_read_in_either_bracket_width(download):
    _, rows, _ = download
    assert [(r[2], r[3]) for r in rows] == [("河北衡水(冀州)机械厂", "1300111")] * 2


def test_zeros_after_the_cents_read_exactly_and_half_a_fen_is_a_reject(download):
    _, rows, rejects = download
    assert rows[0][1] == Decimal("1280.00")
    assert any(r.startswith("9 ") and "2,365.405" in r for r in rejects)


def test_the_reversal_flag_marks_the_memo_and_an_unknown_flag_is_a_reject(download):
    _, rows, rejects = download
    assert rows[1][1] == Decimal("-1280.00")
    assert rows[1][4].startswith(REVERSAL_MARK)
    assert not rows[0][4].startswith(REVERSAL_MARK)
    assert any("unknown 冲帐标志 value" in r for r in rejects)


STATUS = (
    "Buchungstag;Verwendungszweck;Betrag;Waehrung;Info\n"
    "01.03.28;PO-1 Zahlung;100,00;EUR;Umsatz gebucht\n"
    "02.03.28;PO-2 Zahlung;200,00;EUR;Umsatz vorgemerkt\n"
    "03.03.28;PO-3 Zahlung;300,00;EUR;Umsatz in Klärung\n"
)


def test_a_pending_line_is_skipped_and_an_unknown_state_is_a_reject(con, tmp_path):
    f = _ingest(con, tmp_path, STATUS, amount_format="1.234,56")
    assert con.execute("select amount from bank_transactions").fetchall() == [(Decimal("100.00"),)]
    assert (f.rows_loaded, f.rows_rejected, f.skipped) == (1, 1, {NOT_BOOKED: 1})
    assert "Info says 'umsatz in klärung'" in f.rejects[0]["reason"]


def test_english_status_words_and_free_text_in_an_info_column(con, tmp_path):
    text = (
        "Date,Description,Amount,Currency,State\n2028-03-01,PO-1,10.00,USD,COMPLETED\n"
        "2028-03-02,PO-2,20.00,USD,PENDING\n2028-03-03,PO-3,30.00,USD,DECLINED\n"
    )
    f = _ingest(con, tmp_path, text)
    assert (f.rows_loaded, f.rows_rejected, f.skipped) == (1, 0, {NOT_BOOKED: 2})
    free = "Date,Description,Amount,Currency,Info\n2028-03-04,PO-4,40.00,USD,paid by phone\n"
    g = _ingest(con, tmp_path, free, name="t.csv")
    assert (g.rows_loaded, g.rows_rejected, g.skipped) == (1, 0, {})
