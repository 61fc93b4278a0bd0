"""Amount headers that carry their unit (session 11, RECON11).

Found by the third independent statement set: ``收入金额(万元)`` was refused only because no
column was recognised (the message listed the columns, not the unit), and the common
``收入金额(元)`` / ``交易金额（元）`` headers were not recognised at all. Yuan is the unit amounts
are read in; any other unit (万元, 千元) is refused whole, since read as yuan the amounts are
10,000 times too small. Values by hand.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from connectors.errors import IngestError
from connectors.ingest import ingest_files


def _ingest(con, tmp_path: Path, text: str):
    tmp_path.mkdir(parents=True, exist_ok=True)
    path = tmp_path / "s.csv"
    path.write_text(text, encoding="utf-8")
    return ingest_files(con, "bank-csv", [path], rejects_dir=tmp_path / "rej", progress=False)


def _amounts(con) -> list[tuple]:
    return con.execute("select bank_ref, amount from bank_transactions order by 1").fetchall()


def test_headers_in_yuan_are_the_plain_columns(con, tmp_path):
    _ingest(
        con,
        tmp_path,
        "交易日期,流水号,收入金额(元),支出金额（元）,对方户名\n"
        '2027-03-01,A1,"3,200.00",,HALCYON AVIATION PTY LTD\n'
        "2027-03-02,A2,,18.50,\n",
    )
    _ingest(
        con,
        tmp_path / "b",
        "记账日期,凭证号,借贷,交易金额（人民币元）\n2027-03-03,B1,贷,990.00\n2027-03-04,B2,借,5.00\n",
    )
    assert _amounts(con) == [
        ("A1", Decimal("3200.00")), ("A2", Decimal("-18.50")),
        ("B1", Decimal("990.00")), ("B2", Decimal("-5.00")),
    ]  # fmt: skip


@pytest.mark.parametrize("unit", ["万元", "千元"])
def test_amounts_in_another_unit_refuse_the_file(con, tmp_path, unit):
    text = f"交易日期,流水号,收入金额({unit}),支出金额({unit})\n2027-03-09,W1,0.32,\n"
    with pytest.raises(IngestError, match=rf"column 收入金额\({unit}\) gives amounts in {unit}"):
        _ingest(con, tmp_path, text)
    assert _amounts(con) == []
