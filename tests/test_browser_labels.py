"""The Ask page in a real browser: derived share / change columns under human labels and
formats, and metric definitions in the page's language (``config.meta.description_zh``).

Chromium and Playwright as in ``tests/test_browser.py`` (its ``chromium`` fixture installs
Chromium when missing); the session's ``orderlens serve`` (``ask_server`` in ``tests/conftest.py``).
"""

from __future__ import annotations

from tests.test_browser import ARTIFACTS, CHROMIUM_ARGS, chromium  # noqa: F401  (a fixture)


def _ask(page, question: str) -> None:
    page.fill("#question", question)
    page.click("#ask")
    page.wait_for_selector("#answer:not([hidden]), #refusal:not([hidden])", timeout=60_000)
    assert page.locator("#answer:not([hidden])").count(), page.inner_text("#refusal")


def test_share_and_change_columns_read_as_labels_with_percentages(
    chromium: str,  # noqa: F811  (the fixture imported above)
    ask_server: dict,
    demo_con,
) -> None:
    from playwright.sync_api import sync_playwright

    rows = demo_con.execute("select channel, count(*) from orders group by 1").fetchall()
    total = sum(n for _, n in rows)
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(locale="zh-CN", viewport={"width": 1200, "height": 1000})
            page.goto(f"{ask_server['base']}/orderlens/?token={ask_server['token']}")
            page.wait_for_selector("#examples .chip", timeout=60_000)

            _ask(page, "各渠道订单数占比")
            headers = page.locator("#answer-table thead th").all_inner_texts()
            assert [h.strip() for h in headers] == ["渠道", "订单数", "订单数 占比"]
            # the definition on hover is the Chinese one on a Chinese question
            title = page.locator("#answer-table thead th").nth(1).get_attribute("title")
            assert title == "下单的订单数。"
            cells = page.locator("#answer-table tbody tr").evaluate_all(
                "trs => trs.map(tr => [...tr.children].map(td => td.textContent.trim()))"
            )
            shown = {row[0]: row[2] for row in cells}
            names = {"jd": "京东", "tmall": "天猫", "taobao": "淘宝"}
            for code, n in rows:
                if code in names:  # codes shown by their display names
                    assert shown[names[code]] == f"{n / total * 100:.1f}%"
            page.screenshot(path=str(ARTIFACTS / "ask_share_labels.png"), full_page=True)

            _ask(page, "今年每月订单数环比")
            headers = page.locator("#answer-table thead th").all_inner_texts()
            assert [h.strip() for h in headers] == ["月", "订单数", "上期订单数", "订单数 环比"]
            last = page.locator("#answer-table tbody tr").last.locator("td").all_inner_texts()
            current, previous = int(last[1].replace(",", "")), int(last[2].replace(",", ""))
            assert last[3] == f"{(current - previous) / previous * 100:.1f}%"
        finally:
            browser.close()


def test_catalog_page_shows_chinese_definitions_on_the_chinese_page(
    chromium: str,  # noqa: F811  (the fixture imported above)
    ask_server: dict,
) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(locale="zh-CN", viewport={"width": 1200, "height": 1000})
            page.goto(f"{ask_server['base']}/orderlens/?token={ask_server['token']}")
            page.wait_for_selector("#examples .chip", timeout=60_000)
            page.click("#tabs [data-tab=catalog]")
            page.fill("#catalog-search", "成交总额")  # found by its Chinese definition
            row = page.locator("#catalog-metrics tr[data-name=gmv]")
            definition = row.locator("td").nth(1).inner_text()
            assert definition.startswith("成交总额：下单订单的商品金额合计")
            assert row.locator("td").first.get_attribute("title") == definition
            channel = page.locator("#catalog-dimensions tr[data-name=order__channel]")
            page.fill("#catalog-search", "渠道")
            assert "订单来源的销售渠道。" in channel.inner_text()

            page.click("#lang")  # English page: the model's own descriptions
            page.click("#tabs [data-tab=catalog]")
            page.fill("#catalog-search", "gross merchandise")
            definition = row.locator("td").nth(1).inner_text()
            assert definition.startswith("Gross merchandise value")
        finally:
            browser.close()
