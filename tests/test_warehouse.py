"""The warehouse contract: schema created once and idempotently, documented column by column."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from connectors.errors import WarehouseError
from connectors.schema import TABLES
from connectors.warehouse import (
    add_primary_keys,
    connect,
    default_db_path,
    ensure_schema,
    missing_tables,
)

DOC = Path(__file__).resolve().parents[1] / "docs" / "warehouse.md"


def test_ensure_schema_is_idempotent_and_complete(tmp_path):
    con = connect(tmp_path / "w.duckdb")
    ensure_schema(con)
    con.execute("INSERT INTO skus VALUES ('SKU-1', 'x', 'c', 'b', 1, 2, 0.5)")
    ensure_schema(con)  # must not drop or duplicate anything
    assert con.execute("SELECT count(*) FROM skus").fetchone()[0] == 1
    assert missing_tables(con, list(TABLES)) == []
    with pytest.raises(Exception, match=r"(?i)primary key|duplicate"):
        con.execute("INSERT INTO skus VALUES ('SKU-1', 'y', 'c', 'b', 1, 2, 0.5)")
    con.close()


def test_read_only_open_of_missing_file_says_what_to_do(tmp_path):
    with pytest.raises(WarehouseError, match="orderlens demo --db"):
        connect(tmp_path / "nope.duckdb", read_only=True)


def test_default_db_path_honours_env(monkeypatch, tmp_path):
    monkeypatch.setenv("ORDERLENS_DB", str(tmp_path / "x.duckdb"))
    assert default_db_path() == tmp_path / "x.duckdb"
    monkeypatch.delenv("ORDERLENS_DB")
    assert default_db_path() == Path(".orderlens") / "demo.duckdb"


def test_every_table_and_column_is_documented():
    text = DOC.read_text(encoding="utf-8")
    for table in TABLES.values():
        section = re.search(rf"#### `{table.name}`\n(.*?)(?=\n#### |\n## |\Z)", text, re.S)
        assert section, (
            f"docs/warehouse.md lacks table {table.name}: regenerate it with "
            "`.venv/bin/python -m connectors.demo.doc > docs/warehouse.md`"
        )
        for column in table.columns:
            assert f"| `{column.name}` | `{column.type}` |" in section.group(1), (
                f"{table.name}.{column.name} undocumented: regenerate docs/warehouse.md"
            )


def test_deferred_keys_come_from_the_schema_and_reject_duplicates(tmp_path):
    con = connect(tmp_path / "w.duckdb")
    ensure_schema(con, ["order_id_map", "skus"], defer_keys=["order_id_map"])
    con.execute("INSERT INTO order_id_map VALUES ('erp', 'SO1', 'OL1', NULL)")
    con.execute("INSERT INTO order_id_map VALUES ('erp', 'SO1', 'OL2', NULL)")  # no key yet
    with pytest.raises(Exception, match=r"(?i)duplicate"):
        add_primary_keys(con, ["order_id_map"])
    con.execute("DELETE FROM order_id_map WHERE order_id = 'OL2'")
    add_primary_keys(con, ["order_id_map", "skus"])
    add_primary_keys(con, ["order_id_map"])  # idempotent
    keys = con.execute(
        "SELECT table_name, constraint_column_names FROM duckdb_constraints() "
        "WHERE constraint_type = 'PRIMARY KEY' ORDER BY table_name"
    ).fetchall()
    assert keys == [("order_id_map", ["system", "external_id"]), ("skus", ["sku"])]
    with pytest.raises(Exception, match=r"(?i)primary key|duplicate"):
        con.execute("INSERT INTO order_id_map VALUES ('erp', 'SO1', 'OL3', NULL)")
    con.close()
