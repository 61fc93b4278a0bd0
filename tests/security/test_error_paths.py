"""Red team, session 9: error bodies a business user gets name no server path.

Before: an ask-role user was told ``warehouse /srv/…/prod.duckdb does not exist: build the demo
with `orderlens demo --db /srv/…`` and, for an invalid model, every model file's absolute path
with its line: the server's layout, to people who reach no file. They now read
``<server path>``; an analyst (who has the files in JupyterLab) and the server log keep the
full message.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tornado.httpclient import HTTPClientError

from tests.server_helpers import server_config

pytest_plugins = ["pytest_jupyter.jupyter_server"]


@pytest.fixture(params=["missing warehouse", "invalid model", "invalid model, spaced folders"])
def broken(request, tmp_path: Path, demo_db: Path) -> dict:
    if request.param == "missing warehouse":
        return {"db": tmp_path / "warehouse" / "prod.duckdb", "path": str(tmp_path)}
    # session 19: a path with spaces was redacted up to its first space only, and the rest
    # ("Drive qz7/sub models/orders.yml:2") reached the user
    spaced = request.param.endswith("spaced folders")
    model = tmp_path / "My Drive qz7" / "sub models" if spaced else tmp_path / "models"
    model.mkdir(parents=True)
    (model / "orders.yml").write_text("semantic_models:\n  - name: 3\nmetrics: []\n")
    return {"db": demo_db, "semantic_model": str(model), "path": str(model)}


@pytest.fixture()
def jp_server_config(broken, history_file, users_file, tokens) -> dict:
    extra = {"semantic_model": broken["semantic_model"]} if "semantic_model" in broken else {}
    return server_config(
        broken["db"], users_file, history_file, token_role="ask", today="2026-11-20", **extra
    )


async def _error(jp_fetch, token: str, *parts: str, **kw) -> tuple[int, str]:
    headers = {"Authorization": f"token {token}"}
    try:
        resp = await jp_fetch(*parts, headers=headers, request_timeout=120, **kw)
    except HTTPClientError as exc:
        assert exc.response is not None
        return exc.code, json.loads(exc.response.body)["error"]
    return resp.code, json.loads(resp.body).get("error", "")


@pytest.mark.parametrize("user", ["ana", "pia"])
async def test_business_users_see_no_server_path(jp_fetch, tokens, broken, user) -> None:
    for parts, kw in (
        (("orderlens", "api", "ask"), {"method": "POST", "body": '{"question": "GMV"}'}),
        (("orderlens", "api", "catalog"), {"method": "GET"}),
    ):
        code, error = await _error(jp_fetch, tokens[user], *parts, **kw)
        assert code >= 400 and error, (parts, code)
        assert broken["path"] not in error and "<server path>" in error, error
        assert "qz7" not in error and "models/orders.yml" not in error, error


async def test_an_analyst_sees_the_full_message(jp_fetch, tokens, broken) -> None:
    code, error = await _error(
        jp_fetch, tokens["ali"], "orderlens", "api", "ask", method="POST",
        body='{"question": "GMV"}',
    )  # fmt: skip
    assert code >= 400 and broken["path"] in error


async def _json(jp_fetch, token: str, *parts: str, **kw) -> tuple[int, dict]:
    headers = {"Authorization": f"token {token}"}
    try:
        resp = await jp_fetch(*parts, headers=headers, request_timeout=120, **kw)
    except HTTPClientError as exc:
        assert exc.response is not None
        return exc.code, json.loads(exc.response.body)
    return resp.code, json.loads(resp.body)


@pytest.mark.parametrize("user", ["ana", "pia"])
async def test_no_server_path_in_reason_or_history(jp_fetch, tokens, broken, user) -> None:
    """Session 17: only ``error`` was redacted. The answer's ``reason`` and the same user's
    ``GET /orderlens/api/history`` (which records the reason) named the server's paths."""
    await _json(
        jp_fetch, tokens[user], "orderlens", "api", "ask", method="POST",
        body='{"question": "GMV"}',
    )  # fmt: skip
    _, history = await _json(jp_fetch, tokens[user], "orderlens", "api", "history")
    reasons = [row["reason"] for row in history["history"]]
    if "semantic_model" in broken:  # a server with no valid model answers 503, records nothing
        assert reasons == [], history
        return
    assert len(reasons) == 1 and reasons[0], history
    assert broken["path"] not in reasons[0] and "<server path>" in reasons[0], reasons


async def test_an_analyst_keeps_the_full_reason_in_history(jp_fetch, tokens, broken) -> None:
    await _json(
        jp_fetch, tokens["ali"], "orderlens", "api", "ask", method="POST",
        body='{"question": "GMV"}',
    )  # fmt: skip
    _, history = await _json(jp_fetch, tokens["ali"], "orderlens", "api", "history")
    reasons = [row["reason"] for row in history["history"]]
    assert reasons == [] if "semantic_model" in broken else broken["path"] in reasons[0]
