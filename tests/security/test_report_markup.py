"""Red team, session 13: text from the data stays text in a notebook's HTML report.

Probe: a pending export order whose destination country reads
``<img src=x onerror=alert(document.domain)>`` (the warehouse keeps the column as the order
export wrote it). ``orderlens run shipping_window`` wrote the week's sentences as Markdown, and
nbconvert passes HTML inside Markdown through, so the report held a live ``<img onerror>``
that ran when finance opened it. Now the sentences are escaped (``show_lines``) and every
report carries a Content-Security-Policy that runs no script at all.
"""

from __future__ import annotations

import re
from datetime import timedelta
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pandas as pd
import pytest
from nbformat.v4 import new_code_cell, new_notebook, new_output

from connectors.warehouse import connect
from lab.runner.html_report import render_html_report
from lab.shipping.toy import TOY_AS_OF, add_history_orders, build_toy_warehouse, insert_frame

NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"
HOSTILE = "<img src=x onerror=alert(document.domain)>"


class _Policy(HTMLParser):
    """The page's ``<meta http-equiv="Content-Security-Policy">`` rules, and whether that tag
    comes before the body (a policy set after content does not cover it)."""

    def __init__(self, page: str) -> None:
        super().__init__()
        self.rules: dict[str, str] = {}
        self.before_body = False
        self._in_body = False
        self.feed(page)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "body":
            self._in_body = True
        elif tag == "meta" and found.get("http-equiv") == "Content-Security-Policy":
            text = found.get("content") or ""
            self.rules = dict(r.strip().split(" ", 1) for r in text.split(";") if r.strip())
            self.before_body = not self._in_body


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipping toy warehouse plus one pending order to a country named like markup."""
    path = tmp_path_factory.mktemp("hostile") / "toy.duckdb"
    con = connect(path)
    build_toy_warehouse(con)
    add_history_orders(con)
    created = pd.Timestamp(TOY_AS_OF - timedelta(days=1))
    insert_frame(con, "orders", pd.DataFrame([{
        "order_id": "OX1", "channel": "jd", "customer_id": "C1", "created_at": created,
        "paid_at": created, "payment_status": "paid", "order_status": "awaiting_shipment",
        "promised_delivery_date": pd.Timestamp(TOY_AS_OF + timedelta(days=40)),
        "destination_country": HOSTILE, "destination_region": "海外", "currency": "CNY",
    }]))  # fmt: skip
    insert_frame(con, "order_lines", pd.DataFrame([{
        "line_id": "OX1-1", "order_id": "OX1", "line_no": 1, "sku": "SKU-0001", "qty": 30,
    }]))  # fmt: skip
    insert_frame(con, "shipments", pd.DataFrame([{
        "shipment_id": "SHPOX1", "order_id": "OX1", "shipping_mode": "sea", "lane": "CN-US",
        "destination_country": HOSTILE, "ready_at": created, "units": 30,
        "shipment_status": "awaiting_pickup",
    }]))  # fmt: skip
    con.close()
    return path


def test_the_shipping_report_shows_a_hostile_country_as_text(hostile_db, tmp_path) -> None:
    from lab.runner import run_notebook

    run = run_notebook(
        "shipping_window",
        {"db": str(hostile_db), "horizon_days": 14, "output_dir": str(tmp_path)},
        tmp_path / "runs",
        notebooks_dir=NOTEBOOKS,
        progress=False,
        timeout_s=300,
    )
    page = run.html_path.read_text(encoding="utf-8")
    assert "发往&lt;img src=x onerror=alert(document.domain)&gt;的" in page  # the sentence
    assert not re.search(r"<img[^>]*onerror", page, re.IGNORECASE)
    policy = _Policy(page)
    assert policy.before_body and policy.rules["default-src"] == "'none'"


def test_every_report_runs_no_script_whatever_its_outputs_hold() -> None:
    """Markup that still reaches a report (any notebook's Markdown of data) cannot run: the
    page's policy allows no script, no fetch, no form; charts (data: images) still show."""
    nb = new_notebook()
    cell = new_code_cell("x")
    cell.outputs = [
        new_output("display_data", data={"text/markdown": f"- {HOSTILE} <script>alert(2)</script>"})
    ]
    nb.cells = [cell]
    page = render_html_report(nbformat.from_dict(nb))
    policy = _Policy(page)
    assert policy.before_body
    assert policy.rules["default-src"] == "'none'" and "script-src" not in policy.rules
    assert policy.rules["img-src"] == "data:" and policy.rules["style-src"] == "'unsafe-inline'"
