"""Red team, session 25: text a client sends never starts a line of the server's log.

Before: the body check lets line breaks through (questions, names and comments may hold
them), and a refusal that quoted client text went into the log as it was. An ask user sending
``{"question": "GMV by channel", "/etc/passwd\\n[C 07:00 ServerApp] ali: root ok": 1}`` made
the server log ``OrderLens: POST /orderlens/api/ask -> 400: unknown field "/etc/passwd`` and
then a line of its own reading ``[C 07:00 ServerApp] ali: root ok…`` (the refusal is logged
because its path was redacted for the user); with a carriage return instead, a terminal showing
the log printed the forged text over the real line. Every OrderLens log record is now one line:
line breaks and control characters in it are shown as escapes (``\\n``), tracebacks stay as
they are (:mod:`lab.server.log_lines`).
"""

from __future__ import annotations

import json
import logging
import sys

import pytest

from lab.server.log_lines import OneLineRecords, one_line
from tests.server_helpers import fetch_json

pytest_plugins = ["pytest_jupyter.jupyter_server"]

FORGED = "[C 07:00 ServerApp] ali: root ok"


@pytest.mark.parametrize("brk", ["\n", "\r", "\r\n", "\u2028", "\x85"])
def test_one_line_shows_every_line_break(brk: str) -> None:
    shown = one_line(f"a{brk}{FORGED}")
    assert shown.splitlines() == [shown] and FORGED in shown, shown


def test_one_line_keeps_tabs_and_plain_text_and_shows_controls() -> None:
    assert one_line("GMV\tby 渠道 ok") == "GMV\tby 渠道 ok"
    assert one_line("x\x1b[2J\u202ey") == "x\\x1b[2J\\u202ey"


def test_the_filter_makes_the_message_one_line_and_keeps_the_traceback() -> None:
    try:
        raise ValueError("boom\nsecond line of the traceback")
    except ValueError:
        exc_info = sys.exc_info()
    record = logging.LogRecord(
        "orderlens.server", logging.WARNING, __file__, 1, "x -> %s: %d", (f"a\n{FORGED}", 3),
        exc_info,
    )  # fmt: skip
    assert OneLineRecords().filter(record) is True
    assert record.getMessage() == f"x -> a\\n{FORGED}: 3"
    text = logging.Formatter().format(record)
    assert "second line of the traceback" in text  # the traceback keeps its lines
    assert not any(line.startswith(FORGED) for line in text.splitlines())


@pytest.mark.parametrize("brk", ["\n", "\r"])
async def test_a_refused_field_name_cannot_forge_a_log_line(jp_fetch, tokens, caplog, brk) -> None:
    body = json.dumps({"question": "GMV by channel", f"/etc/passwd{brk}{FORGED}": 1})
    with caplog.at_level(logging.INFO, logger="orderlens"):
        code, reply = await fetch_json(
            jp_fetch, "orderlens", "api", "ask", method="POST", body=body,
            headers={"Authorization": f"token {tokens['ana']}"},
        )  # fmt: skip
    assert code == 400 and "unknown field" in reply["error"], reply
    logged = [r.getMessage() for r in caplog.records if r.name.startswith("orderlens")]
    assert any("unknown field" in m for m in logged), logged  # the refusal is still logged
    for message in logged:
        assert message.splitlines() == [message], message


class _Kept(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


async def test_the_orderlens_records_reach_the_servers_own_log(jp_fetch, jp_serverapp, tokens):
    """Before: the ``orderlens.server`` logger had no handler under ``orderlens serve``: its
    INFO records (every refused request) were dropped and its warnings (a role refused a
    resource) printed by Python's last-resort handler with neither time nor level."""
    kept = _Kept()
    jp_serverapp.log.addHandler(kept)
    try:
        code, _ = await fetch_json(
            jp_fetch, "orderlens", "api", "ask", method="POST",
            body=json.dumps({"question": "GMV by channel", "sql": "x"}),
            headers={"Authorization": f"token {tokens['ana']}"},
        )  # fmt: skip
        code_r, _ = await fetch_json(
            jp_fetch, "orderlens", "api", "recommendations",
            headers={"Authorization": f"token {tokens['ana']}"},
        )  # fmt: skip
    finally:
        jp_serverapp.log.removeHandler(kept)
    assert (code, code_r) == (400, 403)
    mine = [(r.levelno, r.getMessage()) for r in kept.records if r.name.startswith("orderlens")]
    assert any(lv == logging.INFO and 'unknown field "sql"' in m for lv, m in mine), mine
    assert any(lv == logging.WARNING and "may not" in m for lv, m in mine), mine
