"""Export shapes the seventeenth independent set (``recon_independent17``, session 26) found unread.

Every file here is invented (made-up banks' layouts, payers, numbers and month; not the set's
files):

* Japanese downloads dating lines in the Japanese era (``令和17年3月4日``, ``R17.03.04``);
* Thai downloads dating lines in the Buddhist era (``04/03/2578`` is 4 March 2035);
* Vietnamese headers (``Ngày giao dịch``, ``Số tiền ghi nợ`` / ``ghi có``, ``Số dư``) and VND
  amounts grouped by points with no decimals (``12.500.000``; ``250.000`` beside it is 250,000);
* Thai headers (``วันที่``, ``ถอนเงิน`` / ``ฝากเงิน``, ``ยอดคงเหลือ``);
* a Ukrainian Windows-1251 download (``Дата операції``, ``Дебет`` / ``Кредит``, ``Валюта;UAH``).
"""

from __future__ import annotations

from decimal import Decimal

import duckdb
import pytest

from connectors.errors import IngestError
from connectors.sources._tabular import install_macros
from tests.bank_files import ingest_path, ingest_text


def _lines(con) -> list[tuple]:
    return con.execute(
        "select booked_at::date::varchar, amount, currency, memo "
        "from bank_transactions order by booked_at, amount"
    ).fetchall()


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("令和17年3月4日", "2035-03-04"),
        ("R17.03.04", "2035-03-04"),
        ("令和元年5月1日", "2019-05-01"),
        ("H30.12.28", "2018-12-28"),
        ("2578-03-04", "2035-03-04"),
        ("2035-03-04", "2035-03-04"),
        ("R17.13.04", None),  # no 13th month in any calendar
    ],
)
def test_era_dates_are_the_gregorian_days_they_name(text, day):
    con = duckdb.connect()
    install_macros(con)
    got = con.execute("select ol_date(?)::varchar", [text]).fetchone()
    assert got == (day,)


def test_day_first_buddhist_era_dates(con, tmp_path):
    text = (
        "วันที่,รายการ,ถอนเงิน,ฝากเงิน,ยอดคงเหลือ,รายละเอียด\n"
        '28/02/2578,รับโอนเงิน,"","3,150.00","53,150.00",รับโอนจาก บจก. ลำปางเซรามิค\n'
        '04/03/2578,ค่าธรรมเนียม,"20.00","","53,130.00",ค่าธรรมเนียมโอนเงิน\n'
    )
    report = ingest_text(con, tmp_path, text, currency="THB")
    assert (report.rows_loaded, report.rows_rejected) == (2, 0)
    assert _lines(con) == [
        ("2035-02-28", Decimal("3150.00"), "THB", "รับโอนเงิน รับโอนจาก บจก. ลำปางเซรามิค"),
        ("2035-03-04", Decimal("-20.00"), "THB", "ค่าธรรมเนียม ค่าธรรมเนียมโอนเงิน"),
    ]


def test_japanese_era_dates_in_a_shift_jis_download(con, tmp_path):
    path = tmp_path / "meisai.csv"
    text = (
        "日付,摘要,お引出金額,お預入金額,差引残高\n"
        '令和17年3月4日,振込 ｶ)ﾎｸﾄｼﾖｳｶｲ,"","61,000","1,061,000"\n'
        'R17.03.09,振込手数料,"330","","1,060,670"\n'
    )
    path.write_bytes(text.encode("cp932"))
    report = ingest_path(con, path, tmp_path, currency="JPY")
    assert (report.rows_loaded, report.rows_rejected) == (2, 0)
    assert [r[:3] for r in _lines(con)] == [
        ("2035-03-04", Decimal("61000.00"), "JPY"),
        ("2035-03-09", Decimal("-330.00"), "JPY"),
    ]


VIETNAMESE = (
    "Số tài khoản: 0491000123456\n"
    "Loại tiền: VND\n"
    "STT,Ngày giao dịch,Số tiền ghi nợ,Số tiền ghi có,Số dư,Nội dung chi tiết\n"
    '1,04/03/2035,"","12.500.000","112.500.000",CONG TY TNHH AN PHU TT HD 0304\n'
    '2,09/03/2035,"22.000","","112.478.000",PHI SMS BANKING\n'
    '3,15/03/2035,"","250.000","112.728.000",TRAN THI BINH CHUYEN TIEN\n'
    '4,21/03/2035,"","3.40.000","112.728.000",CONG TY TNHH AN PHU TT HD 0321\n'
)


def test_vietnamese_columns_and_vnd_amounts_grouped_by_points(con, tmp_path):
    report = ingest_text(con, tmp_path, VIETNAMESE)
    assert (report.rows_loaded, report.rows_rejected) == (3, 1)  # '3.40.000' is no amount
    assert _lines(con) == [
        ("2035-03-04", Decimal("12500000.00"), "VND", "CONG TY TNHH AN PHU TT HD 0304"),
        ("2035-03-09", Decimal("-22000.00"), "VND", "PHI SMS BANKING"),
        ("2035-03-15", Decimal("250000.00"), "VND", "TRAN THI BINH CHUYEN TIEN"),
    ]


def test_points_that_group_nothing_else_still_refuse_an_ambiguous_file(con, tmp_path):
    # probe: '500.000' and '22.000' alone (no two-point value, no cents) are 500 or 500000
    text = (
        "Loại tiền: VND\n"
        "STT,Ngày giao dịch,Số tiền ghi nợ,Số tiền ghi có,Nội dung chi tiết\n"
        '1,04/03/2035,"","500.000",CONG TY TNHH AN PHU TT HD 0304\n'
        '2,09/03/2035,"22.000","",PHI SMS BANKING\n'
    )
    with pytest.raises(IngestError, match="declare the format"):
        ingest_text(con, tmp_path, text)


def test_a_ukrainian_cp1251_download_is_read(con, tmp_path):
    path = tmp_path / "vypyska.csv"
    text = (
        "Рахунок;UA213052990000026007654321098\n"
        "Валюта;UAH\n"
        "Дата операції;Контрагент;Призначення платежу;Дебет;Кредит\n"
        "04.03.2035;ТОВ Полтава Зерно;Оплата за рахунком 304;;18 400,00\n"
        "09.03.2035;АТ Банк;Комісія за обслуговування;125,50;\n"
    )
    path.write_bytes(text.encode("cp1251"))
    report = ingest_path(con, path, tmp_path)
    assert (report.rows_loaded, report.rows_rejected) == (2, 0)
    assert _lines(con) == [
        ("2035-03-04", Decimal("18400.00"), "UAH", "Оплата за рахунком 304"),
        ("2035-03-09", Decimal("-125.50"), "UAH", "Комісія за обслуговування"),
    ]
    assert con.execute("select counterparty_name from bank_transactions order by booked_at").fetchall() == [
        ("ТОВ Полтава Зерно",), ("АТ Банк",)
    ]  # fmt: skip
