"""A bank CSV's number format, when the user declares none, is read off the whole file (session 14).

Before, an undeclared file was read as ``1,234.56``: a European export's ``1.234,56`` lines were
all rejects, and ``--amount-format`` had to be known in advance. Now a value that is well formed
with a decimal comma (``1.234,56``, ``12,34``) and none with a decimal point makes the file
``1.234,56``; a decimal point alone keeps ``1,234.56``; both refuse the file; and a file whose
only marked values are ``1.234``-shaped (1234, or 1.234 with three decimals) is refused, asking
for ``--amount-format``. Values by hand.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from click.testing import CliRunner

from connectors.errors import IngestError
from lab.cli import cli
from tests.bank_files import ingest_text as _ingest

EU = "Datum;Omschrijving;Bedrag;Munt\n"
CN = "交易日期,流水号,交易金额,币种\n"


def _amounts(con) -> list[Decimal]:
    rows = con.execute("select amount from bank_transactions order by booked_at").fetchall()
    return [a for (a,) in rows]


def _eu(*cells: str) -> str:
    return EU + "".join(f"2026-06-{i + 1:02d};P{i};{c};EUR\n" for i, c in enumerate(cells))


def _cn(*cells: str) -> str:
    return CN + "".join(f'2026-06-{i + 1:02d},R{i},"{c}",人民币\n' for i, c in enumerate(cells))


READ = [
    # a decimal comma, well formed: the whole file is 1.234,56 (1.234 included)
    (_eu("1.234,56", "12,30", "1.234", "500"), ["1234.56", "12.30", "1234.00", "500.00"]),
    (_cn("12,34", "-7,90"), ["12.34", "-7.90"]),
    # a decimal point: 1,234.56, and 1,234 is 1234
    (_cn("1,234.56", "1,234", "(15.00)"), ["1234.56", "1234.00", "-15.00"]),
    # no mark but 1,234 in a Chinese or English export: their convention, the other reading has
    # three decimals
    (_cn("1,234", "88"), ["1234.00", "88.00"]),
    # a malformed value (1,2,3) is no evidence: a reject of its own line, the rest 1,234.56
    (_cn("1,2,3", "80.00"), ["80.00"]),
]


@pytest.mark.parametrize(("text", "expected"), READ)
def test_the_number_format_is_read_off_the_file(con, tmp_path, text, expected):
    f = _ingest(con, tmp_path, text)
    assert _amounts(con) == [Decimal(e) for e in expected]
    assert f.rows_rejected == (1 if "1,2,3" in text else 0)
    # the report says when the file was read as 1.234,56 (the first two cases)
    assert any("amounts read as 1.234,56" in n for n in f.notes) == (
        READ.index((text, expected)) < 2
    )


REFUSED = [
    (_eu("1.234", "500"), r"line 2 writes '1\.234', which is 1234 in the format 1\.234,56 or "
     r"1\.234 in 1,234\.56"),
    (_eu("1,234", "500"), r"line 2 writes '1,234', which is 1234 in the format 1,234\.56"),
    (_cn("1.234", "88"), r"--amount-format 1\.234,56 \(a point groups thousands\)"),
    (_cn("1,234.56", "2.200,00"), r"line 3 writes '2\.200,00' \(number format 1\.234,56\) but "
     r"line 2 writes '1,234\.56'"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "message"), REFUSED)
def test_a_file_that_does_not_show_its_format_is_refused(con, tmp_path, text, message):
    with pytest.raises(IngestError, match=message):
        _ingest(con, tmp_path, text)
    assert _amounts(con) == []


def test_a_declared_format_is_read_as_declared(con, tmp_path):
    _ingest(con, tmp_path, _eu("1.234", "500"), amount_format="1.234,56")
    assert _amounts(con) == [Decimal("1234.00"), Decimal("500.00")]


def test_the_cli_declares_nothing_unless_told(tmp_path):
    path = tmp_path / "eu.csv"
    path.write_text(_eu("1.234,56"), encoding="utf-8")
    args = ["ingest", "bank-csv", str(path), "--db", str(tmp_path / "w.duckdb"), "--no-progress"]
    out = CliRunner().invoke(cli, args)
    assert out.exit_code == 0 and "amounts read as 1.234,56" in out.output, out.output
