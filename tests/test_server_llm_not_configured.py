"""A server set to the LLM engine without a key tells the page user whom to ask, not a CLI flag.

Why: the engine's own message ends "or ask with --engine rules" — right on the command line,
useless on the Ask page, where a request cannot choose an engine the server does not use
(red team s17).
"""

from __future__ import annotations

from pathlib import Path

from lab.server.history import QuestionHistory
from lab.server.service import LLM_NOT_CONFIGURED, AskService, ServiceSettings

TODAY = "2026-11-20"


def test_page_user_is_told_to_ask_the_operator(demo_db: Path, monkeypatch) -> None:
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    settings = ServiceSettings(db=str(demo_db), engine="llm", today=TODAY, chart_svg=False)
    service = AskService(settings, QuestionHistory(None), answer_cache_size=0)
    try:
        status, body = service.ask("GMV by channel")
    finally:
        service.close()
    assert status == 422
    assert body["error"] == LLM_NOT_CONFIGURED
    assert "--engine rules" not in body["error"]
    assert "--OrderLensApp.engine=rules" in body["error"]
    assert body["refused"] is False


def test_a_rules_server_answers_without_any_key(demo_db: Path, monkeypatch) -> None:
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    settings = ServiceSettings(db=str(demo_db), engine="rules", today=TODAY, chart_svg=False)
    service = AskService(settings, QuestionHistory(None), answer_cache_size=0)
    try:
        status, body = service.ask("GMV by channel")
    finally:
        service.close()
    assert status == 200 and body["engine"] == "rules" and len(body["rows"]) >= 4
