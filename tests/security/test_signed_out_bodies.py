"""Red team, session 11: a request without credentials cannot make the server read a big
body, or hold a connection with a slow body or unfinished headers.

Before: tornado read a body of up to jupyter_server's 512 MB into memory before any handler
asked for a token: ``PUT /api/contents/x`` with 300 MB and no token grew the server by 320 MB
before its 403, once per connection opened at the same time. A body or headers sent a byte at
a time held their connection for ever (an hour for headers). Now a request that signs nobody
in may send 64 KiB within 30 s; a signed-in request keeps Jupyter's limits (analysts'
uploads); headers must arrive within ``OrderLensApp.header_timeout_s``.
"""

from __future__ import annotations

import asyncio
import socket
import tempfile
import time
from pathlib import Path
from typing import Any

import pytest

from lab.server import body_gate
from tests.server_helpers import first_reply, put_head, sign_in_form
from tests.server_starts import started as started_server

pytest_plugins = ["pytest_jupyter.jupyter_server"]


@pytest.fixture()
def port(http_server: Any, http_server_port: Any) -> int:
    """The port of the test server, serving (``http_server`` accepts connections)."""
    return int(http_server_port[-1])


@pytest.mark.parametrize(
    "extra",
    [
        (),
        ("Authorization: token not-a-token",),
        ("Cookie: username-127-0-0-1=2|1:0|10:1|4:user|8:Zm9yZ2Vk|" + "0" * 64,),
    ],
    ids=["nothing", "wrong-token", "forged-cookie"],
)
async def test_a_big_body_without_credentials_is_refused_before_it_is_read(
    port: int, jp_base_url: str, extra: tuple[str, ...]
) -> None:
    reply = await first_reply(port, put_head(f"{jp_base_url}api/contents/x.txt", *extra), 20)
    assert reply is not None and reply.startswith(b"HTTP/1.1 400"), reply


async def test_a_signed_in_analyst_may_still_upload(port: int, jp_base_url: str, tokens) -> None:
    head = put_head(f"{jp_base_url}api/contents/x.txt", f"Authorization: token {tokens['ali']}")
    assert await first_reply(port, head, 1.5) is None  # the server waits for the body


async def test_a_sign_in_cookie_counts_as_credentials(
    jp_fetch, port: int, jp_base_url: str, tokens
) -> None:
    cookies = [c.split(";")[0] for c in await sign_in_form(jp_fetch, tokens["ali"])]
    head = put_head(f"{jp_base_url}api/contents/x.txt", "Cookie: " + "; ".join(cookies))
    assert await first_reply(port, head, 1.5) is None


async def test_small_bodies_and_the_sign_in_form_are_untouched(jp_fetch, tokens) -> None:
    await sign_in_form(jp_fetch, tokens["ana"])  # asserts the 302


async def test_a_slow_body_without_credentials_is_cut(
    port: int, jp_base_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(body_gate, "SIGNED_OUT_BODY_S", 1.0)
    head = "\r\n".join(
        [f"POST {jp_base_url}login HTTP/1.1", "Host: 127.0.0.1", "Content-Length: 100", "", "tok"]
    )  # fmt: skip

    def closed_after() -> float | None:
        with socket.create_connection(("127.0.0.1", port), timeout=20) as sock:
            sock.sendall(head.encode())
            started = time.monotonic()
            return time.monotonic() - started if sock.recv(100) == b"" else None

    waited = await asyncio.to_thread(closed_after)
    assert waited is not None and waited < 10, waited


def test_only_a_known_token_or_a_signed_cookie_counts() -> None:
    from tornado.httputil import HTTPHeaders
    from tornado.web import create_signed_value

    secret = "s3cret"

    def check(headers: dict[str, str], uri: str = "/x") -> bool:
        return body_gate.carries_credentials(
            HTTPHeaders(headers), uri, cookie_secret=secret,
            token_ok=lambda t: t == "good", cookie_ok=lambda v: v == '{"u": 1}',
        )  # fmt: skip

    signed = create_signed_value(secret, "username-h", '{"u": 1}').decode()
    stale = create_signed_value(secret, "username-h", '{"u": 2}').decode()  # user removed
    other = create_signed_value("another", "username-h", '{"u": 1}').decode()
    assert check({"Authorization": "token good"}) and check({}, "/x?token=good")
    assert check({"Cookie": f"_xsrf=abc; username-h={signed}"})
    assert not check({"Authorization": "token bad"}) and not check({}, "/x?token=bad")
    assert not check({"Cookie": f"username-h={stale}"})
    assert not check({"Cookie": f"username-h={other}"})
    assert not check({"Cookie": "username-h=junk; ===; x"})


def test_unfinished_headers_and_slow_bodies_are_cut_on_a_real_server(demo_db: Path) -> None:
    """``orderlens serve`` with a 2 s header timeout: headers never finished are closed after
    it, without an answer (before: tornado waited an hour). A body sent a byte at a time is
    cut after ``body_timeout_s`` (before session 15: no limit, 150 s of trickle stayed open)."""
    with tempfile.TemporaryDirectory(prefix="orderlens-rt11-") as home:
        server = started_server(
            "serve",
            [
                "--db",
                str(demo_db),
                "--OrderLensApp.header_timeout_s=2",
                "--OrderLensApp.body_timeout_s=2",
                "--today=2026-11-20",
                "--OrderLensApp.chart_svg=False",  # no picture looked at: no renderer start
            ],
            Path(home),
        )
        try:
            with socket.create_connection(("127.0.0.1", server.port), timeout=30) as sock:
                sock.sendall(b"GET /orderlens/ HTTP/1.1\r\nHost: 127.0.0.1\r\n")
                started = time.monotonic()
                assert sock.recv(100) == b""  # closed, no answer
                assert time.monotonic() - started < 20
            with socket.create_connection(("127.0.0.1", server.port), timeout=1) as sock:
                sock.sendall(
                    f"POST /orderlens/api/ask HTTP/1.1\r\nHost: 127.0.0.1:{server.port}\r\n"
                    f"Authorization: token {server.token}\r\nContent-Length: 1000\r\n\r\n".encode()
                )
                started, closed = time.monotonic(), False
                while not closed and time.monotonic() - started < 20:
                    try:
                        sock.sendall(b" ")
                        closed = sock.recv(100) == b""
                    except TimeoutError:
                        continue
                    except OSError:  # reset: cut off
                        closed = True
                assert closed, "a body trickling for 20 s was not cut off"
        finally:
            server.stop()
