"""The pieces of the notebook reports, on hand-made inputs: tables, dashboard views, the HTML page.

The notebooks themselves run in ``tests/test_notebooks.py``; these tests pin down each rule
(what a money cell reads, which colour a period gets, what the page may fetch) without a kernel.
"""

from __future__ import annotations

import base64
import re
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from lab.runner.html_report import external_resources, render_html_report
from lab.runner.present import show_table, table_html
from lab.runner.report_views import (
    attention_chart,
    most_recent_first,
    period_lights,
    split_findings,
)

ROOT = Path(__file__).resolve().parents[1]


def _cells(page: str) -> list[str]:
    return re.findall(r"<td[^>]*>(.*?)</td>", page)


def test_table_formats_money_percent_numbers_times_and_hides_the_index() -> None:
    df = pd.DataFrame(
        {
            "flow": ["B1", "B2"],
            "amount": [1234567.891, -3.2],
            "rate": [0.1234, None],
            "qty": [3, 12000],
            "lag": [2.0, 162.456],
            "at": pd.to_datetime(["2026-11-20 08:30:00.123456", None]),
            "day": pd.to_datetime(["2026-11-20", "2026-11-21"]),
        },
        index=[10, 11],
    )
    page = table_html(df, money=["amount"], percent=["rate"])
    assert _cells(page) == [
        "B1", "¥1,234,567.89", "12.34%", "3", "2.00", "2026-11-20 08:30:00", "2026-11-20",
        "B2", "-¥3.20", "", "12,000", "162.46", "", "2026-11-21",
    ]  # fmt: skip
    assert ">10<" not in page and "<th></th>" not in page  # no index column
    assert page.startswith('<div class="ol-table-wrap ol-report">')  # scrolls when wide


def test_table_colours_status_escapes_text_joins_lists_and_wraps_long_text() -> None:
    df = pd.DataFrame(
        {
            "status": ["red", "green"],
            "memo": ["<script>x</script>", "货款 " * 30],
            "values": [["paid", "unpaid"], []],
        }
    )
    page = table_html(df, status=["status"])
    assert 'style="background:#fde2e1;color:#a40e26;font-weight:600">red</td>' in page
    assert "&lt;script&gt;x&lt;/script&gt;" in page and "<script>" not in page
    assert "<td>paid, unpaid</td>" in page
    assert '<td class="ol-long">货款' in page


def test_table_notes_rows_left_out_and_empty_tables() -> None:
    df = pd.DataFrame({"n": range(5)})
    assert "showing 2 of 5 rows; in the CSV" in table_html(df, max_rows=2, note="in the CSV")
    assert _cells(table_html(df, max_rows=None)) == ["0", "1", "2", "3", "4"]
    assert "no rows" in table_html(df.head(0))


def test_table_names_a_format_column_the_table_lacks() -> None:
    with pytest.raises(KeyError, match=r"no column\(s\) \['amout'\].*'amount'"):
        show_table(pd.DataFrame({"amount": [1.0]}), money=["amout"])


BOARD = pd.DataFrame(
    {
        "period": ["2026-01", "2026-01", "2026-02", "2026-02", "2026-03"],
        "status": ["green", "red", "green", "yellow", "green"],
        "flows": [200, 1, 150, 3, 180],
        "amount": [9e5, 48422.54, 7e5, 120.0, 8e5],
        "auto_closed": [200, 0, 147, 0, 180],
    }
)


def test_period_lights_take_the_worst_colour_newest_period_first() -> None:
    lights = period_lights(BOARD)
    assert lights.to_dict(orient="list") == {
        "period": ["2026-03", "2026-02", "2026-01"],
        "light": ["green", "yellow", "red"],
        "flows": [180, 153, 201],
        "green": [180, 150, 200],
        "yellow": [0, 3, 0],
        "red": [0, 0, 1],
        "red_amount": [0.0, 0.0, 48422.54],
        "automation_rate": [1.0, 147 / 153, 200 / 201],
    }
    assert list(period_lights(BOARD.head(0)).columns)[-1] == "automation_rate"


def test_attention_chart_gives_red_and_yellow_their_own_panel() -> None:
    spec = attention_chart(BOARD).to_dict()
    everything, attention = spec["vconcat"]
    datasets = spec["datasets"]
    assert len(datasets[everything["data"]["name"]]) == len(BOARD)
    rows = datasets[attention["data"]["name"]]
    assert {(r["period"], r["status"], r["flows"]) for r in rows} == {
        ("2026-01", "red", 1),
        ("2026-02", "yellow", 3),
    }
    # both panels list every period, so a red bar sits under its month
    domains = [
        everything["encoding"]["x"]["scale"]["domain"],
        attention["layer"][0]["encoding"]["x"]["scale"]["domain"],
    ]
    assert domains == [["2026-01", "2026-02", "2026-03"]] * 2
    assert attention["layer"][1]["mark"]["type"] == "text"  # each bar labelled with its count
    assert everything["width"] == attention["width"] == 160  # three months: narrow, not a slab


