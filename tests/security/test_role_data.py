"""Red team, session 24: the planners' recommendations read through the Ask API by the ask role.

The recommendations routes answer the ask role with 403, but the built-in model describes the
same table (issue 8 lets planners ask about it in words), and ``/orderlens/api/ask`` answered
every role alike: on the live server ana (ask) got 403 on ``/orderlens/api/recommendations``
and 200 with every order's expected saving for "expected saving by order", and the planners'
decisions for "recommendation count by recommendation status". Each test below failed on
96822ae (200 with the rows) where it now expects the refusal.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from lab.server.role_data import may_read, needed_role
from lab.server.users import Role, UserStore
from tests.server_helpers import fetch_json, fetch_json_as, server_config

pytest_plugins = ["pytest_jupyter.jupyter_server"]

AS_OF = date(2026, 11, 20)  # the demo warehouse's end date
SAVING = "expected saving by order"


@pytest.fixture()
def people(tmp_path: Path) -> dict[str, str]:
    store = UserStore(tmp_path / "users.json")
    return {
        "ana": store.add("ana", Role.ASK),
        "pia": store.add("pia", Role.PLANNER),
        "ali": store.add("ali", Role.ANALYST),
    }


@pytest.fixture()
def jp_server_config(planned_db: Path, tmp_path: Path, people: dict[str, str]) -> dict:
    return server_config(
        planned_db, tmp_path / "users.json", tmp_path / "history.sqlite3",
        token_role="ask", today=AS_OF.isoformat(), chart_svg=False,
    )  # fmt: skip


def _savings(db: Path) -> dict[str, float]:
    from connectors.warehouse import connect

    con = connect(db, read_only=True)
    try:
        rows = con.execute(
            "SELECT order_id, SUM(expected_saving) FROM shipping_recommendations GROUP BY 1"
        ).fetchall()
    finally:
        con.close()
    return {order: float(saving) for order, saving in rows}


def _ask(question: str, **extra: object) -> str:
    return json.dumps({"question": question, **extra})


async def test_the_ask_role_reads_no_recommendation_through_any_answer_route(
    jp_fetch, jp_auth_header, people: dict[str, str], planned_db: Path
) -> None:
    savings = _savings(planned_db)
    assert savings  # the attack needs proposals to read
    ask = ("orderlens", "api", "ask")
    # the planner asks first: the answer is then in the cache every role shares
    code, body = await fetch_json_as(
        jp_fetch, people["pia"], *ask, method="POST", body=_ask(SAVING)
    )
    assert code == 200, body
    assert {row[0]: pytest.approx(row[1]) for row in body["rows"]} == savings
    for headers in (
        {"Authorization": f"token {people['ana']}"},
        jp_auth_header,
    ):  # ana, server token
        for question in (
            SAVING,
            "recommendation count by recommendation status",
            "各建议状态的发货建议数",
        ):
            code, got = await fetch_json(
                jp_fetch, *ask, method="POST", body=_ask(question), headers=headers,
                request_timeout=180,
            )  # fmt: skip
            assert code == 422, (question, got)
            assert got["refused"] is True and "rows" not in got and "sql" not in got
            assert "planner" in got["error"] and "planner" in got["reason"]
    ana = people["ana"]
    # the same answer by the other routes: a conversation, the chart switch, the export, a vote
    code, got = await fetch_json_as(
        jp_fetch, ana, *ask, method="POST",
        body=_ask("expected saving by order", earlier=["expected saving"]),
    )  # fmt: skip
    assert code == 422 and "rows" not in got, got
    code, got = await fetch_json_as(
        jp_fetch, ana, "orderlens", "api", "chart", method="POST", body=_ask(SAVING, kind="bar")
    )
    assert code == 422 and "chart" not in got, got
    code, got = await fetch_json_as(
        jp_fetch, ana, "orderlens", "api", "export", method="POST", body=_ask(SAVING, format="csv")
    )
    assert code == 422 and "planner" in got["error"], got
    code, got = await fetch_json_as(
        jp_fetch, ana, "orderlens", "api", "feedback", method="POST",
        body=json.dumps({"question": SAVING, "rating": "up"}),
    )  # fmt: skip
    assert code == 201 and got["feedback"]["ok"] is False and got["feedback"]["sql"] is None, got
    # ana's history says she was refused, with the reason
    code, got = await fetch_json_as(jp_fetch, ana, "orderlens", "api", "history", method="GET")
    mine = [h for h in got["history"] if h["question"] == SAVING]
    assert mine and all(not h["ok"] and "planner" in h["reason"] for h in mine), mine
    # nor does her catalog list the planners' metrics, entity or dimension values
    code, cat = await fetch_json_as(jp_fetch, ana, "orderlens", "api", "catalog", method="GET")
    assert code == 200 and _planner_parts(cat) == set(), _planner_parts(cat)
    assert {"gmv", "order_count"} <= {m["name"] for m in cat["metrics"]}
    assert any(d["name"] == "order__channel" for d in cat["browse"]["dimensions"])


def _planner_parts(catalog: dict) -> set[str]:
    """What a catalog says about the planners' recommendations."""
    names = {m["name"] for m in catalog["metrics"]} | {e["name"] for e in catalog["entities"]}
    names |= {d["name"] for d in catalog["dimensions"]}
    names |= {d for m in catalog["metrics"] for d in m["dimensions"]}
    names |= {m["name"] for m in catalog["browse"]["metrics"]}
    names |= {d["name"] for d in catalog["browse"]["dimensions"]}
    return {
        n
        for n in names
        if n.startswith("recommendation")
        or n in ("expected_saving", "accepted_recommendations", "avg_p_late")
    }


