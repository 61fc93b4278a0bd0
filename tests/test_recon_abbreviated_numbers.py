"""An order number abbreviated after the first (``…0841/42``, ``…0841-42``): session 17.

Found by recon-independent8's dev half (and open since set 7): people paying two consecutive
orders write the second as the first's last digits. ``货款 LT…0841/42`` was read as one order
and held yellow as an overpayment of it; ``LT…0841-42`` (one token) as a reference to no order.
Now the digits replace the first number's last digits when the result has the same shape; the
resolver and the amount decide as for any two references. The one-word-difference probes below
(the amount of one order only, a number that does not exist, digits that spell the first
again, an amount after the slash) are answered right or held, never closed on the wrong orders.
Orders and memos are written here for another business than the set's.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from connectors.ingest import ingest_files
from connectors.warehouse import connect
from lab.evals.recon_heldout import build
from lab.reconciliation.engine import reconcile_period
from lab.reconciliation.memo import parse_memos, patterns_from_examples

PATTERNS = patterns_from_examples("channel_order_no", ["MK2706110341", "MK2706120019"])


@pytest.mark.parametrize(
    ("memo", "refs"),
    [
        ("货款 MK2706110341/42", ["MK2706110341", "MK2706110342"]),
        ("MK2706110341-42 货款", ["MK2706110341", "MK2706110342"]),
        ("MK2706110341、7", ["MK2706110341", "MK2706110347"]),
        ("MK2706110341/1", ["MK2706110341"]),  # spells the first number again
        ("MK2706110341/42.00", ["MK2706110341"]),  # an amount, not digits of a number
        ("MK2706110341 42", ["MK2706110341"]),  # no separator: not an abbreviation
    ],
)
def test_the_last_digits_after_a_separator_name_the_next_number(memo, refs):
    assert parse_memos([("T", memo)], PATTERNS)["ref"] == refs


def test_the_abbreviation_keeps_its_evidence_and_the_leading_word():
    cols = parse_memos([("T", "货款 MK2706110341/42")], PATTERNS)
    assert cols["ref_text"] == ["MK2706110341", "MK2706110341/42"]
    assert cols["components"] == [["goods"], ["goods"]]


WAREHOUSE = {
    "customers": [["C1", "澄江湖畔陶瓷有限公司"]],
    "orders": [  # id, channel no, erp no, customer, created, goods, shipping, paid, status
        ["A1", "MK2706110341", "SO-611", "C1", "2027-06-11 09:00", 1700.0, 0, 1700.0, "shipped"],
        ["A2", "MK2706110342", "SO-612", "C1", "2027-06-11 09:05", 2200.0, 0, 2200.0, "shipped"],
    ],
}  # fmt: skip


def _flow(tmp_path: Path, amount: str, memo: str) -> tuple[str, list[str], str]:
    (tmp_path / "wh").mkdir(parents=True)
    (tmp_path / "wh" / "warehouse.yaml").write_text(yaml.safe_dump(WAREHOUSE, allow_unicode=True))
    path = tmp_path / "s.csv"
    path.write_text(
        "账号,6222000055556666\n币种,人民币\n\n交易日期,贷方发生额,借方发生额,对方户名,用途,交易流水号\n"
        f"2027-06-14,{amount},,澄江湖畔陶瓷有限公司,{memo},P0001\n",
        encoding="utf-8",
    )
    con = connect(tmp_path / "w.duckdb")
    try:
        build(con, tmp_path / "wh")
        ingest_files(con, "bank-csv", [path], rejects_dir=tmp_path / "rej", progress=False)
        reconcile_period(con, "2027-06")
        status, reason, orders = con.execute(
            """select s.status, s.reason, list(distinct m.order_id order by m.order_id)
                        filter (where m.order_id is not null and m.matched_amount > 0)
               from bank_transactions b join recon_flow_status s on s.flow_id = b.txn_id
               left join recon_matches m on m.flow_id = b.txn_id group by all"""
        ).fetchone()
    finally:
        con.close()
    return status, orders or [], reason


@pytest.mark.parametrize("memo", ["货款 MK2706110341/42", "MK2706110341-42 货款"])
def test_two_consecutive_orders_paid_together_close_on_both(tmp_path, memo):
    assert _flow(tmp_path, "3900.00", memo)[:2] == ("green", ["A1", "A2"])


def test_the_amount_of_the_first_order_alone_is_not_closed_on_it(tmp_path):
    status, _, reason = _flow(tmp_path, "1700.00", "货款 MK2706110341/42")
    assert status != "green", reason  # it names two orders and brings one's money: review


def test_an_abbreviation_to_no_order_holds_the_flow(tmp_path):
    status, orders, reason = _flow(tmp_path, "1700.00", "货款 MK2706110341/49")
    assert status == "red" and orders == [] and "MK2706110341/49" in reason


def test_digits_that_spell_the_first_number_again_change_nothing(tmp_path):
    assert _flow(tmp_path, "1700.00", "货款 MK2706110341/1")[:2] == ("green", ["A1"])
