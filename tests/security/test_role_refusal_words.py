"""Red team, session 25 (left open), fixed in session 26: a refusal naming the planners' data
names no table the ask role cannot see, and still offers questions that role can ask.

Since session 25 a refused question of the ask role that holds a word only the planners' part
of the model has got one fixed message: "这个问题读取的是计划员的发货时间窗建议 … This question
reads the planners' shipping-window recommendations, which need the planner role", with no
suggestion. Some of those words are general language ("建议", "suggestion", "decision"), so
"给我一些建议" or "any suggestion for GMV by channel" told an ask user that a table of the
planners' shipping-window recommendations exists, and offered nothing to ask instead. The
refusal is now the engine's own (its words and suggestions come from the model the ask role
asks with, so they are runnable for it and depend on nothing hidden), with one line in the
question's language saying that another role's data may be meant, naming the role only.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from lab.server.users import Role, UserStore
from tests.server_helpers import fetch_json_as, server_config

pytest_plugins = ["pytest_jupyter.jupyter_server"]

#: what names the planners' table or what it holds (the role's own name, planner, may appear)
TABLE_WORDS = ("shipping", "recommendation", "发货", "时间窗", "计划员的", "proposal")
HAN = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture()
def people(tmp_path: Path) -> dict[str, str]:
    store = UserStore(tmp_path / "users.json")
    return {"ana": store.add("ana", Role.ASK), "pia": store.add("pia", Role.PLANNER)}


@pytest.fixture()
def jp_server_config(planned_db: Path, tmp_path: Path, people: dict[str, str]) -> dict:
    return server_config(
        planned_db, tmp_path / "users.json", tmp_path / "history.sqlite3",
        token_role="ask", today="2026-11-20", chart_svg=False,
    )  # fmt: skip


async def _ask(jp_fetch, token: str, question: str) -> tuple[int, dict]:
    return await fetch_json_as(
        jp_fetch, token, "orderlens", "api", "ask", method="POST",
        body=json.dumps({"question": question}),
    )  # fmt: skip


@pytest.mark.parametrize(
    "question",
    ["给我一些建议", "各渠道的GMV建议", "any suggestion for GMV by channel", "suggestion count"],
)
async def test_a_general_word_of_the_planners_model_names_no_table_and_helps(
    jp_fetch, people: dict[str, str], question: str
) -> None:
    code, body = await _ask(jp_fetch, people["ana"], question)
    assert code == 422 and body["refused"] is True and "rows" not in body, body
    for key in ("error", "reason"):
        text = str(body[key])
        named = [w for w in TABLE_WORDS if w in text.lower() and w not in question.lower()]
        assert not named, (key, named, text)
        assert "planner" in text, text  # the role another person's data may need
        # the line about the role is in the question's language
        assert bool(HAN.search(text.split("planner")[0])) == bool(HAN.search(question)), text
    suggestions = body["suggestions"]
    assert suggestions, body
    for suggestion in suggestions:  # each one runnable for the ask role
        asked, answer = await _ask(jp_fetch, people["ana"], suggestion)
        assert asked == 200, (suggestion, answer.get("error"))


async def test_the_planner_is_answered_and_the_planners_own_words_stay_refused(
    jp_fetch, people: dict[str, str]
) -> None:
    code, body = await _ask(jp_fetch, people["ana"], "expected saving by order")
    assert code == 422 and "rows" not in body and "planner" in body["error"], body
    assert not [w for w in ("shipping", "发货", "时间窗") if w in body["error"]], body
    code, body = await _ask(jp_fetch, people["pia"], "各建议状态的发货建议数")
    assert code == 200 and body["rows"], body