async def test_planners_and_analysts_still_ask_about_recommendations(
    jp_fetch, people: dict[str, str], planned_db: Path
) -> None:
    savings = _savings(planned_db)
    for who in ("pia", "ali"):
        code, body = await fetch_json_as(
            jp_fetch, people[who], "orderlens", "api", "ask", method="POST", body=_ask(SAVING)
        )
        assert code == 200, (who, body)
        assert sum(row[1] for row in body["rows"]) == pytest.approx(sum(savings.values()))
        code, cat = await fetch_json_as(
            jp_fetch, people[who], "orderlens", "api", "catalog", method="GET"
        )
        assert {"expected_saving", "recommendation", "recommendation__recommendation_status"} <= (
            _planner_parts(cat)
        )
    # an ask user's other questions are answered as before
    code, body = await fetch_json_as(
        jp_fetch, people["ana"], "orderlens", "api", "ask", method="POST",
        body=_ask("order count by channel"),
    )  # fmt: skip
    assert code == 200 and body["rows"], body


def test_the_tables_an_answer_reads_decide_the_role() -> None:
    planner = Role.PLANNER
    assert needed_role("SELECT order_id FROM orders") is None
    for sql in (
        "SELECT SUM(expected_saving) FROM shipping_recommendations",
        'SELECT 1 FROM "SHIPPING_RECOMMENDATIONS"',
        "SELECT 1 FROM marts.shipping_recommendations AS r",
        "SELECT o.order_id FROM orders AS o WHERE o.order_id IN "
        "(SELECT order_id FROM shipping_recommendation_events)",
        # a model view over the table is inlined into the answer's SQL
        "SELECT src.x FROM (SELECT lane AS x FROM shipping_recommendations) AS src",
        # a CTE of that name is refused too: fail closed
        "WITH shipping_recommendations AS (SELECT 1 AS x) SELECT x FROM shipping_recommendations",
    ):
        assert needed_role(sql) is planner, sql
        assert not may_read(Role.ASK, sql) and may_read(planner, sql) and may_read("analyst", sql)
    assert needed_role("SELEC nonsense FROM (") is Role.ANALYST  # cannot tell: analysts only
    assert may_read(Role.ASK, None) and may_read(Role.ASK, "")
