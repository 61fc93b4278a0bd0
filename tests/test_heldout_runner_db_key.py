"""The held-out runner hands a warehouse key to the engine only when its caller gives one.

Why: on an in-memory warehouse the engine cannot tell two questions ask the same data, so each
rebuilt its catalog, lexicon and tokenizer; probe files used to patch ``nl2sql.ask`` to add the
key. The default must stay None so the held-out sets are scored exactly as before.
"""

from __future__ import annotations

from typing import Any

import pytest

import nl2sql
from lab.evals.heldout.runner import Question, score_question, score_questions


@pytest.fixture()
def asked(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """Every call of the engine, as its keyword arguments; each answers with a refusal."""
    calls: list[dict[str, Any]] = []

    def fake_ask(text: str, **kwargs: Any) -> Any:
        calls.append({"text": text, **kwargs})
        raise nl2sql.NL2SQLError("no bread was baked on that day")

    monkeypatch.setattr(nl2sql, "ask", fake_ask)
    return calls


def _question(text: str) -> Question:
    return Question(text, text, "en", (), refuse=True)


def test_the_key_reaches_the_engine_for_every_question(asked: list[dict[str, Any]]) -> None:
    questions = [_question("loaves baked on monday"), _question("rolls sold per oven")]
    score = score_questions("bakery", questions, None, None, "2026-03-01", db_key="bakery:mem")
    assert [c["db_key"] for c in asked] == ["bakery:mem", "bakery:mem"]
    assert [c["text"] for c in asked] == ["loaves baked on monday", "rolls sold per oven"]
    assert [o.verdict for o in score.outcomes] == ["correct", "correct"]  # refusals are right


def test_without_a_key_the_engine_gets_none(asked: list[dict[str, Any]]) -> None:
    outcome = score_question(_question("loaves baked on monday"), None, None, "2026-03-01")
    assert asked[0]["db_key"] is None
    assert asked[0]["engine"] == "rules" and asked[0]["today"] == "2026-03-01"
    assert outcome.verdict == "correct"
    assert outcome.detail == "no bread was baked on that day"
