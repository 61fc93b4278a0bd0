"""Building the demo warehouse: deterministic per seed, idempotent, atomic; the CLI works."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

from connectors.demo.generate import DemoBuildError, build_demo_warehouse, parse_end_date
from connectors.schema import SOURCE_TABLES
from lab.cli import cli

SMALL = 400
END = "2026-11-20"


def table_hashes(path: Path) -> dict[str, str]:
    """One md5 per source table over its rows in a canonical order."""
    con = duckdb.connect(str(path), read_only=True)
    try:
        return {
            t: con.execute(
                f"SELECT md5(coalesce(string_agg(CAST({t} AS VARCHAR), '|' "
                f"ORDER BY CAST({t} AS VARCHAR)), '')) FROM {t}"
            ).fetchone()[0]
            for t in SOURCE_TABLES
        }
    finally:
        con.close()


@pytest.fixture(scope="module")
def small_pair(tmp_path_factory) -> tuple[Path, Path, dict[str, int]]:
    base = tmp_path_factory.mktemp("builds")
    a, b = base / "a.duckdb", base / "b.duckdb"
    counts = build_demo_warehouse(a, orders=SMALL, seed=5, end_date=END, progress=False)
    build_demo_warehouse(b, orders=SMALL, seed=5, end_date=END, progress=False)
    return a, b, counts


def test_same_seed_gives_identical_tables(small_pair):
    a, b, counts = small_pair
    assert counts["orders"] == SMALL
    assert table_hashes(a) == table_hashes(b)


def test_every_schema_primary_key_exists_after_the_build(small_pair):
    """Keys are added after the bulk load; the built warehouse must still carry all of them."""
    from connectors.schema import TABLES

    a, _, _ = small_pair
    con = duckdb.connect(str(a), read_only=True)
    keys = dict(
        con.execute(
            "SELECT table_name, constraint_column_names FROM duckdb_constraints() "
            "WHERE constraint_type = 'PRIMARY KEY'"
        ).fetchall()
    )
    con.close()
    assert keys == {t.name: list(t.primary_key) for t in TABLES.values() if t.primary_key}


def test_other_seed_or_end_date_gives_other_data(small_pair, tmp_path):
    a, _, _ = small_pair
    other = tmp_path / "c.duckdb"
    build_demo_warehouse(other, orders=SMALL, seed=6, end_date=END, progress=False)
    ha, hc = table_hashes(a), table_hashes(other)
    assert ha["orders"] != hc["orders"] and ha["bank_transactions"] != hc["bank_transactions"]
    shifted = tmp_path / "d.duckdb"
    build_demo_warehouse(shifted, orders=SMALL, seed=5, end_date="2026-06-30", progress=False)
    con = duckdb.connect(str(shifted), read_only=True)
    last = con.execute("SELECT max(index_date) FROM freight_index").fetchone()[0]
    con.close()
    assert str(last) == "2026-06-30"


def test_rebuild_into_same_path_replaces_content(small_pair, tmp_path):
    a, _, _ = small_pair
    path = tmp_path / "w.duckdb"
    build_demo_warehouse(path, orders=SMALL, seed=9, end_date=END, progress=False)
    build_demo_warehouse(path, orders=SMALL, seed=5, end_date=END, progress=False)
    assert table_hashes(path) == table_hashes(a)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["w.duckdb"]  # no temp file left


def test_failed_build_leaves_previous_warehouse(small_pair, tmp_path, monkeypatch):
    a, _, _ = small_pair
    path = tmp_path / "w.duckdb"
    build_demo_warehouse(path, orders=SMALL, seed=5, end_date=END, progress=False)
    import connectors.demo.generate as generate

    def boom(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(generate.load, "load_events", boom)
    with pytest.raises(RuntimeError):
        build_demo_warehouse(path, orders=SMALL, seed=9, end_date=END, progress=False)
    assert table_hashes(path) == table_hashes(a)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["w.duckdb"]


def test_bad_arguments_are_named():
    with pytest.raises(DemoBuildError, match="YYYY-MM-DD"):
        parse_end_date("20/11/2026")
    with pytest.raises(DemoBuildError, match="at least 100"):
        build_demo_warehouse("/tmp/never.duckdb", orders=5, progress=False)


def test_cli_demo_builds_and_summarises(tmp_path):
    db = tmp_path / "cli.duckdb"
    result = CliRunner().invoke(
        cli,
        ["demo", "--orders", "300", "--seed", "3", "--end-date", END, "--db", str(db), "--quiet"],
    )
    assert result.exit_code == 0, result.output
    assert f"Built demo warehouse {db}" in result.output
    assert "orders" in result.output and "300" in result.output
    assert "shipped_not_picked_up" in result.output and "Try next:" in result.output
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT count(*) FROM orders").fetchone()[0] == 300
    con.close()


def test_cli_rejects_bad_options(tmp_path):
    result = CliRunner().invoke(cli, ["demo", "--orders", "10", "--db", str(tmp_path / "x.duckdb")])
    assert result.exit_code == 2 and "--orders" in result.output
    result = CliRunner().invoke(
        cli, ["demo", "--end-date", "tomorrow", "--db", str(tmp_path / "x.duckdb")]
    )
    assert result.exit_code == 2 and "--end-date" in result.output


def test_console_script_uses_orderlens_db(tmp_path):
    exe = Path(sys.executable).parent / "orderlens"
    db = tmp_path / "env.duckdb"
    proc = subprocess.run(
        [str(exe), "demo", "--orders", "200", "--seed", "1", "--end-date", END, "--quiet"],
        capture_output=True,
        text=True,
        timeout=120,
        env={"ORDERLENS_DB": str(db), "PATH": "/usr/bin:/bin"},
    )
    assert proc.returncode == 0, proc.stderr
    assert db.exists() and str(db) in proc.stdout
