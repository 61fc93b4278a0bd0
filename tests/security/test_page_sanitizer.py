"""Issue 15 item 6: the Ask page inserts server markup only through DOMPurify (real browser).

The API reply is replaced by one carrying hostile SVG and card HTML (``javascript:`` links,
``xlink:href``, SMIL ``<animate>``/``<set>``, handlers, scripts, foreignObject): whatever the
server were tricked into sending, nothing active may reach the page.
"""

from __future__ import annotations

import json
from pathlib import Path

from lab.server.handlers import STATIC_FILES
from tests.test_browser import CHROMIUM_ARGS

HOSTILE_SVG = """<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"
     width="200" height="100">
  <a id="js" href="javascript:window.__pwned='href'"><rect width="50" height="50"/></a>
  <a id="xl" xlink:href="javascript:window.__pwned='xlink'"><text y="70">x</text></a>
  <animate xlink:href="#js" attributeName="href" to="javascript:window.__pwned='animate'"
           begin="0s" fill="freeze"/>
  <set attributeName="onmouseover" to="window.__pwned='set'"/>
  <image href="nope.png" onerror="window.__pwned='onerror'"/>
  <script>window.__pwned='script'</script>
  <foreignObject><iframe src="javascript:window.__pwned='iframe'"></iframe></foreignObject>
  <rect class="kept" x="60" width="10" height="10"/>
</svg>"""

HOSTILE_CARD = """<div class="ol-card"><a id="card-link" href="javascript:window.__pwned='card'">x</a>
<img src="nope.png" onerror="window.__pwned='img'"><table><tbody><tr><td>kept</td></tr></tbody>
</table></div>"""


def test_the_vendored_sanitizer_is_the_version_its_file_name_says() -> None:
    vendor = Path(__file__).resolve().parents[2] / "lab" / "server" / "static" / "vendor"
    (script,) = vendor.glob("purify-*.min.js")
    version = script.name.removeprefix("purify-").removesuffix(".min.js")
    assert script.read_text(encoding="utf-8").startswith(f"/*! @license DOMPurify {version} ")
    assert STATIC_FILES.match(f"vendor/{script.name}")
    index = (vendor.parent / "index.html").read_text(encoding="utf-8")
    assert f'src="static/vendor/{script.name}"' in index


def test_hostile_chart_and_card_markup_is_inert_on_the_page(chromium: str, ask_server) -> None:
    from playwright.sync_api import sync_playwright

    base, token = ask_server["base"], ask_server["token"]
    reply = {
        "question": "x", "sql": "select 1", "columns": ["c"], "rows": [["kept"]],
        "interpretation": "hostile markup", "chart": {}, "chart_svg": HOSTILE_SVG,
        "card_html": HOSTILE_CARD, "timings": {}, "engine": "rules", "cached": False,
    }  # fmt: skip
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            page.goto(f"{base}/orderlens/?token={token}")
            page.wait_for_selector("#examples .chip", timeout=60_000)
            page.route(
                "**/api/ask",
                lambda route: route.fulfill(
                    status=200, content_type="application/json", body=json.dumps(reply)
                ),
            )
            page.fill("#question", "anything")
            page.click("#ask")
            page.wait_for_selector("#answer:not([hidden])", timeout=30_000)
            assert page.locator("#chart svg rect.kept").count() == 1  # the picture is kept
            assert page.inner_text("#card td") == "kept"
            for selector in ("animate", "set", "script", "foreignObject", "iframe"):
                assert page.locator(f"#answer {selector}").count() == 0, selector
            active = page.evaluate(
                """() => [...document.querySelectorAll('#chart *, #card *')].flatMap((el) =>
                    [...el.attributes].filter((a) => a.name.startsWith('on') ||
                        /^\\s*javascript:/i.test(a.value)).map((a) => el.tagName + ' ' + a.name))"""
            )
            assert active == []
            page.locator("#card a").first.click()
            page.locator("#chart a").first.click(force=True)
            page.wait_for_timeout(300)
            assert page.evaluate("() => window.__pwned === undefined")
        finally:
            browser.close()
