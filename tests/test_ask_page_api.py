"""The Ask page's server side: follow-ups, labels and formats, readable SQL, refusal reasons
in the question's language, per-user history with reasons, and CSV/Excel exports."""

from __future__ import annotations

import io
import json

import pytest
from tornado.httpclient import HTTPClientError

from tests.test_server import _ask, _call, history_file, jp_server_config  # noqa: F401

pytest_plugins = ["pytest_jupyter.jupyter_server"]


async def test_follow_up_keeps_the_previous_answer_and_says_what_changed(jp_fetch) -> None:
    status, first = await _ask(jp_fetch, "各渠道的GMV")
    assert status == 200 and first["changes"] == []
    ctx = first["followup_context"]
    assert ctx["query"]["group_by"] == ["order__channel"]
    status, second = await _ask(jp_fetch, "只看上个月", context=ctx)
    assert status == 200, second
    assert second["columns"] == first["columns"]  # still GMV by channel...
    assert second["changes"]  # ...and the page is told what the follow-up changed
    assert "2026-10-01" in second["sql"]  # last month of today=2026-11-20
    status, bad = await _ask(jp_fetch, "只看上个月", context={"question": 1})
    assert status == 400 and "followup_context" in bad["error"]


async def test_columns_carry_labels_formats_definitions_and_the_sql_is_laid_out(jp_fetch) -> None:
    status, zh = await _ask(jp_fetch, "各渠道的GMV")
    assert status == 200
    meta = {m["name"]: m for m in zh["column_meta"]}
    assert meta["order__channel"]["label"] != "order__channel"  # a human label, not the name
    assert meta["gmv"]["format"] == "currency" and meta["gmv"]["description"]
    assert zh["sql_pretty"].count("\n") > zh["sql"].count("\n")  # sqlglot's layout
    status, en = await _ask(jp_fetch, "return rate by channel")
    assert status == 200
    assert {m["name"]: m["format"] for m in en["column_meta"]}["return_rate"] == "percent"


async def test_refusal_reason_is_in_the_questions_language_and_kept_in_history(
    jp_fetch,
) -> None:
    status, body = await _ask(jp_fetch, "按颜色统计GMV")
    assert status == 422 and body["suggestions"]
    assert any("\u4e00" <= ch <= "\u9fff" for ch in body["reason"])  # Chinese question, reason
    status, hist = await _call(jp_fetch, "orderlens", "api", "history")
    assert hist["history"][0]["reason"] == body["reason"]


async def test_export_csv_and_xlsx_with_labelled_headers(jp_fetch, demo_con) -> None:
    from openpyxl import load_workbook

    body = {"question": "各渠道的GMV", "format": "csv"}
    resp = await jp_fetch("orderlens", "api", "export", method="POST", body=json.dumps(body))
    text = resp.body.decode("utf-8-sig")
    header, *lines = text.strip().splitlines()
    channels = {r[0] for r in demo_con.execute("select distinct channel from orders").fetchall()}
    assert "order__channel" not in header and len(lines) == len(channels)
    assert resp.headers["Content-Disposition"].endswith('.csv"')
    resp = await jp_fetch(
        "orderlens", "api", "export", method="POST", body=json.dumps({**body, "format": "xlsx"})
    )
    sheet = load_workbook(io.BytesIO(resp.body)).active
    assert [c.value for c in sheet[1]] == header.split(",")
    assert {sheet.cell(row=i, column=1).value for i in range(2, sheet.max_row + 1)} == channels
    with pytest.raises(HTTPClientError) as err:
        await jp_fetch(
            "orderlens", "api", "export", method="POST", body=json.dumps({**body, "format": "pdf"})
        )
    assert err.value.code == 400
