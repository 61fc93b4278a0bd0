"""Red team, session 10: one user cannot keep every answering worker busy.

Before: a signed-in user sending slow questions at once held all ``workers`` (4) for up to the
guard's 30 s each, and everyone else's questions waited behind them. Now each (user, client
address) may have ``max_concurrent_per_user`` requests in the workers; one more is a 429 with
``Retry-After`` and a message saying what to do, and other users are still answered.
"""

from __future__ import annotations

import asyncio
import json
import threading
from pathlib import Path
from typing import Any

import pytest
from tornado.httpclient import HTTPClientError

from lab.server.app import OrderLensApp
from lab.server.service import AskService
from tests.server_helpers import fetch_json, server_config

pytest_plugins = ["pytest_jupyter.jupyter_server"]

SLOW = "GMV by channel"


@pytest.fixture()
def jp_server_config(
    demo_db: Path, demo_catalog: None, history_file: Path, users_file: Path, tokens
):
    return server_config(
        demo_db, users_file, history_file, token_role="ask", today="2026-11-20",
        max_concurrent_per_user=1,
    )  # fmt: skip


@pytest.fixture()
def held(monkeypatch: pytest.MonkeyPatch) -> tuple[threading.Event, threading.Event]:
    """``SLOW`` waits in its worker until released: (entered, release)."""
    entered, release = threading.Event(), threading.Event()
    real = AskService.ask

    def ask(self: AskService, question: str, *args: Any, **kwargs: Any) -> Any:
        if question == SLOW:
            entered.set()
            release.wait(30)
        return real(self, question, *args, **kwargs)

    monkeypatch.setattr(AskService, "ask", ask)
    return entered, release


def _ask(jp_fetch: Any, token: str, question: str) -> Any:
    return fetch_json(
        jp_fetch, "orderlens", "api", "ask", method="POST",
        body=json.dumps({"question": question}),
        headers={"Authorization": f"token {token}"},
    )  # fmt: skip


async def test_one_more_request_than_the_cap_is_a_429_with_retry_after(
    jp_fetch, tokens, held
) -> None:
    entered, release = held
    first = asyncio.ensure_future(_ask(jp_fetch, tokens["ana"], SLOW))
    try:
        assert await asyncio.to_thread(entered.wait, 30)
        try:
            resp = await jp_fetch(
                "orderlens", "api", "ask", method="POST", body='{"question": "GMV"}',
                headers={"Authorization": f"token {tokens['ana']}"},
            )  # fmt: skip
        except HTTPClientError as exc:
            assert exc.response is not None
            resp = exc.response
        assert resp.code == 429
        assert resp.headers["Retry-After"] == "1"
        error = json.loads(resp.body)["error"]
        assert "at most 1 at once per person" in error
        assert "wait for one to finish" in error and "请等其中一个完成后再试" in error
        # another user is answered meanwhile (so is the catalog of another role)
        status, body = await _ask(jp_fetch, tokens["pia"], "GMV")
        assert status == 200 and body["rows"], body
    finally:
        release.set()
    status, body = await first
    assert status == 200 and body["rows"]
    status, _ = await _ask(jp_fetch, tokens["ana"], "GMV")  # the slot is free again
    assert status == 200


def test_the_cap_defaults_to_two_and_is_configurable() -> None:
    assert OrderLensApp.max_concurrent_per_user.default_value == 2
    assert "0 = no cap" in OrderLensApp.max_concurrent_per_user.help


def test_the_ask_page_waits_as_told_and_sends_again(chromium: str, ask_server) -> None:
    """A 429 with Retry-After (the page's own catalog still loading, say) is not shown as a
    failure: the page waits and asks again. Before: the refusal text was the answer."""
    from playwright.sync_api import sync_playwright

    from tests.test_browser import CHROMIUM_ARGS

    base, token = ask_server["base"], ask_server["token"]
    seen: list[int] = []

    def busy_once(route: Any) -> None:
        seen.append(len(seen))
        if len(seen) == 1:
            route.fulfill(
                status=429, headers={"Retry-After": "1"}, content_type="application/json",
                body=json.dumps({"error": "you already have 2 requests being answered"}),
            )  # fmt: skip
        else:
            route.continue_()

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            page.goto(f"{base}/orderlens/?token={token}")
            page.wait_for_selector("#examples .chip", timeout=60_000)
            page.route("**/api/ask", busy_once)
            page.fill("#question", "各渠道的GMV")
            page.click("#ask")
            page.wait_for_selector("#answer-table tbody tr", state="attached", timeout=60_000)
            assert len(seen) == 2
            assert page.locator("#refusal:not([hidden])").count() == 0
        finally:
            browser.close()
