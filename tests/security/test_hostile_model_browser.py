"""Red team, session 30: a hostile model and hostile data on the Ask page in a real browser.

Session 29 read the page's sinks (``textContent`` only; server SVG and cards through DOMPurify)
but served no hostile model to Chromium. Here the model's labels and descriptions and the
warehouse's values carry script: ``<img onerror>``, ``<svg onload><script>``, a
``javascript:`` URL, a right-to-left override, a 3,000-letter label (a 1 MB one is the
probe's, ``/work/local/server30/tiny.py``: it froze the whole server before session 30's
vocabulary fix, see ``tests/test_nl2sql_long_label_words.py``). The page answers, refuses, switches the
chart and browses the catalog. Each payload would set ``window.__pwned``; the page's CSP
would block an inline handler even if a sink let the markup in, so the test also fails on a
CSP violation report and on any element or attribute that could run (a sink turned into
``innerHTML`` fails it: tried by hand, see docs/security_probes.md, session 30), and asserts
the payloads are on the page as text.

Why an in-process server (pytest-jupyter), not ``ask_server``: the model is this test's own.
Chromium is driven in a worker thread (sync Playwright), so the server's loop keeps running
(``jp_fetch`` is asked for because it is what makes the in-process server listen).
"""

from __future__ import annotations

import asyncio
import json
import time
from pathlib import Path
from typing import Any

import duckdb
import pytest

from tests.server_helpers import server_config
from tests.test_browser import CHROMIUM_ARGS

pytest_plugins = ["pytest_jupyter.jupyter_server"]

IMG = '<img src=x onerror="window.__pwned=1">'
SVG = '<svg onload="window.__pwned=2"><script>window.__pwned=3</script></svg>'
JS = "javascript:window.__pwned=4"
RLO = "\u202eeunever\u202c"
#: a long label, short enough for the engine before session 30's vocabulary fix (which lands
#: through the engine gate): with 100,000 letters this server served nothing for minutes, the
#: quadratic pattern holding the GIL in the warm-up thread (static files timed out too)
LONG = "x" * 3_000
VALUES = [
    '<img src=x onerror="window.__pwned=5">',
    "javascript:window.__pwned=6",
    "\u202eoabat\u202c</td><script>window.__pwned=7</script>",
    "jd",
]


def _hostile_model(folder: Path) -> Path:
    folder.mkdir()
    text = f"""
semantic_models:
  - name: orders
    model: ref('orders')
    description: {json.dumps(SVG + " " + JS)}
    defaults: {{agg_time_dimension: created_at}}
    entities:
      - {{name: order, type: primary, expr: order_id}}
    dimensions:
      - {{name: created_at, type: time, type_params: {{time_granularity: day}}}}
      - name: channel
        type: categorical
        label: {json.dumps("sales channel " + IMG)}
        description: {json.dumps(SVG + " " + JS + " " + RLO)}
    measures:
      - {{name: order_count, agg: count, expr: order_id}}
      - {{name: amount, agg: sum, expr: amount}}
metrics:
  - name: orders
    label: {json.dumps("Orders " + IMG)}
    description: {json.dumps(IMG + " " + SVG + " " + JS + " " + RLO)}
    type: simple
    type_params: {{measure: order_count}}
  - name: revenue
    label: {json.dumps("revenue " + LONG)}
    description: {json.dumps("Amount " + JS)}
    type: simple
    type_params: {{measure: amount}}
"""
    (folder / "sales.yml").write_text(text, encoding="utf-8")
    return folder


def _hostile_warehouse(path: Path) -> Path:
    con = duckdb.connect(str(path))
    con.execute(
        "create table orders(order_id varchar, created_at date, channel varchar, amount double)"
    )
    rows = [(f"o{i}", i % 20, VALUES[i % 4], 10.0 + i) for i in range(80)]
    con.executemany("insert into orders values (?, date '2026-11-01' + ?, ?, ?)", rows)
    con.close()
    return path


@pytest.fixture()
def jp_server_config(tmp_path: Path, history_file: Path, users_file: Path, tokens: Any) -> dict:
    db = _hostile_warehouse(tmp_path / "hostile.duckdb")
    model = _hostile_model(tmp_path / "model")
    return server_config(
        db, users_file, history_file, token_role="ask", today="2026-11-20",
        semantic_model=str(model), chart_svg=True,
    )  # fmt: skip


#: Installed before the page's own scripts: every CSP violation is kept (a blocked inline
#: handler or script is one, so a sink that let markup in shows up even though CSP stopped it).
WATCH = """window.__csp = [];
document.addEventListener('securitypolicyviolation',
  (e) => window.__csp.push(e.violatedDirective + ' ' + (e.sample || e.blockedURI)));"""

#: Anything on the page that could run: a handler attribute, a ``javascript:`` URL, an inline
#: script, an element no answer should bring (the page has no images, frames or objects).
ACTIVE = """() => [...document.querySelectorAll('*')].flatMap((el) => {
  const bad = [...el.attributes].filter((a) => a.name.startsWith('on') ||
      /^\\s*javascript:/i.test(a.value)).map((a) => el.tagName + ' ' + a.name);
  if (['IMG', 'IFRAME', 'OBJECT', 'EMBED', 'FOREIGNOBJECT'].includes(el.tagName.toUpperCase()))
    bad.push(el.tagName);
  if (el.tagName === 'SCRIPT' && !el.src) bad.push('inline script');
  return bad;
})"""


