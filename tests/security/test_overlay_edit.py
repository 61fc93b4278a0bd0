"""Red team, session 20: a synonyms overlay that does not parse no longer stops every question.

Session 16 made the server keep answering with the last valid model while a model file is
invalid. The reviewed synonyms overlay (``<model>/.orderlens/synonyms.yml``) is read when the
catalog is built, after that fallback: a half-saved overlay (here ``orders: [order``) made every
question on the server a 422 naming the file, while ``GET /orderlens/api/model`` said ``ok``.
Now an overlay that does not read counts as an invalid edit: answers come from the last valid
model (and its catalog), and ``model_status`` names ``.orderlens/synonyms.yml`` and what to do.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.server_helpers import fetch_json_as as _get
from tests.server_helpers import server_config, small_model_dir

pytest_plugins = ["pytest_jupyter.jupyter_server"]
pytestmark = pytest.mark.usefixtures("own_cache")  # no catalog of another run read from disk


@pytest.fixture()
def model_dir(tmp_path: Path) -> Path:
    return small_model_dir(tmp_path)


@pytest.fixture()
def jp_server_config(demo_db, demo_catalog, history_file, users_file, tokens, model_dir) -> dict:
    return server_config(
        demo_db, users_file, history_file, token_role="ask", today="2026-11-20",
        semantic_model=str(model_dir),
    )  # fmt: skip


async def _ask(jp_fetch: Any, token: str, question: str) -> tuple[int, dict[str, Any]]:
    body = json.dumps({"question": question, "chart_svg": False})
    return await _get(jp_fetch, token, "orderlens", "api", "ask", method="POST", body=body)


OVERLAY = "orderlens_synonyms: 1\nmetrics:\n  orders: [purchases]\n"


async def test_a_broken_overlay_keeps_the_last_valid_model_and_says_so(
    jp_fetch: Any, tokens: dict[str, str], model_dir: Path
) -> None:
    code, _ = await _ask(jp_fetch, tokens["ana"], "orders by channel")
    assert code == 200  # the server's own warm-up is done: nothing else builds a catalog
    overlay = model_dir / ".orderlens" / "synonyms.yml"
    overlay.parent.mkdir()
    overlay.write_text(OVERLAY, encoding="utf-8")
    code, first = await _ask(jp_fetch, tokens["ana"], "orders by channel")
    assert code == 200 and "model_status" not in first, first

    overlay.write_text("orderlens_synonyms: 1\nmetrics:\n  orders: [order\n", encoding="utf-8")
    code, during = await _ask(jp_fetch, tokens["ana"], "orders by channel")
    assert code == 200, during  # was 422: "model/.orderlens/synonyms.yml: cannot read ..."
    assert during["rows"] == first["rows"]
    status = during["model_status"]
    assert status["ok"] is False and status["file"] == ".orderlens/synonyms.yml", status
    assert "synonyms overlay" in status["error"] and str(model_dir) not in status["error"]
    code, same = await _get(jp_fetch, tokens["pia"], "orderlens", "api", "model")
    assert code == 200 and same["ok"] is False and same["file"] == ".orderlens/synonyms.yml"

    overlay.write_text(OVERLAY + "\n", encoding="utf-8")  # fixed (a new size: a new version)
    code, after = await _ask(jp_fetch, tokens["ana"], "orders by channel")
    assert code == 200 and "model_status" not in after
    code, ok = await _get(jp_fetch, tokens["ana"], "orderlens", "api", "model")
    assert code == 200 and ok["ok"] is True
