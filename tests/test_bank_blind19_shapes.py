"""Export shapes the nineteenth independent set (``recon_independent19``, session 28) found unread.

Every file here is invented (made-up banks' layouts, payers, numbers and month; not the set's
files):

* a Russian bank's ``СТОРНО`` (storno: the bank cancels a booking) of a credit holds the payment it
  takes back, as an English ``RETURN`` or an Indonesian ``PEMBATALAN`` does — it stayed green;
* Arabic column words (``التاريخ``, ``الوصف``, ``مدين`` / ``دائن``, ``الرصيد``) and dates and amounts in
  Arabic-Indic digits with the Arabic separators (``١٨٬٤٠٠٫٠٠``) — the file was refused for "no date
  column"; a malformed grouping stays a reject;
* Latin American Spanish ``Monto`` (one signed amount) and ``N° Operación`` (the bank's number of
  the line), with pesos written without decimals (``$1.850.000``, ``$-4.500``) — the file was
  refused for "needs a money-in column".
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.bank_files import ingest_text, reconciled_flows


def _lines(con) -> list[tuple]:
    return con.execute(
        "select booked_at::date::varchar, amount, currency, bank_ref "
        "from bank_transactions order by booked_at, amount"
    ).fetchall()


def test_arabic_columns_and_arabic_indic_digits(con, tmp_path):
    text = (
        "التاريخ,الوصف,مدين,دائن,الرصيد\n"
        '١٤/٠٣/٢٠٣٦,حوالة واردة من شركة الواحة,"","١٨٬٤٠٠٫٥٠","٢١٨٬٤٠٠٫٥٠"\n'
        '١٩/٠٣/٢٠٣٦,رسوم حوالة,"٢٣٫٠٠","","٢١٨٬٣٧٧٫٥٠"\n'
        '٢١/٠٣/٢٠٣٦,حوالة واردة من شركة الواحة,"","١٬٢٬٨٠٫٠٠","٢١٨٬٣٧٧٫٥٠"\n'
    )
    report = ingest_text(con, tmp_path, text, currency="SAR")
    assert (report.rows_loaded, report.rows_rejected) == (2, 1)  # 1٬2٬80 groups no thousands
    assert _lines(con) == [
        ("2036-03-14", Decimal("18400.50"), "SAR", None),
        ("2036-03-19", Decimal("-23.00"), "SAR", None),
    ]


def test_spanish_monto_and_pesos_without_decimals(con, tmp_path):
    text = (
        "Moneda: Peso Chileno (CLP)\n"
        "Fecha;N° Operación;Descripción;Monto;Saldo\n"
        "14/03/2036;551001;TRANSFERENCIA DE FRUTICOLA MAULE SPA;$1.850.000;$26.850.000\n"
        "19/03/2036;551002;COMISION MANTENCION;$-4.500;$26.845.500\n"
        "21/03/2036;551003;TRANSFERENCIA DE FRUTICOLA MAULE SPA;$4.500;$26.850.000\n"
    )
    report = ingest_text(con, tmp_path, text, currency="CLP")
    assert (report.rows_loaded, report.rows_rejected) == (3, 0)
    assert _lines(con) == [  # 4.500 is four thousand five hundred pesos, never 4.5
        ("2036-03-14", Decimal("1850000.00"), "CLP", "551001"),
        ("2036-03-19", Decimal("-4500.00"), "CLP", "551002"),
        ("2036-03-21", Decimal("4500.00"), "CLP", "551003"),
    ]


WAREHOUSE = {
    "customers": [["K1", "ООО ВЯТКА ФАНЕРА"]],
    "orders": [  # id, channel no, erp no, customer, created, goods, shipping, paid, status
        ["O1", "VF360201001", "VFE-1", "K1", "2036-02-01 09:00", 3150.0, 0, 3150.0, "shipped"],
    ],
}


@pytest.mark.parametrize(
    ("word", "held"),
    [
        ("СТОРНО ОШИБОЧНО ЗАЧИСЛЕННОЙ СУММЫ", True),
        ("Сторно зачисления", True),
        ("STORNO GUTSCHRIFT", True),
        ("Перечисление поставщику", False),  # an ordinary payment out: the word decides
    ],
)
def test_a_storno_of_a_credit_holds_the_payment(tmp_path, word, held):
    """One statement per case (the point is the outflow's word); ~1 s each on an idle machine."""
    statement = (
        "Валюта;CNY\n"
        "Дата проводки;Дебет;Кредит;Контрагент;Назначение платежа\n"
        "14.02.2036;;3 150,00;ООО ВЯТКА ФАНЕРА;Оплата по счету VF360201001\n"
        f"15.02.2036;3 150,00;;ООО ВЯТКА ФАНЕРА;{word} VF360201001\n"
    )
    flows = reconciled_flows(tmp_path, WAREHOUSE, statement, "2036-02")
    paid = [r for r in flows if r.amount > 0]
    assert len(paid) == 1
    assert (paid[0].colour != "green") is held
    if not held:
        assert paid[0].orders == ("O1",)
