"""A real browser on the Ask page: Playwright driving Debian's Chromium, no internet.

The session fixture installs Chromium with apt when it is missing (we run as root in CI and on
the dev machines); the test is skipped only when that install truly fails, and says why.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def _install_chromium() -> str:
    """Install Debian's chromium; returns '' on success or the reason it failed."""
    if shutil.which("apt-get") is None:
        return "apt-get is not available on this machine"
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for cmd in (["apt-get", "update"], ["apt-get", "install", "-y", "chromium"]):
        try:
            done = subprocess.run(cmd, capture_output=True, text=True, timeout=900, env=env)
        except (OSError, subprocess.TimeoutExpired) as exc:
            return f"`{' '.join(cmd)}` could not run: {exc}"
        if done.returncode != 0:
            tail = (done.stderr or done.stdout).strip().splitlines()[-3:]
            return f"`{' '.join(cmd)}` failed: {' | '.join(tail)}"
    return ""


@pytest.fixture(scope="session")
def chromium() -> str:
    if not os.path.exists(CHROMIUM):
        reason = _install_chromium()
        if reason or not os.path.exists(CHROMIUM):
            pytest.skip(f"Chromium could not be installed, browser test not run: {reason}")
    return CHROMIUM


@pytest.fixture(scope="module")
def ask_server(demo_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict]:
    """`orderlens serve` as a real subprocess on 127.0.0.1 with a token; stopped afterwards."""
    from lab.server.launch import ServerStartError, start_server

    home = tmp_path_factory.mktemp("jupyter")
    try:
        server = start_server(
            "serve",
            ["--ip", "127.0.0.1", "--db", str(demo_db), "--today", "2026-11-20"],
            home,
        )
    except ServerStartError as exc:
        pytest.fail(str(exc))
    try:
        yield {"base": server.base, "token": server.token, "log": server.log}
    finally:
        server.stop()


def test_ask_page_answers_a_chinese_question_with_table_and_chart(
    chromium: str, ask_server: dict, demo_con, tmp_path: Path
) -> None:
    from playwright.sync_api import sync_playwright

    base, token = ask_server["base"], ask_server["token"]
    channels = {r[0] for r in demo_con.execute("select distinct channel from orders").fetchall()}
    outside: list[str] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(locale="zh-CN", viewport={"width": 1200, "height": 1000})
            page.on(
                "request",
                lambda req: None if req.url.startswith(base) else outside.append(req.url),
            )
            page.goto(f"{base}/orderlens/?token={token}")
            page.wait_for_selector("#examples .chip", timeout=60_000)  # catalog loaded
            assert page.inner_text("#ask") == "提问"

            page.fill("#question", "各渠道的GMV")
            page.click("#ask")
            page.wait_for_selector("#answer-table tbody tr", state="attached", timeout=60_000)
            page.wait_for_selector("#answer:not([hidden])")

            headers = page.locator("#answer-table thead th").all_inner_texts()
            cells = page.locator("#answer-table tbody tr td:first-child").all_inner_texts()
            assert len(headers) >= 2
            assert set(cells) == channels  # one row per channel of the warehouse
            assert page.inner_text("#interpretation").strip()

            svg = page.locator("#chart svg")
            assert svg.count() == 1
            marks = page.locator("#chart svg g.role-mark path").count()
            assert marks >= len(channels)  # one bar (mark) per channel at least
            chart_text = " ".join(page.locator("#chart svg text").all_text_contents())
            assert any(ch in chart_text for ch in channels)

            page.click("#sql-box summary")
            assert "select" in page.inner_text("#sql").lower()
            page.wait_for_selector("#history li")
            assert "各渠道的GMV" in page.inner_text("#history")

            page.screenshot(path=str(tmp_path / "ask_page.png"), full_page=True)

            # the login cookie alone is not enough for a POST: Jupyter's XSRF rule applies
            no_xsrf = page.evaluate(
                """async () => (await fetch('api/ask', {method: 'POST',
                    credentials: 'same-origin', headers: {'Content-Type': 'application/json'},
                    body: JSON.stringify({question: '各渠道的GMV'})})).status"""
            )
            assert no_xsrf == 403

            # an order question: the status trace card replaces the chart
            page.fill("#question", "订单JD20260210001到哪了")
            page.click("#ask")
            page.wait_for_selector("#card .ol-card", timeout=60_000)
            assert "JD20260210001" in page.inner_text("#card")
            assert page.locator("#card .ol-card table tbody tr").count() >= 1
            assert page.locator("#chart svg").count() == 0
            assert "状态轨迹" in page.inner_text("#interpretation")

            page.click("#lang")  # English UI
            assert page.inner_text("#ask") == "Ask"
        finally:
            browser.close()
    assert (tmp_path / "ask_page.png").stat().st_size > 10_000
    assert outside == []  # nothing left the machine: no CDN, no fonts, no telemetry
