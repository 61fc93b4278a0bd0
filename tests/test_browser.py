"""A real browser on the Ask page: Playwright driving Debian's Chromium, no internet.

The session fixture installs Chromium with apt when it is missing (we run as root in CI and on
the dev machines); the test is skipped only when that install truly fails, and says why.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
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
            first = page.locator("#answer-table tbody tr td:first-child")
            codes = first.evaluate_all("tds => tds.map(td => td.dataset.code || td.textContent)")
            assert len(headers) >= 2
            assert set(codes) == channels  # one row per channel of the warehouse
            assert page.inner_text("#interpretation").strip()

            svg = page.locator("#chart svg")
            assert svg.count() == 1
            marks = page.locator("#chart svg g.role-mark path").count()
            assert marks >= len(channels)  # one bar (mark) per channel at least
            chart_text = " ".join(page.locator("#chart svg text").all_text_contents())
            assert set(first.all_inner_texts()) <= set(chart_text.split())  # display names

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


#: Screenshots a reviewer can open after a run (gitignored).
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"

#: The shape each example chip's answer must have: (columns, fewest rows, most rows).
#: A chip added to the model without an entry here fails the test, so every chip is checked.
CHIP_SHAPES = {
    "GMV by channel last month": (2, 5, 5),
    "上个月各渠道的销售额": (2, 5, 5),
    # a SKU is shown with its name beside the key (the rules engine's naming)
    "Return rate by SKU in the last 30 days": (3, 2, 500),
    "最近30天退货率超过15%且复购率低于5%的SKU": (4, 1, 500),
    "On-time delivery rate by carrier": (2, 2, 500),
    "各快递公司的准时送达率": (2, 2, 500),
    "Revenue by customer region": (2, 8, 8),
    "各地区客户的成交额": (2, 8, 8),  # region of the customer, not region x customer
    "Freight cost per unit by lane": (2, 2, 500),
    "本月对账自动化率": (1, 1, 1),
    "已发货未揽收的订单有多少": (1, 1, 1),  # one number: the 17, not all orders beside it
    "Status sync delay by stage": (2, 2, 500),
}


def _open_page(browser, base: str, token: str, **context):
    page = browser.new_page(locale="zh-CN", **context)
    page.goto(f"{base}/orderlens/?token={token}")
    page.wait_for_selector("#examples .chip", timeout=60_000)
    return page


def _wait_answer(page) -> str:
    """'answer' or 'refusal', whichever the page showed."""
    page.wait_for_selector("#answer:not([hidden]), #refusal:not([hidden])", timeout=60_000)
    return "answer" if page.locator("#answer:not([hidden])").count() else "refusal"


def test_every_example_chip_answers_with_its_shape(chromium: str, ask_server: dict) -> None:
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            page = _open_page(browser, ask_server["base"], ask_server["token"])
            chips = page.locator("#examples .chip").all_inner_texts()
            assert set(chips) == set(CHIP_SHAPES)
            for i, text in enumerate(chips):
                page.locator("#examples .chip").nth(i).click()
                assert _wait_answer(page) == "answer", (text, page.inner_text("#refusal"))
                n_cols, fewest, most = CHIP_SHAPES[text]
                headers = page.locator("#answer-table thead th").all_inner_texts()
                rows = page.locator("#answer-table tbody tr").count()
                assert len(headers) == n_cols, (text, headers)
                assert fewest <= rows <= most, (text, rows)
                assert not any("__" in h for h in headers), headers  # labels, not field names
                chart_height = page.evaluate(
                    "() => { const s = document.querySelector('#chart svg');"
                    " return s ? s.getBoundingClientRect().height : 0; }"
                )
                assert chart_height < 1200, (text, chart_height)  # top 20, not 4,068 bars
            page.screenshot(path=str(ARTIFACTS / "ask_chips_last.png"), full_page=True)
        finally:
            browser.close()


def test_follow_up_refusal_formats_downloads_and_share_link(
    chromium: str, ask_server: dict, tmp_path: Path
) -> None:
    from playwright.sync_api import sync_playwright

    base, token = ask_server["base"], ask_server["token"]
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            page = _open_page(browser, base, token, viewport={"width": 1200, "height": 1000})
            exports: list[dict] = []  # what the page sends: the route refuses any other key
            page.on("request", lambda r: exports.append(r.post_data_json)
                    if r.url.endswith("/api/export") else None)  # fmt: skip
            assert "token" not in page.url  # dropped from the address bar once signed in
            page.fill("#question", "各渠道的GMV")
            page.click("#ask")
            assert _wait_answer(page) == "answer"
            first_sql = page.text_content("#sql")
            money = page.locator("#answer-table tbody tr td:nth-child(2)").first.inner_text()
            assert money.startswith("¥") and "," in money  # ¥ and thousands separators
            assert page.locator("#answer-table th.defined").count() >= 1  # definition on hover
            assert page.url.endswith("?q=" + "%E5%90%84%E6%B8%A0%E9%81%93%E7%9A%84GMV")
            assert "token" not in page.url

            # a follow-up keeps the conversation and says what changed
            assert page.is_visible("#followup-box") and page.is_checked("#followup")
            page.fill("#question", "只看上个月")
            page.click("#ask")
            assert _wait_answer(page) == "answer"
            assert page.is_visible("#changes") and page.inner_text("#changes").strip()
            sql = page.text_content("#sql")
            assert sql != first_sql and "2026-10-01" in sql and "\n" in sql  # laid out
            followed = page.evaluate("() => window.location.href")
            assert followed.endswith(
                "?q=%E5%90%84%E6%B8%A0%E9%81%93%E7%9A%84GMV&q=%E5%8F%AA%E7%9C%8B%E4%B8%8A%E4%B8%AA%E6%9C%88"
            )
            page.screenshot(path=str(ARTIFACTS / "ask_followup.png"), full_page=True)

            with page.expect_download() as got:
                page.click("#download-csv")
            csv_path = tmp_path / "a.csv"
            got.value.save_as(csv_path)
            lines = csv_path.read_text(encoding="utf-8-sig").strip().splitlines()
            assert len(lines) == 1 + page.locator("#answer-table tbody tr").count()
            with page.expect_download() as got:
                page.click("#download-xlsx")
            assert got.value.suggested_filename == "orderlens-answer.xlsx"
            assert [sorted(body) for body in exports] == [["context", "format", "question"]] * 2
            assert exports[0]["question"] == "只看上个月" and exports[0]["context"]["query"]

            # a refusal: the reason in the question's language, suggestions that run
            page.fill("#question", "按颜色统计GMV")
            page.click("#ask")
            assert _wait_answer(page) == "refusal"
            assert any("\u4e00" <= ch <= "\u9fff" for ch in page.inner_text("#refusal-message"))
            suggestion = page.locator("#suggestions .chip").first.inner_text()
            page.locator("#suggestions .chip").first.click()
            assert _wait_answer(page) == "answer"

            # an empty question gets example questions
            page.fill("#question", "")
            page.click("#ask")
            assert _wait_answer(page) == "refusal"
            assert page.locator("#suggestions .chip").count() >= 3

            # a follow-up's share link replays the conversation in a fresh page
            again = browser.new_page(locale="zh-CN")
            again.goto(f"{base}/orderlens/?token={token}")
            again.goto(followed)
            again.wait_for_selector("#changes:not([hidden])", timeout=60_000)
            assert "2026-10-01" in again.text_content("#sql")

            # the share link (no token) answers after a reload in a fresh page
            shared = page.evaluate("() => window.location.href")
            page2 = browser.new_page(locale="zh-CN")
            page2.goto(f"{base}/orderlens/?token={token}")  # sign in, then open the link
            page2.goto(shared)
            assert _wait_answer(page2) == "answer"
            assert page2.input_value("#question") == suggestion  # the last answered question
            assert "token" not in shared

            # a phone: the page fits the width, nothing scrolls sideways
            phone = _open_page(browser, base, token, viewport={"width": 390, "height": 844})
            phone.locator("#examples .chip").first.click()
            assert _wait_answer(phone) == "answer"
            width = phone.evaluate("() => document.documentElement.scrollWidth")
            assert width <= 390, width
            phone.screenshot(path=str(ARTIFACTS / "ask_phone.png"), full_page=True)
        finally:
            browser.close()
    assert (ARTIFACTS / "ask_phone.png").stat().st_size > 10_000


def _svg_text(page) -> str:
    return " ".join(page.locator("#chart svg text").all_text_contents())


def _kinds(page) -> list[str]:
    return page.locator("#chart-kinds button").evaluate_all("bs => bs.map(b => b.dataset.kind)")


def test_chart_switch_partial_month_display_names_and_top_20_others(
    chromium: str, ask_server: dict, demo_con
) -> None:
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    channels = {r[0] for r in demo_con.execute("select distinct channel from orders").fetchall()}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            page = _open_page(browser, ask_server["base"], ask_server["token"],
                              viewport={"width": 1200, "height": 1000})  # fmt: skip
            switches: list[dict] = []  # the bodies the page sends to api/chart
            page.on("request", lambda r: switches.append(r.post_data_json)
                    if "/api/chart" in r.url else None)  # fmt: skip

            # channel codes shown by their display names, in cells and on the chart's axis
            page.fill("#question", "各渠道的GMV")
            page.click("#ask")
            assert _wait_answer(page) == "answer"
            cells = page.locator("#answer-table tbody tr td:first-child")
            assert set(cells.evaluate_all("tds => tds.map(td => td.title)")) == channels
            assert "京东" in cells.all_inner_texts() and "jd" not in cells.all_inner_texts()
            page.wait_for_selector("#chart svg", timeout=60_000)
            assert "京东" in _svg_text(page) and "天猫" in _svg_text(page)

            # the switch: bar (default), number (the total), table; same answer, no new question
            assert _kinds(page) == ["bar", "number", "table"]
            assert page.locator("#chart-kinds button.active").inner_text() == "柱状图"
            history = page.locator("#history li").count()
            page.click("#chart-kinds button[data-kind=number]")
            page.wait_for_function("() => document.querySelector('#chart svg') &&"
                                   " document.querySelector('#chart svg').textContent.includes('合计')")  # fmt: skip
            page.click("#chart-kinds button[data-kind=table]")
            assert page.locator("#chart svg").count() == 0 and page.is_visible("#answer-table")
            page.click("#chart-kinds button[data-kind=bar]")
            assert "京东" in _svg_text(page)
            # only "number" was fetched (bar came with the answer), with the route's keys only
            assert switches == [{"question": "各渠道的GMV", "kind": "number"}]
            assert page.locator("#history li").count() == history  # a switch is not a question
            page.screenshot(path=str(ARTIFACTS / "ask_chart_switch.png"), full_page=True)

            # a monthly series whose last month (2026-11, today 2026-11-20) is not over
            page.fill("#question", "GMV by month")
            page.click("#ask")
            assert _wait_answer(page) == "answer"
            page.wait_for_selector("#chart svg", timeout=60_000)
            assert "2026-11 is partial" in _svg_text(page)
            assert page.locator("#chart svg path[stroke-dasharray]").count() >= 1  # dashed segment
            months = page.locator("#answer-table tbody tr td:first-child")
            assert months.last.inner_text() == "2026-11"  # like the axis, not "2026-11-01"
            assert months.last.get_attribute("title") == "2026-11-01"  # the first day on hover
            assert _kinds(page) == ["line", "bar", "number", "table"]
            page.click("#chart-kinds button[data-kind=bar]")
            page.wait_for_function("() => !document.querySelector('#chart svg path[stroke-dasharray]')"
                                   " && document.querySelector('#chart svg')")  # fmt: skip
            assert "2026-11 is partial" in _svg_text(page)
            lighter = page.locator("#chart svg g.role-mark path[fill-opacity='0.4'], "
                                   "#chart svg g.role-mark path[opacity='0.4']")  # fmt: skip
            assert lighter.count() == 1  # the partial month's bar, and only it
            page.screenshot(path=str(ARTIFACTS / "ask_partial_month.png"), full_page=True)

            # 36 SKUs of an additive measure: top 20 + "others", the table keeps all 36
            page.fill("#question", "各SKU的退货件数")
            page.click("#ask")
            assert _wait_answer(page) == "answer"
            page.wait_for_selector("#chart svg", timeout=60_000)
            rows = page.locator("#answer-table tbody tr").count()
            assert rows > 21
            assert f"其他（{rows - 20}项）" in _svg_text(page)
            assert page.locator("#chart svg g.role-mark path").count() == 21
            page.screenshot(path=str(ARTIFACTS / "ask_top20_others.png"), full_page=True)
        finally:
            browser.close()


def test_page_formats_cells_by_the_same_rule_as_python(chromium: str, ask_server: dict) -> None:
    """The page's ``fmt`` / ``periodLabel`` on the table ``tests/test_value_formats.py`` checks
    Python's formatters with. Before: ``¥-1,234.00`` (Python ``-¥1,234.00``), ``2.5`` (Python
    ``2.50``), and no period labels (a month cell read ``2026-01-01``)."""
    from playwright.sync_api import sync_playwright

    cases = json.loads((Path(__file__).parent / "fixtures" / "value_formats.json").read_text())
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            page = _open_page(browser, ask_server["base"], ask_server["token"])
            shown = page.evaluate(
                "cases => cases.map(([v, f]) => window.OrderLens.fmt(v, f))", cases["values"]
            )
            assert shown == [want for _, _, want in cases["values"]]
            periods = page.evaluate(
                "cases => cases.map(([v, g]) => window.OrderLens.periodLabel(v, g))",
                cases["periods"],
            )
            assert periods == [want for _, _, want in cases["periods"]]
        finally:
            browser.close()


def test_catalog_page_browses_searches_and_fills_the_ask_box(
    chromium: str, ask_server: dict
) -> None:
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            page = _open_page(browser, ask_server["base"], ask_server["token"],
                              viewport={"width": 1200, "height": 1000})  # fmt: skip
            page.click("#tabs [data-tab=catalog]")
            assert page.is_visible("#panel-catalog") and not page.is_visible("#panel-ask")
            metrics = page.locator("#catalog-metrics tbody tr")
            assert metrics.count() >= 50
            page.fill("#catalog-search", "退货率")
            names = metrics.evaluate_all("trs => trs.map(tr => tr.dataset.name)")
            assert "return_rate" in names and "gmv" not in names and len(names) < 10
            row = page.locator("#catalog-metrics tr[data-name=return_rate]")
            assert row.locator("td").first.get_attribute("title")  # definition on hover
            assert "/" in row.locator("code").inner_text()  # its formula
            assert "百分比" in row.inner_text()

            page.fill("#catalog-search", "渠道")
            channel = page.locator("#catalog-dimensions tr[data-name=order__channel]")
            assert "京东 (jd)" in channel.inner_text() and "分类" in channel.inner_text()
            page.screenshot(path=str(ARTIFACTS / "catalog_page.png"), full_page=True)

            page.fill("#catalog-search", "退货率")
            row.locator("button.ask-about").click()
            assert page.is_visible("#panel-ask") and not page.is_visible("#panel-catalog")
            assert page.input_value("#question") == "按月统计退货率"
            page.click("#ask")
            assert _wait_answer(page) == "answer"
            assert "退货率" in page.inner_text("#interpretation")

            page.click("#lang")  # English: labels and samples follow the page's language
            page.click("#tabs [data-tab=catalog]")
            page.fill("#catalog-search", "channel")
            channel = page.locator("#catalog-dimensions tr[data-name=order__channel]")
            assert "JD (jd)" in channel.inner_text()
            assert page.inner_text("#tabs [data-tab=catalog]") == "Metrics & dimensions"
        finally:
            browser.close()
