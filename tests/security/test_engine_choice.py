"""Red team, session 17: a request cannot choose a question engine the operator did not.

Before: ``orderlens serve --OrderLensApp.engine=rules`` (questions never leave the machine) was
the default a request could override: ``{"question": ..., "engine": "llm"}`` from any ask-role
user sent the question, with the model's names and values in the prompt, to the LLM provider
whenever an API key was set in the server's environment (for analysts' notebooks, say), on the
operator's account. Now a request may name the server's engine or a narrower one (``rules``,
which never leaves the machine); anything else is a 400 naming the server's engine.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.server_helpers import fetch_json, server_config

pytest_plugins = ["pytest_jupyter.jupyter_server"]


@pytest.fixture()
def llm_calls(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """An LLM 'configured' (an API key in the environment) that records each question."""
    import importlib

    from nl2sql import llm_engine

    ask_module = importlib.import_module("nl2sql.ask")  # the package exports ask() by that name

    calls: list[str] = []

    def fake(question: str, *args: Any, **kwargs: Any) -> Any:
        calls.append(question)
        raise RuntimeError("the test's LLM was reached")

    monkeypatch.setattr(ask_module, "llm_configured", lambda: True)
    monkeypatch.setattr(llm_engine, "understand_with_fallback", fake)
    return calls


@pytest.fixture()
def jp_server_config(
    demo_db: Path, demo_catalog: None, history_file: Path, users_file: Path, tokens
) -> dict:
    return server_config(
        demo_db, users_file, history_file, token_role="ask", today="2026-11-20", engine="rules"
    )


@pytest.mark.parametrize("route", ["ask", "chart", "export"])
@pytest.mark.parametrize("engine", ["llm", "auto"])
async def test_a_rules_server_refuses_the_llm(jp_fetch, tokens, llm_calls, route, engine) -> None:
    body = {"question": "供应商", "engine": engine}
    if route == "chart":
        body["kind"] = "bar"
    code, reply = await fetch_json(
        jp_fetch, "orderlens", "api", route, method="POST", body=json.dumps(body),
        headers={"Authorization": f"token {tokens['ana']}"},
    )  # fmt: skip
    assert code == 400, reply
    assert "rules" in reply["error"] and engine in reply["error"], reply
    assert '"rules" or "rules"' not in reply["error"], reply
    assert llm_calls == []


async def test_a_rules_server_answers_rules_requests(jp_fetch, tokens, llm_calls) -> None:
    code, reply = await fetch_json(
        jp_fetch, "orderlens", "api", "ask", method="POST",
        body='{"question": "各渠道的GMV", "engine": "rules"}',
        headers={"Authorization": f"token {tokens['ana']}"},
    )  # fmt: skip
    assert code == 200 and reply["engine"] == "rules", reply
    assert llm_calls == []
