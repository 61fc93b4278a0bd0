"""A real browser on the Ask page as named users: saved questions, thumbs up / down, the
planners' recommendations tab and the order card's health findings.

Chromium and Playwright as in ``tests/test_browser.py`` (its ``chromium`` fixture installs
Debian's Chromium when missing); screenshots go to the gitignored ``tests/artifacts/``.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from lab.server.feedback import read_feedback
from lab.server.users import Role, UserStore
from tests.test_browser import CHROMIUM_ARGS, chromium  # noqa: F401  (a fixture used by name)

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"


#: charts off: this server's pages are checked for their words, never a picture
NO_CHARTS = "--OrderLensApp.chart_svg=False"


@pytest.fixture(scope="module")
def named_server(demo_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict]:
    """`orderlens serve` on a copy of the demo warehouse with stored shipping proposals, and
    two named users: ana (ask) and pia (planner)."""
    from lab.cli import cli
    from tests.server_starts import running_server

    home = tmp_path_factory.mktemp("jupyter-named")
    db = home / "warehouse.duckdb"
    shutil.copy(demo_db, db)
    res = CliRunner().invoke(cli, ["windows", "recommend", "--db", str(db)])
    assert res.exit_code == 0, res.output
    store = UserStore(home / "config" / "orderlens_users.json")  # serve's default users file
    tokens = {"ana": store.add("ana", Role.ASK), "pia": store.add("pia", Role.PLANNER)}
    # no picture looked at here: no chart renderer to start
    args = ["--ip", "127.0.0.1", "--db", str(db), "--today", "2026-11-20", NO_CHARTS]
    with running_server("serve", args, home) as server:
        yield {"base": server.base, "tokens": tokens, "home": home, "db": db}


def _open(browser, named_server: dict, user: str, **kw):
    page = browser.new_page(locale="zh-CN", viewport={"width": 1200, "height": 1000}, **kw)
    # a named token signs in on the sign-in page only, never from a link (session 18)
    page.goto(f"{named_server['base']}/login?next=/orderlens/")
    page.fill("#token", named_server["tokens"][user])
    page.click("#sign-in")
    page.wait_for_url("**/orderlens/", timeout=60_000)
    page.wait_for_selector("#examples .chip", timeout=60_000)
    return page


def _ask(page, question: str) -> None:
    page.fill("#question", question)
    page.click("#ask")
    page.wait_for_function(
        "q => document.querySelector('#status').textContent === '' &&"
        " (!document.querySelector('#answer').hidden || !document.querySelector('#refusal').hidden)",
        arg=question,
        timeout=60_000,
    )


def test_saved_questions_and_thumbs_as_a_named_user(chromium: str, named_server: dict) -> None:  # noqa: F811
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            page = _open(browser, named_server, "ana")
            # whose page this is (red team s17); signed in on the sign-in form (s18)
            page.wait_for_selector("#whoami:not([hidden])", timeout=30_000)
            assert page.locator("#whoami-name").inner_text() == "ana (ask)"
            assert page.locator("#whoami").inner_text().startswith("当前用户：ana (ask)")
            assert page.locator("#sign-out").get_attribute("href") == "../logout"
            assert page.locator("#saved li").inner_text() == "还没有收藏的问题"
            assert page.locator("#tab-plans").is_hidden()  # no planners' tab for the ask role

            _ask(page, "各渠道的GMV")
            gmv_interpretation = page.inner_text("#interpretation")
            page.click("#feedback .thumb[data-rating='up']")
            page.fill("#feedback .fb-comment", "数字和报表一致")
            page.click("#feedback .fb-send")
            page.wait_for_selector("#feedback .fb-done:has-text('谢谢')")

            # a follow-up, saved as a conversation, renamed, then re-run with one click
            _ask(page, "只看上个月")
            followup_interpretation = page.inner_text("#interpretation")
            page.click("#save-question")
            page.wait_for_selector("#saved .saved-item")
            assert page.inner_text("#saved .saved-run") == "只看上个月"
            page.click("#saved .saved-rename")
            page.fill("#saved .saved-name", "上个月各渠道GMV")
            page.click("#saved .saved-ok")
            page.wait_for_selector("#saved .saved-run:has-text('上个月各渠道GMV')")

            _ask(page, "按颜色统计GMV")  # refused: the reason is in the history
            reason = page.inner_text("#refusal-message")
            assert reason
            page.wait_for_selector("#history li:has-text('按颜色统计GMV')")
            assert reason in page.inner_text("#history li:first-child")
            page.click("#refusal-feedback .thumb[data-rating='down']")
            page.click("#refusal-feedback .fb-send")
            page.wait_for_selector("#refusal-feedback .fb-done:has-text('谢谢')")
            page.screenshot(path=str(ARTIFACTS / "ask_saved_feedback.png"), full_page=True)

            page.click("#saved .saved-run")
            page.wait_for_function(
                "t => document.querySelector('#interpretation').textContent === t"
                " && !document.querySelector('#answer').hidden",
                arg=followup_interpretation,
                timeout=60_000,
            )
            assert followup_interpretation != gmv_interpretation
            assert "q=%E5%8F%AA" in page.url  # the conversation is in the address bar again

            # the planners' routes stay closed to the ask role, whatever the page shows
            status = page.evaluate("async () => (await fetch('api/recommendation-groups')).status")
            assert status == 403

            page.click("#saved .saved-unsave")
            page.wait_for_selector("#saved li.muted")
            assert page.locator("#saved .saved-item").count() == 0
        finally:
            browser.close()

    votes = read_feedback(named_server["home"] / "data" / "orderlens-feedback.jsonl")
    assert [(v["user"], v["rating"], v["question"], v["ok"]) for v in votes] == [
        ("ana", "up", "各渠道的GMV", True),
        ("ana", "down", "按颜色统计GMV", False),
    ]
    assert votes[0]["comment"] == "数字和报表一致" and "select" in votes[0]["sql"].lower()
    assert votes[0]["interpretation"] == gmv_interpretation and votes[1]["refusal_reason"] == reason


def test_planner_decides_a_lane_week_group_on_the_recommendations_tab(
    chromium: str,  # noqa: F811
    named_server: dict,
) -> None:
    from playwright.sync_api import sync_playwright

    from connectors.warehouse import connect

    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            page = _open(browser, named_server, "pia")
            page.wait_for_selector("#tab-plans:not([hidden])")
            page.click("#tab-plans")
            page.wait_for_selector("#plans .plan-group")
            assert page.locator("#panel-ask").is_hidden()
            first = page.locator("#plans .plan-group").first
            sentence = first.locator(".plan-sentence").inner_text()
            assert "延迟" in sentence and "CNY/件" in sentence and sentence.startswith("本周发往")
            ids = (first.locator(".plan-ids").text_content() or "").split(", ")
            groups_before = page.locator("#plans .plan-group").count()
            page.screenshot(path=str(ARTIFACTS / "plans_tab.png"), full_page=True)
            first.screenshot(path=str(ARTIFACTS / "plans_tab_group.png"))

            first.locator(".plan-comment").fill("客户要求准时到货")
            first.locator(".plan-reject").click()
            page.wait_for_selector("#plans-message:has-text('pia')")
            assert f"已记录 {len(ids)} 条决定" in page.inner_text("#plans-message")
            page.wait_for_function(
                "n => document.querySelectorAll('#plans .plan-group').length === n - 1",
                arg=groups_before,
            )
            page.select_option("#plans-status", "rejected")
            page.wait_for_function(  # the rejected list: exactly the group just rejected
                "s => { const g = document.querySelectorAll('#plans .plan-group .plan-sentence');"
                " return g.length === 1 && g[0].textContent === s; }",
                arg=sentence,
            )
            page.click("#tab-ask")
            assert page.locator("#panel-ask").is_visible()
        finally:
            browser.close()
    con = connect(named_server["db"], read_only=True)
    try:
        rows = con.execute(
            "SELECT status, reviewer, comment FROM shipping_recommendations "
            "WHERE recommendation_id IN (SELECT UNNEST(?))",
            [ids],
        ).fetchall()
    finally:
        con.close()
    assert rows and set(rows) == {("rejected", "pia", "客户要求准时到货")}
    assert len(rows) == len(ids)


def test_a_shipped_but_never_picked_up_order_shows_red_on_its_card(
    chromium: str,  # noqa: F811
    named_server: dict,
    demo_con,
) -> None:
    from playwright.sync_api import sync_playwright

    from lab.health import run_checks

    findings = run_checks(demo_con, checks=["shipped_not_picked_up"])
    order_no = findings["channel_order_no"].iloc[0]
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            page = _open(browser, named_server, "ana")
            _ask(page, f"订单{order_no}到哪了")
            page.wait_for_selector("#card .ol-card.ol-alert")
            finding = page.locator("#card .ol-finding[data-check='shipped_not_picked_up']")
            assert "ERP已发货，但无出库扫描或快递揽收" in finding.inner_text()
            assert findings["summary"].iloc[0] in finding.inner_text()
            shipment = json.loads(findings["evidence"].iloc[0])[0]["shipment_id"]
            assert f"shipment_id={shipment}" in finding.inner_text()
            current = page.locator("#card .ol-stage.ol-current")
            assert "ol-stage-red" in (current.get_attribute("class") or "")
            color = current.evaluate("e => getComputedStyle(e).borderTopColor")
            assert color == "rgb(207, 34, 46)"  # red (#cf222e), not the green outbound
            page.screenshot(path=str(ARTIFACTS / "order_card_red.png"), full_page=True)
            page.locator("#card").screenshot(path=str(ARTIFACTS / "order_card_red_card.png"))
        finally:
            browser.close()


def test_signing_in_and_out_with_the_forms_in_a_real_browser(
    chromium: str,  # noqa: F811
    named_server: dict,
) -> None:
    """Session 18: both forms post with the page's Origin. Under ``Referrer-Policy:
    no-referrer`` Chromium sent ``Origin: null`` and Jupyter's Origin check answered 404: the
    sign-out button did nothing, and the sign-in form worked only through the body-token hole.
    """
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            page = _open(browser, named_server, "pia")  # the sign-in form
            page.wait_for_selector("#whoami:not([hidden])", timeout=30_000)
            assert page.locator("#whoami-name").inner_text() == "pia (planner)"
            page.click("#sign-out")  # the Ask page's link to the sign-out page
            page.wait_for_url("**/logout", timeout=30_000)
            with page.expect_response("**/logout") as posted:
                page.click("form button#sign-out")
            assert posted.value.status == 200
            assert "You are signed out" in page.inner_text("body")
            me = page.goto(f"{named_server['base']}/orderlens/api/me")
            assert me is not None and me.status == 403
        finally:
            browser.close()
