"""Export shapes the twentieth independent set (``recon_independent20``, session 29) and set 19's
leftovers found unread or misread.

Every file here is invented (made-up banks' layouts, payers, numbers and month; not the set's
files):

* a lone dash in the money column a line does not use (``收入金额 1,000.00`` / ``支出金额 -``;
  Excel's accounting format shows a zero so) — every line of such an export was a reject ("bad
  amount: '-'"); a dash beside digits (``--25.00``) stays a reject and a line with a dash in both
  columns has no amount;
* a Russian-language bank's ``ВОЗВРАТ`` (return) of a credit holds the payment it sends back, as
  ``СТОРНО`` does — it stayed green; a word that only begins so (``ВОЗВРАТНАЯ ТАРА``, returnable
  packaging) is no such return;
* ВТБ's export (``Дата и время операции`` one date-time cell, ``Номер операции`` the bank's serial,
  ``Плательщик / получатель``, one signed ``Сумма`` with the U+2212 minus sign, the currency only
  as ``Китайский юань``) was refused for "no date column"; ``−−`` (two signs) stays a reject;
* a Taiwanese bank's Big5 download (``幣別：新臺幣``, ``餘額``, ``備註``) was refused as GBK mojibake;
  its Republic-of-China dates (``125/03/05``: 民國 125 is 2036, year + 1911; ``民國125年3月6日``) were
  rejects; a seven-digit ``1250307`` stayed one (session 30: it is read when the file's other
  dates prove the era and width, as here — ``tests/test_bank_recon30_shapes.py`` has the cases
  without proof); a GBK export still reads as GBK;
* an M-PESA statement (``Receipt No.``, ``Completion Time``, ``Transaction Status``, ``Paid In`` /
  ``Withdrawn``) was refused for "no date column"; its Failed transfer is no line;
* BCP's (Peru) ``Operación - Número`` is the bank's number of the line: read as its serial;
* a CSV without a header row (CommBank-style: date, signed amount, text, balance) stays refused —
  which number is the amount and which the balance is not guessed — and the refusal now says what
  header line to add;
* two flows booked the same day (a statement without times) are in the bank's serial order, not
  their line ids' (a hash), where instalments are counted (``07_reference_parts``) and where a
  return is paired with the latest earlier payment (``01_load_flows``): the serials below were
  picked so that the hash order is the opposite of the serial order (checked: on main the later
  payment's reason, and which payment a return held, followed the hash).
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from connectors.errors import IngestError
from tests.bank_files import ingest_path, ingest_text, reconciled_flows


def _lines(con) -> list[tuple]:
    return con.execute(
        "select booked_at::date::varchar, amount, bank_ref from bank_transactions order by 1, 3"
    ).fetchall()


def test_a_lone_dash_is_an_empty_money_cell(con, tmp_path):
    text = (
        "币种:\t人民币\n"
        "交易日期\t交易流水号\t摘要\t收入金额\t支出金额\t余额\t对方户名\n"
        "2036/3/5\tQX01\t转入\t1,000.00\t-\t11,000.00\t牡丹江木耳有限公司\n"
        "2036/3/6\tQX02\t手续费\t－\t25.00\t10,975.00\t\n"
        "2036/3/7\tQX03\t手续费\t-\t-\t10,975.00\t\n"  # no amount at all: a reject
        "2036/3/8\tQX04\t手续费\t-\t--25.00\t10,950.00\t\n"  # two signs: a reject
    )
    report = ingest_text(con, tmp_path, text)
    assert (report.rows_loaded, report.rows_rejected) == (2, 2)
    assert _lines(con) == [
        ("2036-03-05", Decimal("1000.00"), "QX01"),
        ("2036-03-06", Decimal("-25.00"), "QX02"),
    ]


def test_a_lone_dash_in_a_single_amount_column_is_no_amount(con, tmp_path):
    text = (
        "币种,人民币\n"
        "交易日期,交易流水号,摘要,交易金额,余额\n"
        '2036-03-05,QY01,转入,"1,000.00","11,000.00"\n'
        '2036-03-06,QY02,查询,-,"11,000.00"\n'
    )
    report = ingest_text(con, tmp_path, text)
    assert (report.rows_loaded, report.rows_rejected) == (1, 1)
    assert _lines(con) == [("2036-03-05", Decimal("1000.00"), "QY01")]
    [rejects] = (tmp_path / "rej").glob("*.rejects.csv")  # why: no amount, not a bad one
    assert "no amount in 交易金额" in rejects.read_text() and "bad" not in rejects.read_text()


def test_a_vtb_export_with_date_and_time_in_one_cell(con, tmp_path):
    text = (
        "Банк ВТБ (ПАО)\nВыписка по счету 40702156900000000001\nВалюта счета,Китайский юань\n\n"
        "Дата и время операции,Номер операции,Плательщик / получатель,Назначение,Сумма,Остаток\n"
        '14.03.2036 10:07,VTB3603140001,"ООО ТУЛА ПРЯНИК","Оплата по счету TP360301001",'
        '"4 150,00","254 150,00"\n'
        '15.03.2036 11:14,VTB3603150002,"ООО ТУЛА ПРЯНИК","ВОЗВРАТ ПЛАТЕЖА ОТПРАВИТЕЛЮ",'
        '"\u22124 150,00","250 000,00"\n'
        '16.03.2036 09:30,VTB3603160003,"ООО ТУЛА ПРЯНИК","Комиссия","\u2212\u221235,00",'
        '"249 965,00"\n'
    )
    report = ingest_text(con, tmp_path, text)
    assert (report.rows_loaded, report.rows_rejected) == (2, 1)  # −−35,00: two signs
    assert con.execute(
        "select booked_at::varchar, amount, currency, bank_ref, counterparty_name, memo "
        "from bank_transactions order by 1"
    ).fetchall() == [  # Назначение is the memo: without it the ВОЗВРАТ was never seen
        ("2036-03-14 10:07:00", Decimal("4150.00"), "CNY", "VTB3603140001", "ООО ТУЛА ПРЯНИК",
         "Оплата по счету TP360301001"),
        ("2036-03-15 11:14:00", Decimal("-4150.00"), "CNY", "VTB3603150002", "ООО ТУЛА ПРЯНИК",
         "ВОЗВРАТ ПЛАТЕЖА ОТПРАВИТЕЛЮ"),
    ]  # fmt: skip


def test_a_big5_download_with_republic_of_china_dates(con, tmp_path):
    text = (
        "台灣某某商業銀行 存款交易明細\n帳號：987-65-432100-1  幣別：新臺幣\n\n"
        "交易日期,摘要,支出,存入,餘額,備註\n"
        '125/03/05,跨行轉入,"","46,800","1,546,800",高雄鋼鐵股份有限公司\n'
        '民國125年3月6日,手續費,"15","","1,546,785",\n'
        '1250307,跨行轉入,"","9,300","1,556,085",高雄鋼鐵股份有限公司\n'
    )
    path = tmp_path / "s.csv"
    path.write_bytes(text.encode("big5"))
    report = ingest_path(con, path, tmp_path)
    assert (report.rows_loaded, report.rows_rejected) == (3, 0)  # 125/03/05 proves 1250307
    assert con.execute(
        "select booked_at::date::varchar, amount, currency, counterparty_name, memo "
        "from bank_transactions order by 1"
    ).fetchall() == [
        ("2036-03-05", Decimal("46800.00"), "TWD", None, "跨行轉入 高雄鋼鐵股份有限公司"),
        ("2036-03-06", Decimal("-15.00"), "TWD", None, "手續費"),
        ("2036-03-07", Decimal("9300.00"), "TWD", None, "跨行轉入 高雄鋼鐵股份有限公司"),
    ]


def test_a_gbk_export_still_reads_as_gbk(con, tmp_path):
    text = (
        "币种：人民币\n交易日期,交易流水号,摘要,收入金额,支出金额,余额,对方户名\n"
        '2036-03-05,GB01,转账存入,"1,000.00","","11,000.00",沈阳铁西机床配件有限公司\n'
    )
    path = tmp_path / "s.csv"
    path.write_bytes(text.encode("gbk"))
    report = ingest_path(con, path, tmp_path)
    assert report.rows_loaded == 1
    assert con.execute("select counterparty_name from bank_transactions").fetchall() == [
        ("沈阳铁西机床配件有限公司",)
    ]


def test_a_headerless_csv_is_refused_saying_what_header_to_add(con, tmp_path):
    text = (
        '05/03/2036,"+1,280.00","DIRECT CREDIT 301500 WOMBAT TIMBER","+211,280.00"\n'
        '06/03/2036,"-10.00","ACCOUNT FEE","+211,270.00"\n'
    )
    with pytest.raises(IngestError) as refused:
        ingest_text(con, tmp_path, text, currency="AUD")
    assert "add a header line above it, such as 'Date,Amount,Description,Balance'" in str(
        refused.value
    )
    assert con.execute("select count(*) from bank_transactions").fetchone() == (0,)


def test_an_m_pesa_statement_with_a_failed_transfer(con, tmp_path):
    text = (
        "Receipt No.,Completion Time,Details,Transaction Status,Paid In,Withdrawn,Balance\n"
        "RC41AB7XQ1,2036-03-05 09:15:20,Business Payment from 600900 - ELDORET TEA LTD,"
        'Completed,"52,100.00","","152,100.00"\n'
        'RC41AB7XQ2,2036-03-06 10:01:02,Pay Bill Charge,Completed,"","-33.00","152,067.00"\n'
        "RC41AB7XQ3,2036-03-07 11:00:00,Business Payment from 600900 - ELDORET TEA LTD,"
        'Failed,"7,250.00","","152,067.00"\n'
    )
    report = ingest_text(con, tmp_path, text, currency="KES")
    assert report.rows_loaded == 2
    assert _lines(con) == [
        ("2036-03-05", Decimal("52100.00"), "RC41AB7XQ1"),
        ("2036-03-06", Decimal("-33.00"), "RC41AB7XQ2"),
    ]


def test_bcp_operacion_numero_is_the_serial(con, tmp_path):
    text = (
        "Fecha,Fecha valuta,Descripción operación,Monto,Saldo,Sucursal - agencia,"
        "Operación - Número,Operación - Hora,Usuario,UTC,Referencia2\n"
        '15/03/2036,,TRAN.CTAS.TERC.BM PISCO TACNA SAC,"12,480.50","62,480.50",'
        "111 - LIMA PRINCIPAL,00007711,10:07:00,BPI,2001,\n"
        '19/03/2036,,COMISION MANTENIMIENTO,"-4.50","62,476.00",111 - LIMA PRINCIPAL,00007722,'
        "11:14:00,BPI,2002,\n"
    )
    report = ingest_text(con, tmp_path, text, currency="PEN")
    assert report.rows_loaded == 2
    assert _lines(con) == [
        ("2036-03-15", Decimal("12480.50"), "00007711"),
        ("2036-03-19", Decimal("-4.50"), "00007722"),
    ]


WAREHOUSE = {
    "customers": [["K1", "ТОО КОКШЕТАУ МЕБЕЛЬ"]],
    "orders": [  # id, channel no, erp no, customer, created, goods, shipping, paid, status
        ["O1", "KM360301001", "KME-1", "K1", "2036-03-01 09:00", 4150.0, 0, 4150.0, "shipped"],
    ],
}


@pytest.mark.parametrize(
    ("word", "held"),
    [
        ("ВОЗВРАТ ПЛАТЕЖА ОТПРАВИТЕЛЮ", True),
        ("Возврат ошибочно зачисленных средств", True),
        ("Оплата за возвратную тару", False),  # only begins so: an ordinary payment out
    ],
)
def test_a_return_of_a_credit_worded_vozvrat_holds_the_payment(tmp_path, word, held):
    """One statement per case (the point is the outflow's word); ~1 s each on an idle machine."""
    statement = (
        "Валюта счета;CNY\n"
        "Дата операции;Дебет;Кредит;Корреспондент;Назначение платежа\n"
        "14.03.2036;;4 150.00;ТОО КОКШЕТАУ МЕБЕЛЬ;Оплата по счету KM360301001\n"
        f"15.03.2036;4 150.00;;ТОО КОКШЕТАУ МЕБЕЛЬ;{word} KM360301001\n"
    )
    flows = reconciled_flows(tmp_path, WAREHOUSE, statement, "2036-03")
    paid = [r for r in flows if r.amount > 0]
    assert len(paid) == 1
    assert (paid[0].colour != "green") is held
    if not held:
        assert paid[0].orders == ("O1",)


def _reconcile(tmp_path, warehouse: dict, text: str) -> dict:
    return {
        r.ref: r for r in reconciled_flows(tmp_path, warehouse, text, "2036-03") if r.amount > 0
    }


def _order(no: str, customer: str = "K1", amount: float = 3000.0) -> list:
    return [no, no, no + "E", customer, "2036-03-01 09:00", amount, 0, amount, "shipped"]


def test_same_day_payments_of_one_order_count_in_serial_order(tmp_path):
    """JZ4's line id sorts before JZ3's: by the hash, JZ3 was the one 'already paid'."""
    rows = _reconcile(
        tmp_path,
        {"customers": [["K1", "锦州海产品有限公司"]], "orders": [_order("JZ360301001")]},
        "币种,人民币\n交易日期,交易流水号,收入金额,支出金额,对方户名,附言\n"
        '2036-03-05,JZ3,"3,000.00",,锦州海产品有限公司,货款 JZ360301001\n'
        '2036-03-05,JZ4,"3,000.00",,锦州海产品有限公司,JZ360301001 再付\n',
    )
    assert (rows["JZ3"].colour, rows["JZ3"].orders) == ("green", ("JZ360301001",))
    assert rows["JZ4"].colour == "yellow" and rows["JZ4"].reason.startswith("overpayment")


def test_a_return_holds_the_later_of_two_same_day_payments(tmp_path):
    """YK1's line id sorts before YK2's: by the hash, the return held the earlier payment."""
    rows = _reconcile(
        tmp_path,
        {
            "customers": [["K1", "营口镁砂有限公司"]],
            "orders": [_order("YK360301001"), _order("YK360301002")],
        },
        "币种,人民币\n交易日期,交易流水号,收入金额,支出金额,对方户名,附言\n"
        '2036-03-05,YK1,"3,000.00",,营口镁砂有限公司,货款 YK360301001\n'
        '2036-03-05,YK2,"3,000.00",,营口镁砂有限公司,货款 YK360301002\n'
        '2036-03-06,YK3,,"3,000.00",营口镁砂有限公司,冲正 退回\n',
    )
    assert (rows["YK1"].colour, rows["YK1"].orders) == ("green", ("YK360301001",))
    assert rows["YK2"].colour == "red" and "reversed by the bank" in rows["YK2"].reason
