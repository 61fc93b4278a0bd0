"""Of two identical payments booked at the same instant, the first (by the bank's serial) counts.

Why (session 25, ``recon_independent16``): a statement without times books both at midnight; the
duplicate rule (same account, amount, payer and memo within minutes) kept one and held the other,
but which one was decided by the line id, a hash — so the *second* payment could close the order
while the first was called its duplicate. The serial counts up with the bank's bookings.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from connectors.warehouse import connect
from lab.evals.recon_flows import flow_rows, ingest_as_user
from lab.evals.recon_heldout import build
from lab.reconciliation.engine import reconcile_period

WAREHOUSE = {
    "customers": [["K1", "杭州远达汽配有限公司"]],
    "orders": [
        ["O1", "HZ350310101", "HZE-9-001", "K1", "2035-03-01 09:00", 2970.0, 0.0, 2970.0, "shipped"]
    ],
}
STATEMENT = (
    "币种：人民币\n"
    "交易日期,流水号,收入金额,支出金额,对方户名,摘要\n"
    '2035-03-13,HZB01,"2,970.00",,杭州远达汽配有限公司,货款\n'
    '2035-03-13,HZB02,"2,970.00",,杭州远达汽配有限公司,货款\n'
)


def test_the_first_of_two_identical_payments_at_one_instant_pays_and_the_second_is_held(
    tmp_path: Path,
):
    (tmp_path / "warehouse.yaml").write_text(yaml.safe_dump(WAREHOUSE, allow_unicode=True))
    (tmp_path / "s.csv").write_text(STATEMENT, encoding="utf-8")
    con = connect(tmp_path / "w.duckdb")
    try:
        build(con, tmp_path)
        ingest_as_user(con, "bank-csv", [tmp_path / "s.csv"], rejects_dir=tmp_path / "rej")
        reconcile_period(con, "2035-03")
        rows = {r.ref: (r.colour, r.orders, r.reason) for r in flow_rows(con)}
    finally:
        con.close()
    assert rows["HZB01"][:2] == ("green", ("O1",))
    assert rows["HZB02"][0] == "red" and rows["HZB02"][2].startswith("duplicate of")
