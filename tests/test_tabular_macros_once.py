"""``install_macros`` creates the conversion macros once per connection (session 24).

Every ingest called it twice (the ingest, then its reader) and each call re-created 24 macros
(~0.1 s CPU). A marker macro named after the macro text now lets the second call return at
once; these tests pin that the shortcut never leaves a connection without working macros.
"""

from __future__ import annotations

from decimal import Decimal

import duckdb

from connectors.sources import _tabular
from connectors.sources._tabular import install_macros


def _created(con: duckdb.DuckDBPyConnection) -> int:
    """How many temporary macros the connection holds."""
    row = con.execute(
        "SELECT count(*) FROM duckdb_functions() WHERE database_name = 'temp'"
    ).fetchone()
    assert row is not None
    return int(row[0])


def test_a_second_install_creates_nothing_and_the_macros_work() -> None:
    con = duckdb.connect()
    statements: list[str] = []
    install_macros(con)
    count = _created(con)
    assert count == _tabular.MACROS.count("CREATE OR REPLACE TEMP MACRO") + 1  # + the marker

    class Spy:
        """Counts statements other than the marker look-up."""

        def execute(self, sql: str, params: object = None) -> object:
            if params is None:
                statements.append(sql)
                return con.execute(sql)
            return con.execute(sql, params)

    install_macros(Spy())  # type: ignore[arg-type]
    assert statements == []
    assert _created(con) == count
    assert con.execute("SELECT ol_money('1,234.50')").fetchone() == (Decimal("1234.50"),)


def test_an_install_rolled_back_is_made_again() -> None:
    con = duckdb.connect()
    con.execute("BEGIN TRANSACTION")
    install_macros(con)
    con.execute("ROLLBACK")
    assert _created(con) == 0
    install_macros(con)
    assert con.execute("SELECT ol_money('1,234.50')").fetchone() == (Decimal("1234.50"),)


def test_macros_of_the_same_names_without_the_marker_are_replaced() -> None:
    con = duckdb.connect()
    con.execute("CREATE TEMP MACRO ol_money(x) AS 0")  # e.g. an older text of the macro
    install_macros(con)
    assert con.execute("SELECT ol_money('1,234.50')").fetchone() == (Decimal("1234.50"),)


def test_each_connection_gets_its_own_macros() -> None:
    first, second = duckdb.connect(), duckdb.connect()
    install_macros(first)
    assert _created(second) == 0
    install_macros(second)
    assert second.execute("SELECT ol_money('7')").fetchone() == (Decimal("7.00"),)
