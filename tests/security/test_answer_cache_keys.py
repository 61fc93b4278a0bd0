"""Red team, session 29: what the answer cache lets two askers share.

The cache key folded the question's whitespace (``" ".join(question.split())``): every
Unicode space (NBSP, U+3000, U+2028, tab, newline, even the separator controls \\x1c-\\x1f and
\\x85, which ``str.split`` counts as spaces) made the same entry. The engine answers such
questions alike, but a refusal's suggestions keep the asker's own spacing: asked as
"profit\\x1cby channel", they read "matched amount\\x1cby channel", and everyone asking the
plain "profit by channel" afterwards got those from the cache. Probed in process with
``nl2sql.ask`` on the code of main e1d1d8ff: 2,230 variants (10 kinds of space in place of a
space) of the 443 questions of orders_eval and three probe sets: SQL, refusal and reason never
differed; the suggestions did in 237 variants of 29 questions. The key is now the question as
asked (the handlers strip its ends). Since session 30 the server also makes every suggestion
plain text (``lab.server.suggestion_text``), so the asker no longer sees their own odd spaces
either; the key stays exact.

The other shares asked for: roles (the key holds the role's hidden models, and the role's
refusal is applied after the cache), a planner's answer is never an ask-role user's; per-user
row policies do not exist (a role is the only thing a user's answers depend on); a model edit
and a new warehouse are new keys (``test_model_edit.py``, ``test_overlay_warehouse_change.py``).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from lab.server.history import QuestionHistory
from lab.server.service import AskService, ServiceSettings
from lab.server.users import Role


@pytest.fixture()
def service(planned_db: Path):
    settings = ServiceSettings(db=str(planned_db), engine="rules", today="2026-11-20",
                               chart_svg=False)  # fmt: skip
    svc = AskService(settings, QuestionHistory(None))
    yield svc
    svc.close()


@pytest.mark.parametrize("space", ["\x1c", "\u2028", "\n", "\u00a0"])
def test_one_askers_spacing_never_reaches_anothers_suggestions(
    service: AskService, space: str
) -> None:
    status, odd = service.ask(f"profit{space}by channel")
    # session 30: the server makes suggestions plain (test_suggestion_text.py), the asker's too
    assert status == 422 and odd["suggestions"]
    assert all(space not in s for s in odd["suggestions"])
    status, plain = service.ask("profit by channel")
    assert status == 422 and plain["cached"] is False
    assert plain["suggestions"] and all(space not in s for s in plain["suggestions"])
    assert "matched amount by channel" in plain["suggestions"]


def test_case_full_width_and_invisible_characters_are_entries_of_their_own(
    service: AskService,
) -> None:
    first = service.ask("GMV by channel")[1]
    assert first["cached"] is False and service.ask("GMV by channel")[1]["cached"] is True
    for other in ("gmv by channel", "ＧＭＶ by channel", "GMV by\u200b channel", "GMV by  channel"):
        status, body = service.ask(other)
        assert status == 200 and body["cached"] is False, other
        assert body["rows"] == first["rows"]  # answered alike, each from its own entry


def test_a_planners_cached_answer_is_never_an_ask_role_answer(service: AskService) -> None:
    question = "expected saving by lane"
    status, planned = service.ask(question, role=Role.PLANNER)
    assert status == 200 and planned["rows"]
    assert service.ask(question, role=Role.ANALYST)[1]["cached"] is True  # the same view
    status, asked = service.ask(question, role=Role.ASK)
    assert status == 422 and asked["cached"] is False and not asked.get("rows")
    assert "planner" in asked["error"]
