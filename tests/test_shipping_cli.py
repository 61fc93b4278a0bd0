"""``orderlens windows`` through click's CliRunner on a toy warehouse file."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from click.testing import CliRunner

from connectors.warehouse import connect
from lab.cli import cli
from lab.shipping.toy import TOY_AS_OF, add_pending_order, build_toy_warehouse


@pytest.fixture()
def toy_db(tmp_path):
    path = tmp_path / "toy.duckdb"
    con = connect(path)
    build_toy_warehouse(con)
    add_pending_order(con, "O1", "DE", TOY_AS_OF + timedelta(days=25), units=10, mode="air")
    add_pending_order(con, "O2", "US", TOY_AS_OF + timedelta(days=25), units=20, mode="sea")
    con.close()
    return str(path)


def _invoke(*args):
    return CliRunner().invoke(cli, ["windows", *args], catch_exceptions=False)


def test_recommend_list_accept_reject_history(toy_db):
    res = _invoke("recommend", "--db", toy_db)
    assert res.exit_code == 0, res.output
    assert "planning date 2026-11-20: 2 pending export orders, 1 worth delaying" in res.output
    assert "SR20261120-O1" in res.output  # O2 (sea, 25 days) cannot wait: 20-30 day transit

    res = _invoke("list", "--db", toy_db, "--json")
    rows = json.loads(res.output)
    assert [r["recommendation_id"] for r in rows] == ["SR20261120-O1"]
    assert rows[0]["status"] == "proposed" and rows[0]["destination_country"] == "DE"

    res = CliRunner().invoke(cli, ["windows", "reject", "SR20261120-O1", "--db", toy_db])
    assert res.exit_code == 2 and "--comment" in res.output

    res = _invoke("accept", "SR20261120-O1", "--db", toy_db, "--reviewer", "mei",
                  "--comment", "fine")  # fmt: skip
    assert res.exit_code == 0
    assert "SR20261120-O1: accepted by mei (ship 2026-11-25" in res.output

    res = CliRunner().invoke(cli, ["windows", "reject", "SR20261120-O1", "--db", toy_db,
                                   "--comment", "changed my mind", "--reviewer", "li"])  # fmt: skip
    assert res.exit_code == 1 and "already accepted by mei" in res.output

    res = _invoke("reject", "SR20261120-O1", "--db", toy_db, "--comment", "customer rush",
                  "--reviewer", "li", "--force")  # fmt: skip
    assert res.exit_code == 0 and "rejected by li" in res.output

    res = _invoke("list", "--db", toy_db, "--status", "rejected")
    assert "SR20261120-O1" in res.output and "rejected" in res.output
    res = _invoke("history", "SR20261120-O1", "--db", toy_db)
    lines = res.output.strip().splitlines()
    assert len(lines) == 4 and "customer rush" in lines[-1] and "True" in lines[-1]

    # a re-run keeps the decision
    res = _invoke("recommend", "--db", toy_db)
    assert "kept_decided 1" in res.output


def test_errors_are_clear(toy_db, tmp_path):
    res = CliRunner().invoke(cli, ["windows", "accept", "SR-x", "--db", toy_db])
    assert res.exit_code == 1 and "no shipping recommendation 'SR-x'" in res.output
    res = CliRunner().invoke(cli, ["windows", "list", "--db", str(tmp_path / "none.duckdb")])
    assert res.exit_code == 1 and "does not exist" in res.output
    res = CliRunner().invoke(cli, ["windows", "recommend", "--db", toy_db, "--on-time", "2"])
    assert res.exit_code == 2 and "--on-time" in res.output
