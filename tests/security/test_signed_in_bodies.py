"""Red team, session 21: an ask or planner user cannot make the server read a big body.

Before: only a request *without* credentials was capped (session 11); a signed-in one kept
jupyter_server's 512 MB limit for analysts' uploads, whatever its role. The server token of
``orderlens serve`` (the ask role, shared by every business user) or ana's token could
``PUT`` 200 MB to ``/api/contents/x``: the live server went from 320 MB to 735 MB before
Jupyter's 403, once per connection opened at the same time. Nothing an ask or planner user
may reach reads more than 16 KiB, so now they may send 64 KiB; analysts keep the upload limit.
"""

from __future__ import annotations

import asyncio
import socket
from typing import Any

import pytest

from lab.server import body_gate
from tests.server_helpers import first_reply, put_head, sign_in_form

pytest_plugins = ["pytest_jupyter.jupyter_server"]


@pytest.fixture()
def port(http_server: Any, http_server_port: Any) -> int:
    return int(http_server_port[-1])


@pytest.mark.parametrize("who", ["ana", "pia", "server token"])
@pytest.mark.parametrize("path", ["api/contents/x.txt", "orderlens/api/ask"])
async def test_a_big_body_of_an_ask_or_planner_user_is_refused_unread(
    port: int, jp_base_url: str, jp_serverapp, tokens, who: str, path: str
) -> None:
    token = jp_serverapp.identity_provider.token if who == "server token" else tokens[who]
    reply = await first_reply(
        port, put_head(jp_base_url + path, f"Authorization: token {token}"), 20
    )
    # 400: the body gate (before a byte is read); 413: the OrderLens route's own length check
    assert reply is not None and reply[:12] in (b"HTTP/1.1 400", b"HTTP/1.1 413"), reply


async def test_chunked_bodies_of_an_ask_user_are_capped(port: int, jp_base_url: str, tokens):
    head = "\r\n".join(
        [f"PUT {jp_base_url}api/contents/x.txt HTTP/1.1", "Host: 127.0.0.1",
         "Transfer-Encoding: chunked", f"Authorization: token {tokens['ana']}", "", ""]
    )  # fmt: skip
    chunk = b"%x\r\n%s\r\n" % (1024 * 1024, b"a" * 1024 * 1024)

    def send() -> bytes:
        with socket.create_connection(("127.0.0.1", port), timeout=20) as sock:
            sock.sendall(head.encode())
            try:
                for _ in range(8):
                    sock.sendall(chunk)
                sock.sendall(b"0\r\n\r\n")  # the body ends: Jupyter would answer 403 now
            except OSError:
                pass  # the server closed the connection: what is wanted
            try:
                return sock.recv(200)
            except OSError:
                return b""

    reply = await asyncio.to_thread(send)
    assert not reply.startswith(b"HTTP/1.1 403"), reply  # cut before Jupyter read 8 MB


async def test_an_ask_cookie_is_capped_too(jp_fetch, port: int, jp_base_url: str, tokens):
    cookies = [c.split(";")[0] for c in await sign_in_form(jp_fetch, tokens["ana"])]
    head = put_head(f"{jp_base_url}api/contents/x.txt", "Cookie: " + "; ".join(cookies))
    reply = await first_reply(port, head, 20)
    assert reply is not None and reply.startswith(b"HTTP/1.1 400"), reply


async def test_an_analyst_with_an_ask_token_beside_is_capped(port: int, jp_base_url: str, tokens):
    """Least privilege: every credential presented must be an analyst's."""
    head = put_head(
        f"{jp_base_url}api/contents/x.txt?token={tokens['ana']}",
        f"Authorization: token {tokens['ali']}",
    )
    reply = await first_reply(port, head, 20)
    assert reply is not None and reply.startswith(b"HTTP/1.1 400"), reply


async def test_the_analyst_and_small_bodies_are_untouched(
    port: int, jp_base_url: str, tokens
) -> None:
    head = put_head(f"{jp_base_url}api/contents/x.txt", f"Authorization: token {tokens['ali']}")
    assert await first_reply(port, head, 1.5) is None  # the server waits for the analyst's body
    small = put_head(
        f"{jp_base_url}api/contents/x.txt",
        f"Authorization: token {tokens['ana']}",
        length=body_gate.SIGNED_IN_BODY_BYTES,
    )
    assert await first_reply(port, small, 1.5) is None  # a body at the limit is read
