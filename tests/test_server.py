"""The server extension through pytest-jupyter's ``jp_fetch``: ask, catalog, history, auth."""

from __future__ import annotations

import importlib
import json
from pathlib import Path

import pytest
from tornado.httpclient import HTTPClientError

from lab.server.history import read_history
from tests.server_helpers import fetch_json as _call
from tests.server_helpers import server_config

pytest_plugins = ["pytest_jupyter.jupyter_server"]

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture()
def history_file(tmp_path: Path) -> Path:
    return tmp_path / "runtime" / "orderlens-history.sqlite3"


@pytest.fixture()
def jp_server_config(demo_db: Path, history_file: Path) -> dict:
    return server_config(
        demo_db,
        history_file.parent / "users.json",
        history_file,
        today="2026-11-20",
        # the SVG is part of the contract asserted here (and the Ask page's chart switch); the
        # default 5 s budget is for serving, and a loaded CI machine can take longer to draw
        # the first chart
        chart_svg=True,
        chart_timeout_s=60.0,
    )


async def _ask(jp_fetch, question: str, **extra) -> tuple[int, dict]:
    body = json.dumps({"question": question, **extra})
    return await _call(jp_fetch, "orderlens", "api", "ask", method="POST", body=body)


def test_the_enabling_config_file_names_an_importable_extension() -> None:
    config = json.loads((REPO / "etc/jupyter/jupyter_server_config.d/orderlens.json").read_text())
    (module,) = [m for m, on in config["ServerApp"]["jpserver_extensions"].items() if on]
    points = importlib.import_module(module)._jupyter_server_extension_points()
    assert points[0]["app"].name == "orderlens"


async def test_ask_returns_the_cli_contract_plus_timings_and_svg(jp_fetch, demo_db: Path) -> None:
    from nl2sql import ask

    code, body = await _ask(jp_fetch, "各渠道的GMV")
    assert code == 200, body
    assert {"sql", "columns", "rows", "interpretation", "chart"} <= body.keys()
    expected = ask("各渠道的GMV", db=str(demo_db), today="2026-11-20").to_json()
    assert body["columns"] == expected["columns"]
    assert body["rows"] == json.loads(json.dumps(expected["rows"], default=str))
    assert body["sql"] == expected["sql"]
    assert body["timings"]["server_ms"] > 0
    assert body["chart"]["$schema"].startswith("https://vega.github.io/schema/vega-lite/")
    assert body["chart_svg"].lstrip().startswith("<svg")
    assert body["question"] == "各渠道的GMV"


async def test_order_question_returns_the_trace_card_inline(jp_fetch, demo_con) -> None:
    from lab.trace import render_card_html, trace_card

    code, body = await _ask(jp_fetch, "where is order JD20260210001?")
    assert code == 200, body
    assert body["engine"] == "trace" and body["interpretation"].startswith(
        "Status trace of order JD20260210001"
    )
    card = trace_card(demo_con, "JD20260210001")
    assert body["card"] == json.loads(json.dumps(card))
    assert body["card_html"] == render_card_html(card, lang="en")
    assert body["columns"][:3] == ["stage", "stage_zh", "system"] and body["rows"]
    assert body["chart"] is None and body["chart_svg"] is None
    code, body = await _ask(jp_fetch, "订单JD29990210001到哪了")
    assert code == 422 and "no system knows order JD29990210001" in body["error"]


async def test_refusal_is_422_with_suggestions(jp_fetch) -> None:
    code, body = await _ask(jp_fetch, "what is the weather in Paris tomorrow")
    assert code == 422
    assert body["refused"] is True
    assert body["error"]
    assert isinstance(body["suggestions"], list) and body["suggestions"]


async def test_malformed_requests_are_400(jp_fetch) -> None:
    for payload in ({}, {"question": "   "}, {"question": "GMV", "engine": "gpt"}):
        code, body = await _call(
            jp_fetch, "orderlens", "api", "ask", method="POST", body=json.dumps(payload)
        )
        assert code == 400 and body["error"]


async def test_catalog_lists_metrics_dimensions_values_and_examples(jp_fetch, demo_con) -> None:
    code, body = await _call(jp_fetch, "orderlens", "api", "catalog", method="GET")
    assert code == 200
    names = {m["name"] for m in body["metrics"]}
    assert {"gmv", "order_count", "return_rate"} <= names
    channel = next(d for d in body["dimensions"] if d["name"] == "order__channel")
    in_db = {r[0] for r in demo_con.execute("select distinct channel from orders").fetchall()}
    assert set(channel["values"]) == in_db
    assert body["example_questions"]


async def test_history_is_newest_first_and_persisted(jp_fetch, history_file: Path) -> None:
    await _ask(jp_fetch, "按月的订单数")
    await _ask(jp_fetch, "what is the weather in Paris tomorrow")
    code, body = await _call(jp_fetch, "orderlens", "api", "history", method="GET")
    assert code == 200
    latest = body["history"][:2]
    assert [h["question"] for h in latest] == [
        "what is the weather in Paris tomorrow",
        "按月的订单数",
    ]
    assert [h["ok"] for h in latest] == [False, True]
    assert latest[1]["rows"] > 0
    saved = read_history(history_file)
    assert [h["question"] for h in saved[-2:]] == [
        "按月的订单数",
        "what is the weather in Paris tomorrow",
    ]


async def test_every_route_refuses_requests_without_credentials(jp_fetch) -> None:
    no_auth = {"Authorization": ""}
    for method, parts, body in (
        ("POST", ("orderlens", "api", "ask"), '{"question": "GMV"}'),
        ("GET", ("orderlens", "api", "catalog"), None),
        ("GET", ("orderlens", "api", "history"), None),
    ):
        with pytest.raises(HTTPClientError) as info:
            await jp_fetch(*parts, method=method, body=body, headers=no_auth)
        assert info.value.code == 403, parts
    # the page and its assets send an anonymous visitor to Jupyter's login instead
    for parts in (("orderlens/",), ("orderlens", "static", "app.js")):
        with pytest.raises(HTTPClientError) as info:
            await jp_fetch(*parts, method="GET", headers=no_auth, follow_redirects=False)
        assert info.value.code == 302
        assert "/login" in info.value.response.headers["Location"]


async def test_page_and_assets_are_served_from_the_package(jp_fetch) -> None:
    page = await jp_fetch("orderlens/", method="GET")
    html = page.body.decode()
    assert 'id="question"' in html and "static/app.js" in html
    assert "http://" not in html and "https://" not in html  # nothing fetched from outside
    script = (await jp_fetch("orderlens", "static", "app.js", method="GET")).body.decode()
    assert "X-XSRFToken" in script
    assert "_xsrf" in page.headers.get("Set-Cookie", "")


async def test_repeated_questions_are_cached_until_the_warehouse_changes(
    jp_fetch, demo_db: Path
) -> None:
    import os

    code, first = await _ask(jp_fetch, "按月的订单数")
    code2, again = await _ask(jp_fetch, "按月的订单数")
    assert (code, code2) == (200, 200)
    assert (first["cached"], again["cached"]) == (False, True)
    assert again["rows"] == first["rows"] and again["chart_svg"] == first["chart_svg"]
    st = demo_db.stat()  # new data (a later mtime) is never answered from the cache
    os.utime(demo_db, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))
    _, fresh = await _ask(jp_fetch, "按月的订单数")
    assert fresh["cached"] is False and fresh["rows"] == first["rows"]
