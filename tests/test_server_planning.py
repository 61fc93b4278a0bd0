"""The planners' recommendations tab API: proposals per lane and ship week, group decisions."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

from connectors.warehouse import connect
from lab.cli import cli
from lab.shipping.review import recommendation_history
from lab.shipping.toy import TOY_AS_OF, add_pending_order, build_toy_warehouse
from tests.server_helpers import fetch_json as _json
from tests.server_helpers import server_config, token_headers

pytest_plugins = ["pytest_jupyter.jupyter_server"]


@pytest.fixture()
def toy_db(tmp_path: Path) -> Path:
    """Three pending export orders: O1 and O3 to Germany worth delaying (one group), O2 not."""
    path = tmp_path / "toy.duckdb"
    con = connect(path)
    build_toy_warehouse(con)
    due = TOY_AS_OF + timedelta(days=25)
    add_pending_order(con, "O1", "DE", due, units=10, mode="air")
    add_pending_order(con, "O2", "US", due, units=20, mode="sea")
    add_pending_order(con, "O3", "DE", due, units=30, mode="air")
    con.close()
    res = CliRunner().invoke(cli, ["windows", "recommend", "--db", str(path)])
    assert res.exit_code == 0, res.output
    assert "本周发往德国的2单（40件）延迟5天出货" in res.output  # the CLI's own grouping
    return path


@pytest.fixture()
def tokens(tmp_path: Path) -> dict[str, str]:
    from lab.server.users import Role, UserStore

    store = UserStore(tmp_path / "users.json")
    return {"pia": store.add("pia", Role.PLANNER), "ana": store.add("ana", Role.ASK)}


@pytest.fixture()
def jp_server_config(toy_db: Path, tmp_path: Path, tokens: dict[str, str]) -> dict:
    return server_config(toy_db, tmp_path / "users.json", tmp_path / "history.json")


async def test_planner_sees_one_group_per_lane_and_week_with_the_saving_per_unit(
    jp_fetch, tokens, toy_db: Path
) -> None:
    code, body = await _json(
        jp_fetch, "orderlens", "api", "recommendation-groups", method="GET",
        headers=token_headers(tokens["pia"]),
    )  # fmt: skip
    assert code == 200, body
    assert body["as_of"] == "2026-11-20"
    (group,) = body["groups"]
    assert group["recommendation_ids"] == ["SR20261120-O1", "SR20261120-O3"]
    assert (group["lane"], group["destination_country"], group["week_start"]) == (
        "CN-DE",
        "DE",
        "2026-11-16",
    )
    assert (group["orders"], group["units"], group["delay_days"]) == (2, 40, 5)
    con = connect(toy_db, read_only=True)
    savings = dict(
        con.execute(
            "SELECT order_id, expected_saving FROM shipping_recommendations ORDER BY 1"
        ).fetchall()
    )
    con.close()
    total = float(savings["O1"]) + float(savings["O3"])
    assert group["expected_saving"] == pytest.approx(total, abs=0.01)
    assert group["saving_per_unit"] == pytest.approx(round(total / 40, 2))
    assert group["sentence_zh"].startswith("本周发往德国的2单（40件）延迟5天出货")
    assert f"{group['saving_per_unit']:.2f} CNY/件" in group["sentence_zh"]
    assert "to Germany 5 days later" in group["sentence_en"]


async def test_the_ask_role_gets_403_on_every_planner_route(jp_fetch, tokens) -> None:
    code, me = await _json(jp_fetch, "orderlens", "api", "me", headers=token_headers(tokens["pia"]))
    assert (code, me["role"], me["may_see_recommendations"], me["may_decide"]) == (
        200, "planner", True, True,
    )  # fmt: skip
    ana = token_headers(tokens["ana"])
    for method, parts, body in (
        ("GET", ("orderlens", "api", "recommendation-groups"), None),
        ("GET", ("orderlens", "api", "recommendations"), None),
        ("POST", ("orderlens", "api", "recommendation-groups", "decide"),
         '{"recommendation_ids": ["SR20261120-O1"], "decision": "accept"}'),
        ("POST", ("orderlens", "api", "recommendations", "SR20261120-O1"),
         '{"decision": "accept"}'),
    ):  # fmt: skip
        code, got = await _json(jp_fetch, *parts, method=method, body=body, headers=ana)
        assert code == 403, (parts, got)


async def test_a_group_decision_records_the_named_planner_on_each_order(
    jp_fetch, tokens, toy_db: Path
) -> None:
    pia = token_headers(tokens["pia"])
    code, body = await _json(
        jp_fetch, "orderlens", "api", "recommendation-groups", "decide", method="POST",
        headers=pia, body=json.dumps({"recommendation_ids": ["SR20261120-O1", "SR20261120-O3"],
                                      "decision": "reject", "comment": "客户要求准时发货"}),
    )  # fmt: skip
    assert code == 200, body
    assert body["failed"] == []
    assert [(r["recommendation_id"], r["status"], r["reviewer"], r["comment"]) for r in
            body["decided"]] == [("SR20261120-O1", "rejected", "pia", "客户要求准时发货"),
                                 ("SR20261120-O3", "rejected", "pia", "客户要求准时发货")]  # fmt: skip
    con = connect(toy_db, read_only=True)
    trail = recommendation_history(con, "SR20261120-O3")
    con.close()
    assert list(trail["status"]) == ["proposed", "rejected"] and trail["reviewer"].iloc[-1] == "pia"

    # the tab's default view (proposed) is empty now; the rejected group is listed by status
    code, body = await _json(
        jp_fetch, "orderlens", "api", "recommendation-groups", method="GET", headers=pia
    )
    assert body["groups"] == []
    code, body = await _json(
        jp_fetch, "orderlens", "api", "recommendation-groups", method="GET", headers=pia,
        params={"status": "rejected"},
    )  # fmt: skip
    assert [g["status"] for g in body["groups"]] == ["rejected"]

    # deciding again without force: every id fails with 409, nothing changes
    code, body = await _json(
        jp_fetch, "orderlens", "api", "recommendation-groups", "decide", method="POST",
        headers=pia, body=json.dumps({"recommendation_ids": ["SR20261120-O1", "SR20261120-O3"],
                                      "decision": "accept"}),
    )  # fmt: skip
    assert code == 409 and "already rejected" in body["error"]
    assert [f["recommendation_id"] for f in body["failed"]] == ["SR20261120-O1", "SR20261120-O3"]


async def test_a_partly_decidable_group_reports_each_failure(jp_fetch, tokens) -> None:
    pia = token_headers(tokens["pia"])
    code, body = await _json(
        jp_fetch, "orderlens", "api", "recommendation-groups", "decide", method="POST",
        headers=pia, body=json.dumps({"recommendation_ids": ["SR20261120-O1", "SR-gone"],
                                      "decision": "accept"}),
    )  # fmt: skip
    assert code == 200
    assert [r["recommendation_id"] for r in body["decided"]] == ["SR20261120-O1"]
    assert body["failed"][0]["recommendation_id"] == "SR-gone"
    assert body["failed"][0]["status"] == 404 and "SR-gone" in body["failed"][0]["error"]


BAD_BODIES = [
    ({"decision": "accept"}, '"recommendation_ids" must be a non-empty list'),
    ({"recommendation_ids": [], "decision": "accept"}, "must be a non-empty list"),
    ({"recommendation_ids": ["x y"], "decision": "accept"}, "must be ids like"),
    ({"recommendation_ids": ["R"] * 401, "decision": "accept"}, "at most 400"),
    ({"recommendation_ids": ["SR20261120-O1"]}, 'send {"recommendation_ids"'),
    ({"recommendation_ids": ["SR20261120-O1"], "decision": "accept", "force": "no"},
     '"force" must be true or false'),
]  # fmt: skip


async def test_group_decisions_refuse_malformed_bodies(jp_fetch, tokens) -> None:
    for body, message in BAD_BODIES:  # one server for all cases: the toy warehouse is slow
        code, got = await _json(
            jp_fetch, "orderlens", "api", "recommendation-groups", "decide", method="POST",
            headers=token_headers(tokens["pia"]), body=json.dumps(body),
        )  # fmt: skip
        assert code == 400 and message in got["error"], (body, got)