def _drive(chromium: str, url: str, token: str) -> dict[str, Any]:
    from playwright.sync_api import sync_playwright

    seen: dict[str, Any] = {}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            # a personal token signs in by header only (never from a link)
            page = browser.new_page(
                locale="en-US", extra_http_headers={"Authorization": f"token {token}"}
            )
            page.add_init_script(WATCH)
            page.goto(url)
            # the catalog (and the example chips, when the model gives any) has loaded
            try:
                page.wait_for_selector(
                    "#catalog-metrics tbody tr", state="attached", timeout=120_000
                )
            except Exception as exc:
                raise AssertionError(page.url + " " + page.inner_text("body")[:1500]) from exc
            seen["examples"] = page.eval_on_selector_all(
                "#examples .chip", "(cs) => cs.map((c) => c.textContent)"
            )

            def ask(question: str) -> None:
                page.fill("#question", question)
                page.click("#ask")
                page.wait_for_function(
                    "(q) => !document.querySelector('#answer').hidden && "
                    "document.querySelector('#question').value === q || "
                    "!document.querySelector('#refusal').hidden",
                    arg=question,
                    timeout=120_000,
                )

            ask("orders by channel")
            page.wait_for_selector("#answer:not([hidden]) #answer-table tbody tr", timeout=120_000)
            seen["interpretation"] = page.inner_text("#interpretation")
            seen["headers"] = page.eval_on_selector_all(
                "#answer-table th", "(ths) => ths.map((th) => [th.textContent, th.title])"
            )
            seen["cells"] = page.eval_on_selector_all(
                "#answer-table td", "(tds) => tds.map((td) => td.textContent)"
            )
            page.wait_for_selector("#chart svg", timeout=120_000)
            seen["chart_text"] = page.eval_on_selector_all(
                "#chart svg text", "(ts) => ts.map((t) => t.textContent)"
            )
            kinds = page.locator("#chart-kinds button")
            if kinds.count() > 1:  # the chart switch draws the same values again
                kinds.nth(1).click()
                page.wait_for_timeout(1000)
            seen["active_after_answer"] = page.evaluate(ACTIVE)

            page.fill("#question", "<img src=x onerror=window.__pwned=8> by channel")
            page.click("#ask")
            page.wait_for_selector("#refusal:not([hidden])", timeout=120_000)
            seen["refusal"] = page.inner_text("#refusal-message")
            page.fill("#question", "orders by colour")  # refused with a suggestion chip
            page.click("#ask")
            page.wait_for_function(
                "() => document.querySelector('#refusal-message').textContent.includes('colour')",
                timeout=120_000,
            )
            seen["suggestions"] = page.eval_on_selector_all(
                "#suggestions .chip", "(cs) => cs.map((c) => c.textContent)"
            )
            if seen["suggestions"]:
                page.locator("#suggestions .chip").first.click()
                page.wait_for_timeout(1000)

            page.click("#tab-catalog")
            page.wait_for_selector("#catalog-metrics tbody tr", timeout=120_000)
            seen["catalog"] = page.inner_text("#panel-catalog")
            page.fill("#catalog-search", "x" * 50)
            started = time.monotonic()
            assert page.evaluate("() => 1 + 1") == 2
            seen["responsive_s"] = time.monotonic() - started
            seen["active"] = page.evaluate(ACTIVE)
            seen["csp"] = page.evaluate("() => window.__csp")
            seen["pwned"] = page.evaluate("() => window.__pwned === undefined ? null : __pwned")
        finally:
            browser.close()
    return seen


async def test_a_hostile_model_and_data_stay_text_on_the_ask_page(
    chromium: str, jp_fetch: Any, jp_http_port: int, jp_base_url: str, tokens: dict[str, str]
) -> None:
    url = f"http://127.0.0.1:{jp_http_port}{jp_base_url}orderlens/"
    seen = await asyncio.to_thread(_drive, chromium, url, tokens["ana"])
    assert seen["pwned"] is None, seen["pwned"]
    assert seen["csp"] == [], seen["csp"]  # nothing even tried to run
    assert seen["active_after_answer"] == [] and seen["active"] == [], seen["active"]
    # the payloads are on the page, as text
    assert IMG in seen["interpretation"]
    assert any(IMG in text for text, _ in seen["headers"])
    assert any(SVG in title and JS in title for _, title in seen["headers"])
    cells = set(seen["cells"])
    assert VALUES[0] in cells and VALUES[1] in cells
    assert any("</td><script>" in c for c in cells)
    assert any(t.startswith("<img src=x onerror=") for t in seen["chart_text"])  # cut at 30
    assert "'onerror'" in seen["refusal"] and seen["suggestions"] == ["orders"]
    assert IMG in seen["catalog"] and JS in seen["catalog"]
    # the model's labels and descriptions are shown without their overrides (session 20);
    # a data value is shown as stored (its cells and the catalog's samples keep it)
    assert "\u202e" not in seen["interpretation"] + json.dumps(seen["headers"])
    assert "\u202e" in "".join(seen["cells"])
    assert seen["responsive_s"] < 5
