"""Red team, session 25 (left open), fixed in session 26: a refused request is logged once.

A 400 whose message names a server path for an ask user (a field named ``/etc/passwd``) was
written to the log twice: as INFO by ``log_exception`` (every error meant for the user, one
line) and again as WARNING by the redaction in ``write_json`` (which logs the full message a
business user does not see). The exception's line already holds the full message, so the
redaction logs only what no exception logged (a 422 the handler writes itself).
"""

from __future__ import annotations

import json
import logging

from tests.server_helpers import fetch_json

pytest_plugins = ["pytest_jupyter.jupyter_server"]


async def _logged(jp_fetch, token: str, caplog, body: str, marker: str) -> tuple[int, list[str]]:
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="orderlens"):
        code, reply = await fetch_json(
            jp_fetch, "orderlens", "api", "ask", method="POST", body=body,
            headers={"Authorization": f"token {token}"}, request_timeout=180,
        )  # fmt: skip
    mine = [r.getMessage() for r in caplog.records if r.name.startswith("orderlens")]
    # logged once, and still redacted for her: the reply names no server path
    assert "/etc/passwd" not in str(reply.get("error")), reply
    return code, [m for m in mine if marker in m]


async def test_a_refused_field_is_logged_once_with_its_full_text(jp_fetch, tokens, caplog):
    body = json.dumps({"question": "GMV by channel", "/etc/passwd": 1})
    code, lines = await _logged(jp_fetch, tokens["ana"], caplog, body, "unknown field")
    assert code == 400
    assert len(lines) == 1 and "/etc/passwd" in lines[0], lines


async def test_a_redacted_refusal_the_handler_writes_is_still_logged(jp_fetch, tokens, caplog):
    """A body the handler writes itself (no exception): the redaction's line is its only one."""
    body = json.dumps({"question": "GMV", "context": {"question": "/srv/x", "query": {"q": 1}}})
    code, lines = await _logged(jp_fetch, tokens["ana"], caplog, body, "/api/ask ->")
    assert code in (400, 422), code
    assert len(lines) <= 1, lines
