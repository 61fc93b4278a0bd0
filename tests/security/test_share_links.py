"""Session 14: a share link (``/orderlens/?q=a&q=b``) asks one question and adds one history entry.

Before: the page asked every ``q`` of the link in turn under the signed-in person's name, so a
link from any site added each of its values to that person's history (found, not fixed, in
session 13). Now the page sends the last question with the ones before it as ``earlier``; the
server answers the conversation in one request (``AskService.ask_conversation``) and records
only the last question. The API tests run on pytest-jupyter's server (the roles of conftest);
the page test drives the real ``orderlens serve`` in Chromium.
"""

from __future__ import annotations

import json
from urllib.parse import quote
from urllib.request import Request, urlopen

from tornado.httpclient import HTTPClientError

from lab.server.history import read_history
from tests.test_browser import CHROMIUM_ARGS

pytest_plugins = ["pytest_jupyter.jupyter_server"]

FIRST, FOLLOW_UP = "各渠道的GMV", "只看上个月"


async def _ask(jp_fetch, token: str, body: dict) -> tuple[int, dict]:
    try:
        resp = await jp_fetch(
            "orderlens", "api", "ask", method="POST", body=json.dumps(body),
            headers={"Authorization": f"token {token}"},
        )  # fmt: skip
    except HTTPClientError as exc:
        assert exc.response is not None
        return exc.code, json.loads(exc.response.body)
    return resp.code, json.loads(resp.body)


async def test_a_conversation_is_answered_in_one_request_with_one_history_entry(
    jp_fetch, tokens, history_file
) -> None:
    ana = tokens["ana"]
    status, first = await _ask(jp_fetch, ana, {"question": FIRST, "chart_svg": False})
    assert status == 200
    context = first["followup_context"]
    status, step_by_step = await _ask(
        jp_fetch, ana, {"question": FOLLOW_UP, "context": context, "chart_svg": False}
    )
    assert status == 200
    before = len(read_history(history_file))

    status, linked = await _ask(
        jp_fetch, ana, {"question": FOLLOW_UP, "earlier": [FIRST], "chart_svg": False}
    )
    assert status == 200, linked
    # the same answer as asking the two in turn, and the context it was asked with
    assert linked["rows"] == step_by_step["rows"] and linked["sql"] == step_by_step["sql"]
    assert linked["asked_context"] == context
    added = read_history(history_file)[before:]
    assert [(e["question"], e["user"], e["ok"]) for e in added] == [(FOLLOW_UP, "ana", True)]


async def test_a_conversation_that_cannot_be_answered_says_which_question(
    jp_fetch, tokens, history_file
) -> None:
    ana = tokens["ana"]
    status, body = await _ask(
        jp_fetch, ana, {"question": FOLLOW_UP, "earlier": ["zzqx blorf"], "chart_svg": False}
    )
    assert status == 422 and body["conversation_step"] == 1 and body["question"] == "zzqx blorf"
    assert body["error"].startswith("question 1 of 2 (zzqx blorf) could not be answered: ")
    # only the refused question is recorded; the follow-up was never asked
    assert [(e["question"], e["ok"]) for e in read_history(history_file)] == [("zzqx blorf", False)]


async def test_a_conversation_is_bounded_and_never_mixed_with_a_context(jp_fetch, tokens) -> None:
    ana = tokens["ana"]
    status, body = await _ask(jp_fetch, ana, {"question": FIRST, "earlier": [FIRST] * 10})
    assert status == 400 and body["error"] == '"earlier" must hold 1 to 9 strings, got 10'
    status, body = await _ask(jp_fetch, ana, {"question": FIRST, "earlier": [""]})
    assert status == 400 and '"earlier"[0] must be a non-empty string' in body["error"]
    context = {"question": FIRST, "query": {"metrics": ["gmv"]}}
    status, body = await _ask(
        jp_fetch, ana, {"question": FOLLOW_UP, "earlier": [FIRST], "context": context}
    )
    assert status == 400 and "not both" in body["error"]


def _history(base: str, token: str) -> list[dict]:
    req = Request(f"{base}/orderlens/api/history?limit=200")
    req.add_header("Authorization", f"token {token}")
    with urlopen(req, timeout=60) as resp:
        return json.loads(resp.read())["history"]


def test_a_share_link_asks_one_question_on_the_page(chromium: str, ask_server: dict) -> None:
    """Repeated, many, empty and HTML ``q`` parameters, opened in a real browser."""
    from playwright.sync_api import sync_playwright

    base, token = ask_server["base"], ask_server["token"]
    hostile = "<img src=x onerror=window.__pwned=1>"
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(locale="zh-CN")
            asks: list[str] = []
            page.on("request", lambda r: asks.append(r.post_data or "") if r.url.endswith(
                "/api/ask") and r.method == "POST" else None)  # fmt: skip

            def open_link(*questions: str) -> int:
                """Open a share link; how many history entries it added."""
                before = len(_history(base, token))
                asks.clear()
                link = "&".join(f"q={quote(q)}" for q in questions)
                with page.expect_response(lambda r: r.url.endswith("/api/ask"), timeout=90_000):
                    page.goto(f"{base}/orderlens/?token={token}&{link}")
                page.wait_for_function(  # the page has shown what came back
                    "() => !document.querySelector('#answer').hidden || "
                    "!document.querySelector('#refusal').hidden || "
                    "document.querySelector('#status').textContent.includes(':') || "
                    "document.querySelector('#status').textContent.includes('：')",
                    timeout=30_000,
                )
                return len(_history(base, token)) - before

            # a follow-up's link: its answer on screen, one request, one entry
            assert open_link(FIRST, FOLLOW_UP, "改成订单数") == 1
            assert len(asks) == 1 and json.loads(asks[0])["earlier"] == [FIRST, FOLLOW_UP]
            assert "订单数" in page.inner_text("#interpretation")
            assert "2026-10-01" in page.inner_text("#interpretation")  # the earlier follow-up
            assert page.input_value("#question") == "改成订单数"
            # twelve q: more than a conversation holds, refused whole, nothing recorded
            assert open_link(*[FIRST] * 12) == 0
            assert "1 to 9" in page.inner_text("#status")  # the server names the limit
            # HTML in q: asked as text, nothing runs
            assert open_link(hostile) == 1
            assert page.input_value("#question") == hostile
            assert page.evaluate("() => window.__pwned === undefined")
            # an empty q asks nothing
            before = len(_history(base, token))
            asks.clear()
            page.goto(f"{base}/orderlens/?token={token}&q=&q=%20")
            page.wait_for_selector("#examples .chip", timeout=60_000)
            page.wait_for_timeout(500)
            assert asks == [] and len(_history(base, token)) == before
        finally:
            browser.close()
