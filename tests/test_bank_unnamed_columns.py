"""A header cell with no name (session 20, found by ``recon_independent11``).

Many exports end every line with the delimiter (``…;Mandatsreferenz;``): the table gains a last
column whose name is empty. The reader built ``"" AS ""`` from it and DuckDB refused the whole
file with a raw parser error ("zero-length delimited identifier"). Such a column is now named by
its position and ignored when empty; the named columns are read exactly as without it. A value
under no name refuses the file, naming the column and the line. Statements written by hand.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from connectors.errors import IngestError
from tests.bank_files import ingest_text


def _lines(con) -> list[tuple]:
    return con.execute(
        "select booked_at::date::varchar, amount, counterparty_name, memo "
        "from bank_transactions order by booked_at"
    ).fetchall()


def test_every_line_ending_in_the_delimiter_loads_like_the_same_file_without_it(con, tmp_path):
    text = (
        "\ufeff交易日期,交易流水号,交易金额,币种,对方户名,附言,\n"
        '2031/03/02,Q1,"+1,250.00",CNY,青岛崂山海韵茶业有限公司,茶叶款 TE3103020001,\n'
        "2031/03/03,Q2,-18.00,CNY,,汇款手续费,\n"
    )
    f = ingest_text(con, tmp_path, text)
    assert (f.rows_loaded, f.rows_rejected) == (2, 0)
    assert _lines(con) == [
        ("2031-03-02", Decimal("1250.00"), "青岛崂山海韵茶业有限公司", "茶叶款 TE3103020001"),
        ("2031-03-03", Decimal("-18.00"), None, "汇款手续费"),
    ]


def test_a_semicolon_export_with_a_trailing_delimiter_and_decimal_commas(con, tmp_path):
    text = (
        "Buchungstag;Verwendungszweck;Betrag;Waehrung;\n"
        "04.03.2031;Rechnung TE3103020002;2.480,50;CNY;\n"
        "05.03.2031;Kontofuehrung;-9,90;CNY;\n"
    )
    f = ingest_text(con, tmp_path, text)
    assert (f.rows_loaded, f.rows_rejected) == (2, 0)
    assert [(d, a) for d, a, _, _ in _lines(con)] == [
        ("2031-03-04", Decimal("2480.50")),
        ("2031-03-05", Decimal("-9.90")),
    ]


def test_a_value_under_no_name_refuses_the_file_naming_the_column_and_line(con, tmp_path):
    """Which column it is cannot be known (a merged 发生额 over 借方 / 贷方 whose second half
    lost its word): reading the named neighbour alone could take a debit for a credit."""
    text = "交易日期,交易流水号,交易金额,,对方户名\n2031/03/06,Q3,,999.00,烟台芝罘果业有限公司\n"
    with pytest.raises(
        IngestError, match=r"column 4 of the header has no name, but line 2 holds '999.00'"
    ):
        ingest_text(con, tmp_path, text, currency="CNY")
    assert con.execute("select count(*) from bank_transactions").fetchone() == (0,)
