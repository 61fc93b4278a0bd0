"""Red team, session 30: HTTP/1.1 pipelining on one connection (no earlier pass sent several
requests in one write).

Four requests written at once on one keep-alive connection: ana's question, pia's question,
the same question with no token, and ana's again. The first two are answered in order, each as
its own sender (a connection is never signed in, only a request: pia's history holds her
question only). The third is refused before its body is read, and the server then closes the
connection, so the unread body can never be parsed as a request of its own and the fourth gets
no answer on it. Clean on main a5bdf0c5; pinned so that a connection-level shortcut (an
identity kept per connection, a refused body read as the next request) would fail here.
"""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

import pytest

from tests.server_helpers import server_config

pytest_plugins = ["pytest_jupyter.jupyter_server"]


@pytest.fixture()
def jp_server_config(
    demo_db: Path, demo_catalog: None, history_file: Path, users_file: Path, tokens: Any
) -> dict:
    return server_config(demo_db, users_file, history_file, token_role="ask", today="2026-11-20")


def _post(base: str, port: int, question: str, token: str | None) -> bytes:
    body = json.dumps({"question": question}).encode()
    lines = [
        f"POST {base}orderlens/api/ask HTTP/1.1",
        f"Host: 127.0.0.1:{port}",
        "Content-Type: application/json",
        f"Content-Length: {len(body)}",
    ]
    if token is not None:
        lines.append(f"Authorization: token {token}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


async def _response(reader: asyncio.StreamReader) -> tuple[int, dict[str, Any]] | None:
    """The next response on the connection, or None when the server closed it."""
    try:
        head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), 120)
    except asyncio.IncompleteReadError:
        return None
    lines = head.decode("latin-1").split("\r\n")
    length = next(int(h.split(":")[1]) for h in lines if h.lower().startswith("content-length"))
    body = await asyncio.wait_for(reader.readexactly(length), 120)
    return int(lines[0].split()[1]), json.loads(body)


async def test_pipelined_requests_are_each_answered_as_their_own_sender(
    jp_fetch: Any, jp_http_port: int, jp_base_url: str, tokens: dict[str, str]
) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", jp_http_port)
    try:
        writer.write(
            _post(jp_base_url, jp_http_port, "GMV by channel", tokens["ana"])
            + _post(jp_base_url, jp_http_port, "订单数", tokens["pia"])
            + _post(jp_base_url, jp_http_port, "GMV by channel", None)
            + _post(jp_base_url, jp_http_port, "GMV", tokens["ana"])
        )
        await writer.drain()
        got = [await _response(reader) for _ in range(4)]
    finally:
        writer.close()
    first, second, third, fourth = got
    assert first is not None and first[0] == 200 and first[1]["question"] == "GMV by channel"
    assert second is not None and second[0] == 200 and second[1]["question"] == "订单数"
    assert third is not None and third[0] == 403 and "rows" not in third[1]
    assert fourth is None  # closed after the refusal: its unread body is no request
    reply = await jp_fetch(
        "orderlens", "api", "history", headers={"Authorization": f"token {tokens['pia']}"}
    )
    asked = [entry["question"] for entry in json.loads(reply.body)["history"]]
    assert asked == ["订单数"]  # pia's own, nothing of ana's on the shared connection
