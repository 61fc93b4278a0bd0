"""Two classes behind set 19's wrong greens (``recon_independent19`` test half, session 28).

Every file here is invented (made-up bank, payers, numbers and month; not the set's file):

* a Chinese export that writes every outflow with a minus sign in its own 支出 column, and a
  冲正 (reversal) of an earlier credit there: the minus is the column's way of writing money out,
  not red ink, so the reversal is money **out** (the balance falls) and the payment it takes
  back is held. Read as red ink (money in), the reversal became a debit's reversal, the
  payment it cancelled closed its order green and the re-sent payment went yellow;
* two identical payments of one payer for one order booked the same day (no time): the bank's
  serial, which counts up, says which came first; the earlier pays the order and the later is
  the overpayment. By the line id (a hash) the later one closed green.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.bank_files import ingest_text, reconciled_flows

HEADER = "交易日期,交易流水号,摘要,收入(元),支出(元),余额(元),对方户名,用途\n"


def _amounts(con) -> list[tuple]:
    return con.execute(
        "select bank_ref, amount from bank_transactions order by bank_ref"
    ).fetchall()


def test_a_reversal_in_a_column_that_signs_every_outflow_is_money_out(con, tmp_path):
    text = HEADER + (
        '2036.04.02,HX0001,转入,"1,840.00","","51,840.00",太原汾河灯具有限公司,HX360401\n'
        '2036.04.03,HX0002,冲正,"","-1,840.00","50,000.00",太原汾河灯具有限公司,冲正 户名不符\n'
        '2036.04.04,HX0003,转账支出,"","-600.00","49,400.00",太原迎泽纸业有限公司,货款\n'
    )
    report = ingest_text(con, tmp_path, text, currency="CNY")
    assert (report.rows_loaded, report.rows_rejected) == (3, 0)
    assert _amounts(con) == [
        ("HX0001", Decimal("1840.00")),
        ("HX0002", Decimal("-1840.00")),  # the balance falls: money out, never in
        ("HX0003", Decimal("-600.00")),
    ]


def test_red_ink_in_an_unsigned_outflow_column_still_reverses_a_debit(con, tmp_path):
    """The documented red-ink reading stays where the column writes outflows unsigned."""
    text = HEADER + (
        '2036.04.02,HX0001,手续费,"","35.00","49,965.00",,\n'
        '2036.04.03,HX0002,冲正,"","-35.00","50,000.00",,冲正 手续费\n'
    )
    report = ingest_text(con, tmp_path, text, currency="CNY")
    assert (report.rows_loaded, report.rows_rejected) == (2, 0)
    assert _amounts(con) == [("HX0001", Decimal("-35.00")), ("HX0002", Decimal("35.00"))]


WAREHOUSE = {
    "customers": [["K1", "太原汾河灯具有限公司"]],
    "orders": [  # id, channel no, erp no, customer, created, goods, shipping, paid, status
        ["O1", "HX360401", "HXE-1", "K1", "2036-03-28 09:00", 1840.0, 0, 1840.0, "shipped"],
    ],
}


def _colours(tmp_path, lines: str) -> dict[str, tuple[str, tuple[str, ...]]]:
    flows = reconciled_flows(tmp_path, WAREHOUSE, HEADER + lines, "2036-04")
    return {r.ref or "": (r.colour or "", r.orders) for r in flows if r.amount > 0}


def test_a_reversed_payment_is_held_and_the_payment_sent_again_closes(tmp_path):
    """One statement, one reconciliation (~1 s on an idle machine)."""
    got = _colours(
        tmp_path,
        '2036.04.02,HX0001,转入,"1,840.00","","51,840.00",太原汾河灯具有限公司,HX360401\n'
        '2036.04.03,HX0002,冲正,"","-1,840.00","50,000.00",太原汾河灯具有限公司,冲正 户名不符\n'
        '2036.04.04,HX0003,转入,"1,840.00","","51,840.00",太原汾河灯具有限公司,HX360401 重汇\n'
        '2036.04.05,HX0004,转账支出,"","-600.00","51,240.00",太原迎泽纸业有限公司,货款\n',
    )
    assert got["HX0001"][0] != "green"
    assert got["HX0003"] == ("green", ("O1",))


@pytest.mark.parametrize("serials", [("HX0007", "HX0009"), ("HX0011", "HX0013")])
def test_of_two_same_day_twins_the_earlier_serial_pays_the_order(tmp_path, serials):
    """Two serial pairs, so that the line ids' hash order disagrees with the serials' in one."""
    first, second = serials
    got = _colours(
        tmp_path,
        f'2036.04.06,{first},转入,"1,840.00","","51,840.00",太原汾河灯具有限公司,货款 HX360401\n'
        f'2036.04.06,{second},转入,"1,840.00","","53,680.00",太原汾河灯具有限公司,HX360401\n',
    )
    assert got[first] == ("green", ("O1",))
    assert got[second][0] != "green"


def test_the_scorer_counts_a_green_line_no_truth_line_finds():
    """A file loaded without the serial its truth is keyed by: its greens are not hidden."""
    from lab.evals.recon_flows import FlowRow
    from lab.evals.recon_independent import _unclaimed_greens

    case = {
        "name": "c",
        "lines": [
            {"ref": "HX0001", "amount": "1840.00", "expect": "not_green"},
            {"amount": "-20.00", "expect": "absent"},
        ],
    }
    rows = [
        FlowRow("HX0001", Decimal("1840.00"), "green", ("O1",), ""),  # claimed by its serial
        FlowRow("HX0002", Decimal("900.00"), "green", ("O2",), ""),  # a serial: case lists some
        FlowRow(None, Decimal("-20.00"), "green", (), ""),  # claimed by its amount
        FlowRow(None, Decimal("1840.00"), "green", ("O1",), ""),  # no serial: nobody's
        FlowRow(None, Decimal("600.00"), "yellow", (), ""),  # not green: not counted here
    ]
    assert _unclaimed_greens(case, rows) == [
        ("c", "unclaimed green line 1840.00: loaded without a serial, no truth line names it",
         "wrong_green")
    ]  # fmt: skip
