"""Red team, session 25: wrong tokens are counted per host, an IPv6 /64 block being one host.

Before: the wrong-token throttle of :mod:`lab.server.throttle` counted per exact client
address. On the live ``orderlens serve`` (behind a proxy it trusts, ``trust_xheaders``), 25
wrong tokens from 25 addresses of one /64 (``2001:db8:1:2::1`` … ``::25``, what one host can
rotate in) were all checked (403 × 25, no 429), while 20 from one address were refused from
the 21st; ``::ffff:10.0.0.8`` and ``10.0.0.8`` (the same IPv4 client on a dual-stack socket)
were two allowances too. The per-person cap has counted the server token per /64 block since
session 11 (:func:`lab.server.busy.address_block`); the throttle now counts the same way.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import tornado.httpserver

from tests.server_helpers import server_config

pytest_plugins = ["pytest_jupyter.jupyter_server"]


@pytest.fixture()
def jp_server_config(
    demo_db: Path, demo_catalog: None, history_file: Path, users_file: Path, tokens
) -> dict:
    """Five wrong tokens per host, behind a proxy the operator trusts (X-Forwarded-For)."""
    config = server_config(demo_db, users_file, history_file, token_role="ask")
    config["ServerApp"]["trust_xheaders"] = True
    config["OrderLensIdentityProvider"]["max_failed_tokens"] = 5
    return config


@pytest.fixture()
def http_server(jp_asyncio_loop: Any, http_server_port: Any, jp_web_app: Any) -> Any:
    """pytest-jupyter's server made as ``ServerApp`` makes it with ``trust_xheaders``."""

    async def start() -> tornado.httpserver.HTTPServer:
        server = tornado.httpserver.HTTPServer(jp_web_app, xheaders=True)
        server.add_socket(http_server_port[0])
        return server

    server = jp_asyncio_loop.run_until_complete(start())
    yield server
    server.stop()


async def _code(jp_fetch: Any, token: str, address: str) -> int:
    resp = await jp_fetch(
        "orderlens", "api", "me", raise_error=False,
        headers={"Authorization": f"token {token}", "X-Forwarded-For": address},
    )  # fmt: skip
    return int(resp.code)


async def test_rotating_addresses_of_one_ipv6_block_share_the_wrong_token_allowance(
    jp_fetch, tokens
) -> None:
    guesses = [
        await _code(jp_fetch, f"deadbeef.guess{i}", f"2001:db8:1:2::{i}") for i in range(1, 6)
    ]
    assert guesses == [403] * 5
    assert await _code(jp_fetch, "deadbeef.guess6", "2001:db8:1:2::99") == 429  # same host
    assert await _code(jp_fetch, tokens["ana"], "2001:db8:1:2:ffff::1") == 429  # even the right one
    assert await _code(jp_fetch, tokens["ana"], "2001:db8:1:3::1") == 200  # another /64
    assert await _code(jp_fetch, tokens["ana"], "10.0.0.1") == 200  # another client


async def test_an_ipv4_client_is_one_host_mapped_or_not(jp_fetch, tokens) -> None:
    guesses = [await _code(jp_fetch, f"deadbeef.guess{i}", "::ffff:10.0.0.8") for i in range(5)]
    assert guesses == [403] * 5
    assert await _code(jp_fetch, tokens["ana"], "10.0.0.8") == 429
    assert await _code(jp_fetch, tokens["ana"], "10.0.0.9") == 200
