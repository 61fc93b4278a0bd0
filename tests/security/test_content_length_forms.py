"""Red team, session 26: a malformed ``Content-Length`` on an OrderLens route is a 400, never a 500.

The JSON routes check the declared length before reading a byte (``str.isdigit()``, then
``int()``). ``Content-Length: ²`` (the Latin-1 superscript two, byte 0xB2: headers are read as
Latin-1) is a digit to ``isdigit`` and not a number to ``int``: any signed-in user, the ask
role included, got a **500** with a traceback in the server log on every POST route. A length
that is not a number (``17 17``, ``+17``, ``0x11``, empty) was a **413** "the body is 17 17
bytes", and two equal values ``17, 17`` (which RFC 9110 lets a server read as 17) too. The
length is now read as ASCII digits (equal values of a list as one), anything else a 400 naming
it.
"""

from __future__ import annotations

import asyncio
import json
import socket
from typing import Any

import pytest

pytest_plugins = ["pytest_jupyter.jupyter_server"]


@pytest.fixture()
def port(http_server: Any, http_server_port: Any) -> int:
    return int(http_server_port[-1])


def _reply_now(port: int, data: bytes) -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=60) as sock:
        sock.sendall(data)
        out = b""
        while b"\r\n\r\n" not in out or len(out) < 12:
            chunk = sock.recv(4096)
            if not chunk:
                break
            out += chunk
        return out


@pytest.mark.parametrize(
    ("length", "status"),
    [
        (b"\xb2", b"400"),  # superscript two: isdigit() yet no int
        (b"1\xb9", b"400"),
        (b"18 18", b"400"),
        (b"+18", b"400"),
        (b"0x12", b"400"),
        (b"18, 18", b"200"),  # one length, said twice
    ],
)
async def test_a_malformed_length_is_the_clients_mistake(
    port: int, jp_base_url: str, tokens, length: bytes, status: bytes
) -> None:
    body = json.dumps({"question": "GMV"}, separators=(",", ":")).encode()
    assert len(body) == 18
    head = [
        f"POST {jp_base_url}orderlens/api/ask HTTP/1.1".encode(),
        b"Host: 127.0.0.1",
        f"Authorization: token {tokens['ana']}".encode(),
        b"Content-Type: application/json",
        b"Content-Length: " + length,
    ]
    data = b"\r\n".join(head) + b"\r\n\r\n" + body
    reply = await asyncio.to_thread(_reply_now, port, data)
    assert reply[9:12] == status, reply[:300]


def test_the_declared_length_is_ascii_digits() -> None:
    from lab.server.payload import declared_length

    assert declared_length("17") == 17
    assert declared_length(" 17 ") == 17
    assert declared_length("17, 17") == 17
    for bad in ("\xb2", "1\xb9", "17 17", "+17", "0x11", "", "17, 18", "1_000", "-1"):
        assert declared_length(bad) is None, bad
