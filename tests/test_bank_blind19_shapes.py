"""Export shapes the nineteenth independent set (``recon_independent19``, session 28) found unread.

Every file here is invented (made-up banks' layouts, payers, numbers and month; not the set's
files):

* a Russian bank's ``СТОРНО`` (storno: the bank cancels a booking) of a credit holds the payment it
  takes back, as an English ``RETURN`` or an Indonesian ``PEMBATALAN`` does — it stayed green;
"""

from __future__ import annotations

import pytest
import yaml

from connectors.warehouse import connect
from lab.evals.recon_flows import flow_rows, ingest_as_user
from lab.evals.recon_heldout import build
from lab.reconciliation.engine import reconcile_period

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
    (tmp_path / "warehouse.yaml").write_text(yaml.safe_dump(WAREHOUSE, allow_unicode=True))
    (tmp_path / "s.csv").write_text(
        "Валюта;CNY\n"
        "Дата проводки;Дебет;Кредит;Контрагент;Назначение платежа\n"
        "14.02.2036;;3 150,00;ООО ВЯТКА ФАНЕРА;Оплата по счету VF360201001\n"
        f"15.02.2036;3 150,00;;ООО ВЯТКА ФАНЕРА;{word} VF360201001\n",
        encoding="utf-8",
    )
    con = connect(tmp_path / "w.duckdb")
    try:
        build(con, tmp_path)
        ingest_as_user(con, "bank-csv", [tmp_path / "s.csv"], rejects_dir=tmp_path / "rej")
        reconcile_period(con, "2036-02")
        paid = [r for r in flow_rows(con) if r.amount > 0]
    finally:
        con.close()
    assert len(paid) == 1
    assert (paid[0].colour != "green") is held
    if not held:
        assert paid[0].orders == ("O1",)
