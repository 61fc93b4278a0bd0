"""Red team, session 25: the ask role learns nothing of the planners' rows from refusals.

Session 24 refused the ask role every answer that reads the planners' shipping-window
recommendations, and left their dimensions' values out of that role's catalog. But the
question engine still understood ask users' questions with the whole model, values read from
the planners' table included, so its *refusals* told which values that table holds. On the
live ``orderlens serve`` ana (ask) sent "order count for lane CN-US" and was told "'cn us' is
ambiguous: it could be freight quote lane CN-US or recommendation lane CN-US or shipment lane
CN-US" (for CN-FR: only the freight quote and shipment lanes), so every lane with a proposal
this week could be read off; "recommendation count for lane CN-AU" was the role refusal while
"… CN-ZZ" was "I don't know 'zz'". The ask role's questions are now understood with the model
without the semantic models it may not read (:mod:`lab.server.role_model`): what a refusal says
no longer depends on the planners' rows; a question naming the planners' data still gets the
refusal naming the planner role.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from lab.server.users import Role, UserStore
from tests.server_helpers import fetch_json_as, server_config

pytest_plugins = ["pytest_jupyter.jupyter_server"]

AS_OF = date(2026, 11, 20)


@pytest.fixture()
def people(tmp_path: Path) -> dict[str, str]:
    store = UserStore(tmp_path / "users.json")
    return {"ana": store.add("ana", Role.ASK), "pia": store.add("pia", Role.PLANNER)}


@pytest.fixture()
def jp_server_config(planned_db: Path, tmp_path: Path, people: dict[str, str]) -> dict:
    return server_config(
        planned_db, tmp_path / "users.json", tmp_path / "history.sqlite3",
        token_role="ask", today=AS_OF.isoformat(), chart_svg=False,
    )  # fmt: skip


def _lanes(db: Path) -> tuple[str, str]:
    """A lane with a proposal, and one shipments have but no proposal."""
    from connectors.warehouse import connect

    con = connect(db, read_only=True)
    try:
        sql = "SELECT DISTINCT lane FROM {}"
        proposed = {r[0] for r in con.execute(sql.format("shipping_recommendations")).fetchall()}
        shipped = {r[0] for r in con.execute(sql.format("shipments")).fetchall()}
    finally:
        con.close()
    assert proposed and shipped - proposed, (proposed, shipped)
    return sorted(proposed)[0], sorted(shipped - proposed)[0]


async def _error(jp_fetch, token: str, question: str) -> tuple[int, str]:
    code, body = await fetch_json_as(
        jp_fetch, token, "orderlens", "api", "ask", method="POST",
        body=json.dumps({"question": question}),
    )  # fmt: skip
    assert "rows" not in body or code == 200, body
    return code, str(body.get("error") or body.get("interpretation"))


async def test_refusals_to_the_ask_role_do_not_depend_on_the_planners_rows(
    jp_fetch, people: dict[str, str], planned_db: Path
) -> None:
    proposed, other = _lanes(planned_db)
    ana, pia = people["ana"], people["pia"]
    code_p, with_proposal = await _error(jp_fetch, ana, f"order count for lane {proposed}")
    code_o, without = await _error(jp_fetch, ana, f"order count for lane {other}")
    assert code_p == code_o == 422
    assert "recommendation" not in with_proposal, with_proposal
    assert with_proposal.replace(proposed.lower().replace("-", " "), "X").replace(
        proposed, "X"
    ) == without.replace(other.lower().replace("-", " "), "X").replace(other, "X")
    # naming the planners' data: a refusal naming the planner role, the same whether the value
    # is in their table or not (since session 26 the engine's own refusal on what the ask role
    # sees, so both lanes are ones shipments have: the planners' rows must change nothing)
    code_a, known = await _error(jp_fetch, ana, f"recommendation count for lane {proposed}")
    code_b, unknown = await _error(jp_fetch, ana, f"recommendation count for lane {other}")
    assert code_a == code_b == 422 and "planner" in known, (known, unknown)
    assert known.replace(proposed, "X") == unknown.replace(other, "X"), (known, unknown)
    # the planner is answered as before, by the recommendations' own lane
    code, answered = await _error(jp_fetch, pia, f"recommendation count for lane {proposed}")
    assert code == 200 and "recommendation lane" in answered, answered


def test_threads_asking_at_once_share_one_view(monkeypatch) -> None:
    """The engine caches its catalog per model object: two views of one model (a question
    racing the warm-up) would build and keep the ask role's catalog twice."""
    import threading
    import time

    from lab.server import role_model
    from nl2sql.ask import get_model

    model = get_model(None)
    slow_derive = role_model._derive

    def derive(*args):
        time.sleep(0.2)  # both threads are inside before either stores its view
        return slow_derive(*args)

    monkeypatch.setattr(role_model, "_views", {})
    monkeypatch.setattr(role_model, "_derive", derive)
    views: list[object] = []
    threads = [
        threading.Thread(target=lambda: views.append(role_model.model_for_role(model, Role.ASK)))
        for _ in range(4)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(views) == 4 and len({id(v) for v in views}) == 1
    assert views[0].hidden == {"shipping_recommendations"}
    assert {"expected saving", "发货建议"} <= views[0].terms
