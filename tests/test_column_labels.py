"""Derived share / change columns under human labels and formats on every surface but the
browser page (tests/test_browser_labels.py): the labels module, the CLI, ``%ask``, the Ask
page's column meta and exports, and Chinese definitions (``config.meta.description_zh``)."""

from __future__ import annotations

import io
import json
from html import unescape
from pathlib import Path

import pytest
from click.testing import CliRunner
from IPython.core.interactiveshell import InteractiveShell
from IPython.utils.capture import capture_output

from lab.cli import cli
from lab.server.presentation import browse_catalog, column_meta
from nl2sql.columns import column_format, column_label, format_value
from semantic_layer import build_catalog
from semantic_layer.loader import load_model
from tests.test_server import _ask, history_file, jp_server_config  # noqa: F401  (fixtures)

pytest_plugins = ["pytest_jupyter.jupyter_server"]
TODAY = "2026-11-20"


@pytest.fixture(scope="module")
def catalog():
    return build_catalog(load_model())


def _channel_shares(con) -> dict[str, float]:
    rows = con.execute("select channel, count(*) from orders group by 1").fetchall()
    total = sum(n for _, n in rows)
    return {channel: n / total for channel, n in rows}


def test_derived_columns_are_named_from_their_metric_in_both_languages(catalog) -> None:
    got = {
        (col, lang, change): column_label(catalog, col, lang, change)
        for col, change in [
            ("gmv__share", None),
            ("gmv__previous", "pop"),
            ("gmv__previous", "yoy"),
            ("gmv__growth", "pop"),
            ("gmv__growth", "yoy"),
            ("order_count__growth", None),
        ]
        for lang in ("zh", "en")
    }
    assert got == {
        ("gmv__share", "zh", None): "销售额 占比",
        ("gmv__share", "en", None): "GMV share of total",
        ("gmv__previous", "zh", "pop"): "上期销售额",
        ("gmv__previous", "en", "pop"): "GMV previous period",
        ("gmv__previous", "zh", "yoy"): "去年同期销售额",
        ("gmv__previous", "en", "yoy"): "GMV same period last year",
        ("gmv__growth", "zh", "pop"): "销售额 环比",
        ("gmv__growth", "en", "pop"): "GMV growth",
        ("gmv__growth", "zh", "yoy"): "销售额 同比",
        ("gmv__growth", "en", "yoy"): "GMV growth year over year",
        ("order_count__growth", "zh", None): "订单数 增长率",
        ("order_count__growth", "en", None): "orders growth",
    }
    # a share or a growth is a ratio; the previous period keeps the metric's own format
    assert [column_format(catalog, c) for c in ("gmv__share", "gmv__growth", "gmv__previous")] == [
        "percent",
        "percent",
        "currency",
    ]
    # names that only look derived stay what they are
    assert column_label(catalog, "order__channel", "en") == "sales channel"
    assert column_format(catalog, "order__channel") == "text"
    assert column_label(catalog, "nosuch__share", "en") == "nosuch__share"


def test_format_value_reads_like_the_page() -> None:
    assert format_value(1543070.4, "currency") == "¥1,543,070.40"
    assert format_value(-12.5, "currency") == "-¥12.50"
    assert format_value(0.41795, "percent") == "41.8%"
    assert format_value(float("nan"), "percent") == ""
    assert format_value(3000, "number") == "3,000"


def test_cli_prints_labelled_formatted_share_columns(demo_db: Path, demo_con) -> None:
    res = CliRunner().invoke(
        cli, ["ask", "各渠道订单数占比", "--db", str(demo_db), "--today", TODAY]
    )
    assert res.exit_code == 0, res.output
    header = next(line for line in res.output.splitlines() if line.split()[:1] == ["渠道"])
    assert header.split() == ["渠道", "订单数", "订单数", "占比"]  # "订单数 占比" is one header
    shares = _channel_shares(demo_con)
    for channel, share in shares.items():
        row = next(
            line.split() for line in res.output.splitlines() if line.split()[:1] == [channel]
        )
        assert row[-1] == f"{share * 100:.1f}%"
    assert "__share" not in res.output.split("\n", 1)[1]  # below the interpretation line


@pytest.fixture()
def shell(demo_db: Path):
    ip = InteractiveShell.instance()
    ip.run_line_magic("load_ext", "lab")
    ip.run_line_magic("config", f'AskMagics.today = "{TODAY}"')
    ip.run_line_magic("orderlens_config", f"db={demo_db}")
    yield ip
    ip.run_line_magic("unload_ext", "lab")


def _table(captured) -> str:
    """The table of ``%ask``'s one rich display (the chart's SVG aside)."""
    html = unescape(captured.outputs[0].data["text/html"])
    return html[html.index("<table") : html.index("</table>")]


def test_percent_ask_table_shows_money_and_rates_like_the_page(shell, demo_con) -> None:
    jd = demo_con.execute("select sum(goods_amount) from orders where channel = 'jd'").fetchone()[0]
    with capture_output() as captured:
        shell.run_line_magic("ask", "各渠道的GMV")
    html = _table(captured)
    assert f"<td>¥{float(jd):,.2f}</td>" in html.replace('<td class="num">', "<td>")
    assert f"{float(jd)}" not in html  # no raw 1543070.4
    assert "<th>销售额</th>" in html.replace('<th class="num">', "<th>")
    with capture_output() as captured:
        shell.run_line_magic("ask", "各渠道订单数占比")
    html = _table(captured)
    share = _channel_shares(demo_con)["jd"]
    assert f"{share * 100:.1f}%" in html and "订单数 占比" in html
    assert "order_count__share</th>" not in html


