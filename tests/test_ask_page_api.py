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
    # the chart's title says what is shown; the change is the page's own line, not repeated
    title = second["chart"]["title"]
    title = title["text"] if isinstance(title, dict) else title
    assert "（追问：" in second["interpretation"] and "追问" not in title
    assert second["interpretation"].startswith(title) and "上个月" in title
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


async def test_a_month_column_carries_its_grain_and_exports_as_months(jp_fetch) -> None:
    from openpyxl import load_workbook

    status, body = await _ask(jp_fetch, "GMV by month")
    assert status == 200 and body["column_meta"][0]["grain"] == "month"
    assert "grain" not in body["column_meta"][1]  # the metric
    first_month = body["rows"][0][0]
    resp = await jp_fetch(
        "orderlens", "api", "export", method="POST",
        body=json.dumps({"question": "GMV by month", "format": "xlsx"}),
    )  # fmt: skip
    cell = load_workbook(io.BytesIO(resp.body)).active["A2"]
    assert cell.number_format == "yyyy-mm" and cell.value.date().isoformat() == first_month


async def test_chart_switch_redraws_the_same_answer_without_asking_again(jp_fetch) -> None:
    status, first = await _ask(jp_fetch, "GMV by month")
    assert status == 200 and first["chart_kinds"] == ["line", "bar", "number"]
    # today=2026-11-20: November is still filling up, and the chart says so
    assert first["chart"]["title"]["subtitle"].startswith("2026-11 is partial")
    status, hist = await _call(jp_fetch, "orderlens", "api", "history")
    asked = len(hist["history"])
    body = json.dumps({"question": "GMV by month", "kind": "bar"})
    status, bar = await _call(jp_fetch, "orderlens", "api", "chart", method="POST", body=body)
    assert status == 200 and bar["kind"] == "bar"
    assert bar["chart"]["layer"][0]["mark"]["type"] == "bar"
    assert bar["chart"]["layer"][0]["data"]["values"][-1]["_period"] == "partial"
    assert bar["chart_svg"] is None or "partial" in bar["chart_svg"]  # None: renderer too slow
    status, hist = await _call(jp_fetch, "orderlens", "api", "history")
    assert len(hist["history"]) == asked  # a switch is not a question
    body = json.dumps({"question": "GMV by month", "kind": "scatter"})
    status, bad = await _call(jp_fetch, "orderlens", "api", "chart", method="POST", body=body)
    assert status == 422
    assert bad["error"] == (
        "a scatter chart does not fit this answer; choose one of line, bar, number, table"
    )
    body = json.dumps({"question": "GMV by month", "kind": "pie"})
    status, bad = await _call(jp_fetch, "orderlens", "api", "chart", method="POST", body=body)
    assert status == 400 and "line, bar, scatter, heatmap, number" in bad["error"]


async def test_codes_carry_display_names_in_the_questions_language(jp_fetch, demo_con) -> None:
    channels = {r[0] for r in demo_con.execute("select distinct channel from orders").fetchall()}
    status, zh = await _ask(jp_fetch, "各渠道的GMV")
    names = zh["column_meta"][0]["values"]
    assert status == 200 and set(names) == channels and names["jd"] == "京东"
    drawn = {r["order__channel"] for r in zh["chart"]["data"]["values"]}
    assert drawn == {names[c] for c in channels}  # the chart's axis shows the names
    assert {r[0] for r in zh["rows"]} == channels  # the data itself keeps the codes
    status, en = await _ask(jp_fetch, "GMV by channel")
    assert en["column_meta"][0]["values"]["jd"] == "JD"
    assert "gmv" not in {m["name"] for m in en["column_meta"] if "values" in m}


async def test_long_results_chart_top_20_and_others_only_when_the_metric_adds_up(jp_fetch) -> None:
    status, units = await _ask(jp_fetch, "各SKU的退货件数")
    assert status == 200 and len(units["rows"]) > 21  # the table keeps every row
    drawn = units["chart"]["data"]["values"]
    rest = sorted((r[-1] for r in units["rows"]), reverse=True)[20:]
    label = next(k for k in drawn[-1] if k not in ("returned_units", "_others"))  # the SKU axis
    assert len(drawn) == 21 and drawn[-1][label] == f"其他（{len(rest)}项）"
    assert drawn[-1]["returned_units"] == pytest.approx(sum(rest))
    status, rates = await _ask(jp_fetch, "Return rate by SKU in the last 30 days")
    drawn = rates["chart"]["data"]["values"]
    assert len(drawn) == 20 and not any(r.get("_others") for r in drawn)
    assert not any(str(v).startswith("others") for r in drawn for v in r.values())
    n = len(rates["rows"])
    assert rates["chart"]["title"]["subtitle"].startswith(f"top 20 of {n} (a rate cannot be")


async def test_the_catalog_page_data_has_both_languages_formulas_and_samples(jp_fetch) -> None:
    _, catalog = await _call(jp_fetch, "orderlens", "api", "catalog")
    browse = catalog["browse"]
    metrics = {m["name"]: m for m in browse["metrics"]}
    assert (
        metrics["return_rate"]["label_zh"] == "退货率"
        and metrics["return_rate"]["format"] == "percent"
    )
    assert metrics["gmv"]["formula"] == "sum(goods_amount)" and metrics["gmv"]["description"]
    assert " / " in metrics["return_rate"]["formula"]
    assert metrics["cancelled_orders"]["formula"].endswith("= 'cancelled'")  # its filter shown
    channel = next(d for d in browse["dimensions"] if d["name"] == "order__channel")
    assert {"value": "jd", "zh": "京东", "en": "JD"} in channel["samples"]
    assert channel["label_en"] != channel["label_zh"]
