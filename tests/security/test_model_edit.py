"""Red team, session 16: an invalid model edit no longer stops every question.

Before: the server reloads an edited model on the next question, and an edit that made it
invalid (here ``agg: counts`` in sales.yml) made every question on the server a 503 until someone
fixed the file. Now answers keep coming from the last valid model; the answer carries
``model_status`` and ``GET /orderlens/api/model`` says what is wrong, in which file and line,
and what to do (the Ask page shows it as a banner). Fixing the file clears it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.server_helpers import fetch_json_as as _get
from tests.server_helpers import server_config, small_model_dir

pytest_plugins = ["pytest_jupyter.jupyter_server"]


@pytest.fixture()
def model_dir(tmp_path: Path) -> Path:
    return small_model_dir(tmp_path)


@pytest.fixture()
def jp_server_config(demo_db, demo_catalog, history_file, users_file, tokens, model_dir) -> dict:
    return server_config(
        demo_db, users_file, history_file, token_role="ask", today="2026-11-20",
        semantic_model=str(model_dir),
    )  # fmt: skip


async def _ask(jp_fetch: Any, token: str) -> tuple[int, dict[str, Any]]:
    body = json.dumps({"question": "orders by channel", "chart_svg": False})
    return await _get(jp_fetch, token, "orderlens", "api", "ask", method="POST", body=body)


async def test_an_invalid_edit_keeps_the_last_valid_model_and_says_where(
    jp_fetch: Any, tokens: dict[str, str], model_dir: Path
) -> None:
    code, first = await _ask(jp_fetch, tokens["ana"])
    assert code == 200 and "model_status" not in first
    sales = model_dir / "sales.yml"
    text = sales.read_text(encoding="utf-8")
    broken = text.replace("agg: count", "agg: counts", 1)
    sales.write_text(broken, encoding="utf-8")

    code, during = await _ask(jp_fetch, tokens["ana"])
    assert code == 200, during
    assert during["rows"] == first["rows"]
    status = during["model_status"]
    assert status["ok"] is False and status["file"] == "sales.yml"
    line = status["line"]  # the line the loader names (the semantic model holding the measure)
    assert isinstance(line, int) and f"sales.yml:{line}: semantic model `orders`" in status["error"]
    assert "fix the file" in status["what_to_do"]
    assert str(model_dir) not in status["error"]  # no server path for an ask user
    code, same = await _get(jp_fetch, tokens["pia"], "orderlens", "api", "model")
    assert code == 200 and same["file"] == "sales.yml" and same["line"] == line

    sales.write_text(text + "\n", encoding="utf-8")  # fixed (a new size: a new version)
    code, after = await _ask(jp_fetch, tokens["ana"])
    assert code == 200 and "model_status" not in after
    code, ok = await _get(jp_fetch, tokens["ana"], "orderlens", "api", "model")
    assert code == 200 and ok["ok"] is True
