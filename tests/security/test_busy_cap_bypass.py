"""Red team, session 11: the per-user cap cannot be bypassed by changing address or spelling.

Before: the cap of :mod:`lab.server.busy` was kept per (user name, client address). A named
user's token sent from a second address (another machine, a rotated IPv6 address, or behind a
proxy trusted with ``--ServerApp.trust_xheaders``, a rotated ``X-Forwarded-For``) got a fresh
allowance each time, so one person could again hold every answering worker; two tokens of one
person (the two spellings ``ANA`` / ``ana`` a users file written before session 10 may hold)
did the same from one address. Now a named user is capped as one person wherever they ask
from; the shared server token (many people) stays capped per address, an IPv6 address counted
by its /64 block (what one host can rotate within).
"""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

import pytest
import tornado.httpserver

from lab.server.busy import cap_key
from lab.server.users import Role, UserStore
from tests.security import test_busy_cap
from tests.security.test_busy_cap import SLOW, _ask
from tests.server_helpers import fetch_json, server_config

pytest_plugins = ["pytest_jupyter.jupyter_server"]

held = test_busy_cap.held  # the slow question that waits in its worker until released


@pytest.fixture()
def jp_server_config(
    demo_db: Path, demo_catalog: None, history_file: Path, users_file: Path, tokens
):
    """Cap 1, behind a proxy the operator trusts (the address is X-Forwarded-For's)."""
    config = server_config(
        demo_db, users_file, history_file, token_role="ask", today="2026-11-20",
        max_concurrent_per_user=1,
    )  # fmt: skip
    config["ServerApp"]["trust_xheaders"] = True
    return config


@pytest.fixture()
def http_server(jp_asyncio_loop: Any, http_server_port: Any, jp_web_app: Any) -> Any:
    """pytest-jupyter's test server, made as ``ServerApp`` makes it with ``trust_xheaders``
    (its own fixture ignores the setting): the client address is X-Forwarded-For's."""

    async def start() -> tornado.httpserver.HTTPServer:
        server = tornado.httpserver.HTTPServer(jp_web_app, xheaders=True)
        server.add_socket(http_server_port[0])
        return server

    server = jp_asyncio_loop.run_until_complete(start())
    yield server
    server.stop()


def _ask_from(jp_fetch: Any, auth: str | None, address: str, question: str) -> Any:
    headers = {"X-Forwarded-For": address}
    if auth is not None:
        headers["Authorization"] = f"token {auth}"
    return fetch_json(
        jp_fetch, "orderlens", "api", "ask", method="POST",
        body=json.dumps({"question": question}), headers=headers,
    )  # fmt: skip


async def _while_one_is_held(held_events: Any, first: Any, then: Any) -> list[tuple[int, Any]]:
    """Start ``first`` (the slow question), wait until it holds its worker, run each of
    ``then`` and return their (status, body); the slow one is released and must answer."""
    entered, release = held_events
    slow = asyncio.ensure_future(first)
    try:
        assert await asyncio.to_thread(entered.wait, 30)
        results = [await call for call in then]
    finally:
        release.set()
    status, body = await slow
    assert status == 200 and body["rows"], body
    return results


async def test_a_named_user_from_another_address_shares_the_cap(jp_fetch, tokens, held) -> None:
    ana = tokens["ana"]
    [(status, body)] = await _while_one_is_held(
        held, _ask_from(jp_fetch, ana, "10.0.0.1", SLOW), [_ask_from(jp_fetch, ana, "10.9.9.9", "GMV")]
    )  # fmt: skip
    assert status == 429, body
    assert "at most 1 at once" in body["error"] and "请等其中一个完成后再试" in body["error"]


async def test_the_server_token_is_capped_per_address_and_ipv6_block(jp_fetch, held) -> None:
    results = await _while_one_is_held(
        held,
        _ask_from(jp_fetch, None, "2001:db8:1:2::10", SLOW),
        [
            _ask_from(jp_fetch, None, "2001:db8:1:2::11", "GMV"),  # same /64: same host
            _ask_from(jp_fetch, None, "2001:db8:1:3::10", "GMV"),  # another /64
            _ask_from(jp_fetch, None, "10.0.0.7", "GMV"),  # another person on the token
        ],
    )
    assert [status for status, _ in results] == [429, 200, 200], results


async def test_two_spellings_of_one_name_are_one_person(
    jp_fetch, tokens, users_file: Path, tmp_path: Path, held
) -> None:
    # a users file written before session 10: ANA and ana, each with a token of their own
    upper = UserStore(tmp_path / "other.json").add("ANA", Role.ASK)
    data = json.loads(users_file.read_text())
    data["users"]["ANA"] = json.loads((tmp_path / "other.json").read_text())["users"]["ANA"]
    users_file.write_text(json.dumps(data))
    [(status, body)] = await _while_one_is_held(
        held, _ask(jp_fetch, tokens["ana"], SLOW), [_ask(jp_fetch, upper, "GMV")]
    )
    assert status == 429, body


def test_the_cap_key_is_the_person_or_the_shared_tokens_address_block() -> None:
    assert cap_key("Ana", named=True, address="10.0.0.1") == cap_key("ａｎａ", True, "10.0.0.2")
    assert cap_key("server-token", False, "10.0.0.1") != cap_key("server-token", False, "10.0.0.2")
    assert cap_key("server-token", False, "2001:db8::1") == cap_key(
        "server-token", False, "2001:db8::ffff"
    )
    assert cap_key("server-token", False, "::ffff:10.0.0.1") == cap_key(
        "server-token", False, "10.0.0.1"
    )
    assert cap_key("server-token", False, "") == ("server-token", "?")
