"""Planners' review of shipping-window recommendations through the server API (jp_fetch)."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner
from tornado.httpclient import HTTPClientError

from connectors.warehouse import connect
from lab.cli import cli
from lab.shipping.review import recommendation_history
from lab.shipping.toy import TOY_AS_OF, add_pending_order, build_toy_warehouse
from tests.server_helpers import fetch_json as _json
from tests.server_helpers import server_config

pytest_plugins = ["pytest_jupyter.jupyter_server"]


@pytest.fixture()
def toy_db(tmp_path: Path) -> Path:
    """A toy warehouse with two pending export orders, one worth delaying (SR20261120-O1)."""
    path = tmp_path / "toy.duckdb"
    con = connect(path)
    build_toy_warehouse(con)
    add_pending_order(con, "O1", "DE", TOY_AS_OF + timedelta(days=25), units=10, mode="air")
    add_pending_order(con, "O2", "US", TOY_AS_OF + timedelta(days=25), units=20, mode="sea")
    con.close()
    res = CliRunner().invoke(cli, ["windows", "recommend", "--db", str(path)])
    assert res.exit_code == 0, res.output
    return path


@pytest.fixture()
def planner_token(tmp_path: Path) -> str:
    """A named planner, pia, in the server's users file."""
    from lab.server.users import Role, UserStore

    return UserStore(tmp_path / "users.json").add("pia", Role.PLANNER)


@pytest.fixture()
def jp_server_config(toy_db: Path, tmp_path: Path, planner_token: str) -> dict:
    return server_config(toy_db, tmp_path / "users.json", tmp_path / "history.json")


async def test_list_accept_and_refuse_silent_change(
    jp_fetch, toy_db: Path, planner_token: str
) -> None:
    as_pia = {"Authorization": f"token {planner_token}"}
    # least privilege: the server token of `orderlens serve` has the ask role: no proposals
    code, body = await _json(jp_fetch, "orderlens", "api", "recommendations", method="GET")
    assert code == 403 and "orderlens.recommendations" in json.dumps(body)
    code, body = await _json(
        jp_fetch, "orderlens", "api", "recommendations", method="GET", headers=as_pia
    )
    assert code == 200
    assert [r["recommendation_id"] for r in body["recommendations"]] == ["SR20261120-O1"]
    rec = body["recommendations"][0]
    assert rec["status"] == "proposed" and rec["destination_country"] == "DE"
    assert rec["expected_saving"] > 0

    code, body = await _json(
        jp_fetch, "orderlens", "api", "recommendations", params={"status": "accepted"},
        method="GET", headers=as_pia,
    )  # fmt: skip
    assert (code, body["recommendations"]) == (200, [])

    code, body = await _json(
        jp_fetch, "orderlens", "api", "recommendations", "SR20261120-O1", method="POST",
        body=json.dumps({"decision": "accept", "comment": "fine by the customer"}), headers=as_pia,
    )  # fmt: skip
    assert code == 200, body
    decided = body["recommendation"]
    assert decided["status"] == "accepted"
    assert decided["comment"] == "fine by the customer"
    assert decided["reviewer"] == "pia"  # the signed-in named user, never a body field

    # deciding again without force is refused with 409, and nothing changes
    code, body = await _json(
        jp_fetch, "orderlens", "api", "recommendations", "SR20261120-O1", method="POST",
        body=json.dumps({"decision": "reject", "comment": "changed my mind"}), headers=as_pia,
    )  # fmt: skip
    assert code == 409 and "already accepted" in body["error"]
    # booleans and comments are typed: "false" is not read as true, an object is no comment
    for bad, field in (
        ({"decision": "reject", "comment": "x", "force": "false"}, '"force" must be true or false'),
        ({"decision": "reject", "comment": {"text": "x"}}, '"comment" must be a string'),
        ({"decision": "reject", "comment": "x" * 1001}, "at most 1000 are accepted"),
    ):
        code, body = await _json(
            jp_fetch, "orderlens", "api", "recommendations", "SR20261120-O1", method="POST",
            body=json.dumps(bad), headers=as_pia,
        )  # fmt: skip
        assert code == 400 and field in body["error"], bad

    code, body = await _json(
        jp_fetch, "orderlens", "api", "recommendations", "SR-nope", method="POST",
        body=json.dumps({"decision": "accept"}), headers=as_pia,
    )  # fmt: skip
    assert code == 404 and "SR-nope" in body["error"]

    code, body = await _json(
        jp_fetch, "orderlens", "api", "recommendations", "SR20261120-O1", method="POST",
        body=json.dumps({"decision": "maybe"}), headers=as_pia,
    )  # fmt: skip
    assert code == 400

    con = connect(toy_db, read_only=True)
    try:
        trail = recommendation_history(con, "SR20261120-O1")
    finally:
        con.close()
    assert list(trail["status"]) == ["proposed", "accepted"]
    assert trail["reviewer"].iloc[-1] == decided["reviewer"]


async def test_review_routes_need_credentials(jp_fetch) -> None:
    for method, parts, body in (
        ("GET", ("orderlens", "api", "recommendations"), None),
        ("POST", ("orderlens", "api", "recommendations", "SR20261120-O1"), '{"decision":"accept"}'),
    ):
        with pytest.raises(HTTPClientError) as info:
            await jp_fetch(*parts, method=method, body=body, headers={"Authorization": ""})
        assert info.value.code == 403