def test_column_meta_labels_change_columns_and_defines_them_in_the_questions_language(
    catalog,
) -> None:
    cols = ["metric_time__month", "order_count", "order_count__previous", "order_count__growth"]
    zh = {m["name"]: m for m in column_meta(catalog, cols, "今年每月订单数环比", "pop")}
    assert [zh[c]["label"] for c in cols] == ["月", "订单数", "上期订单数", "订单数 环比"]
    assert [zh[c]["format"] for c in cols] == ["text", "number", "number", "percent"]
    order_count = catalog.metric("order_count")
    assert (
        zh["order_count__growth"]["description"] == order_count.description_zh == "下单的订单数。"
    )
    en = {m["name"]: m for m in column_meta(catalog, cols, "orders by month vs last month", "pop")}
    assert en["order_count__previous"]["label"] == "orders previous period"
    assert en["order_count"]["description"] == order_count.description == "Number of orders placed."
    assert zh["metric_time__month"]["description"] == ""  # no definition to show: none invented


def test_the_catalog_carries_chinese_definitions_and_falls_back_to_the_description(
    catalog,
) -> None:
    browse = browse_catalog(catalog, load_model())
    metrics = {m["name"]: m for m in browse["metrics"]}
    assert metrics["gmv"]["description_zh"].startswith("成交总额：下单订单的商品金额合计")
    assert metrics["gmv"]["description"].startswith("Gross merchandise value")
    dims = {d["name"]: d for d in browse["dimensions"]}
    assert dims["order__channel"]["description_zh"] == "订单来源的销售渠道。"
    # a dimension without description_zh shows its own description on the Chinese page
    country = catalog.dimension("order__destination_country")
    assert not country.description_zh
    assert dims["order__destination_country"]["description_zh"] == country.description


async def test_page_answer_and_export_head_share_columns_with_labels(jp_fetch) -> None:
    from openpyxl import load_workbook

    status, body = await _ask(jp_fetch, "各渠道订单数占比")
    assert status == 200
    meta = {m["name"]: m for m in body["column_meta"]}
    assert meta["order_count__share"]["label"] == "订单数 占比"
    assert meta["order_count__share"]["format"] == "percent"
    assert meta["order_count"]["description"] == "下单的订单数。"
    resp = await jp_fetch(
        "orderlens", "api", "export", method="POST",
        body=json.dumps({"question": "各渠道订单数占比", "format": "csv"}),
    )  # fmt: skip
    header = resp.body.decode("utf-8-sig").splitlines()[0]
    assert header == "渠道,订单数,订单数 占比"
    resp = await jp_fetch(
        "orderlens", "api", "export", method="POST",
        body=json.dumps({"question": "各渠道的GMV占比", "format": "xlsx"}),
    )  # fmt: skip
    sheet = load_workbook(io.BytesIO(resp.body)).active
    assert [c.value for c in sheet[1]] == ["渠道", "销售额", "销售额 占比"]
    # Excel shows ¥ and % as the page does; the cells keep the raw numbers
    assert [sheet.cell(row=2, column=i).number_format for i in (2, 3)] == ['"¥"#,##0.00', "0.0%"]
    assert 0 < sheet.cell(row=2, column=3).value < 1
    status, body = await _ask(jp_fetch, "今年每月GMV同比")
    assert status == 200
    labels = [m["label"] for m in body["column_meta"]]
    assert labels == ["月", "销售额", "去年同期销售额", "销售额 同比"]
    assert body["followup_context"]["derived"]["kind"] == "yoy"


def _tooltips(spec: object) -> list[list[dict]]:
    if isinstance(spec, dict):
        own = [spec["tooltip"]] if isinstance(spec.get("tooltip"), list) else []
        return own + [t for k, v in spec.items() if k != "tooltip" for t in _tooltips(v)]
    if isinstance(spec, list):
        return [t for v in spec for t in _tooltips(v)]
    return []


@pytest.mark.parametrize(
    ("question", "kind", "titles"),
    [
        ("各渠道订单数占比", None, ["渠道", "订单数"]),
        ("今年每月订单数环比", None, ["月", "订单数", "周期"]),
        ("各渠道各地区的GMV", None, ["渠道", "地区", "销售额"]),
        ("各渠道各地区的GMV", "bar", ["渠道", "地区", "销售额"]),
        ("GMV and orders by channel", "bar", ["sales channel", "metric", "value"]),
    ],
)
def test_chart_tooltips_name_fields_by_their_labels(
    demo_con, question: str, kind: str | None, titles: list[str]
) -> None:
    from nl2sql import ask
    from nl2sql.chart_specs import ChartOptions
    from nl2sql.charts import choose_chart

    answer = ask(question, con=demo_con, today=TODAY)
    assert answer.ok and answer.chart is not None
    chart = answer.chart
    if kind is not None:  # the kind the page's switch asks for
        lang = "zh" if any("\u4e00" <= ch <= "\u9fff" for ch in question) else "en"
        options = ChartOptions(kind=kind, lang=lang)
        chart = choose_chart(answer.df, answer.query, "", answer.column_labels, options)
    got = _tooltips(chart.to_dict())
    assert got and all(t.get("title") for tips in got for t in tips)  # no field-name fallback
    assert [t["title"] for t in got[0]] == titles