def test_split_findings_and_most_recent_first() -> None:
    summary = pd.DataFrame(
        {
            "check": ["overdue", "ids", "not_picked_up", "quiet", "refund"],
            "severity": ["medium", "high", "critical", "critical", "high"],
            "findings": [63, 23, 3, 0, 5],
        }
    )
    critical, info = split_findings(summary)
    assert list(critical["check"]) == ["not_picked_up", "ids", "refund"]
    assert list(info["check"]) == ["overdue"]
    times = pd.DataFrame({"t": pd.to_datetime(["2025-01-02", "2026-11-11", None, "2026-03-01"])})
    assert most_recent_first(times, "t")["t"].dt.strftime("%m-%d").fillna("-").tolist() == [
        "11-11", "03-01", "01-02", "-",
    ]  # fmt: skip


def _notebook(show_code: bool = False) -> nbformat.NotebookNode:
    svg = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect/></svg>'
    nb = nbformat.v4.new_notebook()
    params = nbformat.v4.new_code_cell(
        'period: "month" = ""  # month', metadata={"tags": ["parameters"]}
    )
    setup = nbformat.v4.new_code_cell("import secret_setup_module")
    shown = nbformat.v4.new_code_cell(
        "chart_of_the_month()",
        outputs=[nbformat.v4.new_output("display_data", data={"image/svg+xml": svg})],
    )
    dropped = nbformat.v4.new_code_cell(
        "debug_dump()",
        metadata={"tags": ["remove_cell"]},
        outputs=[nbformat.v4.new_output("stream", text="internal debugging text")],
    )
    nb.cells = [nbformat.v4.new_markdown_cell("# Month report"), params, setup, shown, dropped]
    nb.metadata["papermill"] = {"parameters": {"period": "2026-10", "memo": "<b>x</b>"}}
    if show_code:
        nb.metadata["orderlens"] = {"report": {"show_code": True}}
    return nb


def test_report_page_hides_code_keeps_outputs_and_fetches_nothing() -> None:
    page = render_html_report(_notebook())
    assert "Month report" in page
    assert "secret_setup_module" not in page and "chart_of_the_month" not in page
    assert "internal debugging text" not in page  # remove_cell
    match = re.search(r'<img alt="chart" src="data:image/svg\+xml;base64,([^"]+)"', page)
    assert match and b"<rect/>" in base64.b64decode(match.group(1))
    assert external_resources(page) == []
    assert not re.search(r"cdnjs|jsdelivr|unpkg|mathjax|require", page, re.IGNORECASE)
    footer = page[page.index('class="ol-params"') :]
    assert '<td>period</td><td><code>"2026-10"</code>' in footer
    assert "&lt;b&gt;x&lt;/b&gt;" in footer  # values are text, never markup


def test_report_page_shows_code_when_the_notebook_asks() -> None:
    page = render_html_report(_notebook(show_code=True))
    assert "chart_of_the_month" in page and "secret_setup_module" in page
    assert 'period: "month"' not in page  # the parameters cell stays out: the footer has it


def test_readme_shows_a_small_screenshot_of_every_report() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for notebook in sorted((ROOT / "notebooks").glob("*.ipynb")):
        image = ROOT / "docs" / "img" / f"report_{notebook.stem}.png"
        assert image.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", image
        assert image.stat().st_size < 300_000, f"{image} is {image.stat().st_size:,} bytes"
        assert f"docs/img/report_{notebook.stem}.png" in readme


@pytest.fixture()
def chromium() -> str:
    from lab.runner.screenshots import CHROMIUM

    if not Path(CHROMIUM).exists():
        pytest.skip(f"no Chromium at {CHROMIUM} (tests/test_browser.py installs it)")
    return CHROMIUM


def test_screenshots_are_taken_offline_and_kept_within_budget(chromium: str, tmp_path) -> None:
    from lab.runner.screenshots import ScreenshotError, screenshot_reports

    page = tmp_path / "r.html"
    page.write_text(
        '<html><body><h1>Report</h1><img src="https://example.invalid/x.png" alt="x">'
        + "<p>row</p>" * 200
        + "</body></html>",
        encoding="utf-8",
    )
    shots = screenshot_reports([("demo", page)], tmp_path / "img", chromium=chromium)
    png = shots["demo"]
    assert png == tmp_path / "img" / "report_demo.png"
    assert png.read_bytes()[:4] == b"\x89PNG" and 0 < png.stat().st_size < 300_000
    with pytest.raises(ScreenshotError, match="bytes even at 600px high; the budget is 100"):
        screenshot_reports([("demo", page)], tmp_path / "img", chromium=chromium, max_bytes=100)
