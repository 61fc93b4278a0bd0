"""Answer cells read the same in Python and on the Ask page: one table of cases for both.

``tests/fixtures/value_formats.json`` holds the cases; this file checks Python's formatters
(``nl2sql.columns.format_value`` for notebooks, ``%ask`` and the CLI; ``period_label`` for the
page's time columns), and ``tests/test_browser.py`` checks the page's ``fmt`` and
``periodLabel`` on the same table. Before: the page wrote negative money as ``¥-1,234.00``
(Python: ``-¥1,234.00``) and a month cell as ``2026-01-01``.
"""

from __future__ import annotations

import io
import json
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

from lab.server.presentation import export_table, period_label
from nl2sql.columns import format_value

CASES = json.loads(
    (Path(__file__).parent / "fixtures" / "value_formats.json").read_text(encoding="utf-8")
)


@pytest.mark.parametrize(("value", "fmt", "shown"), CASES["values"])
def test_python_formats_values_by_the_pages_rule(value, fmt: str, shown: str) -> None:
    assert format_value(value, fmt) == shown


@pytest.mark.parametrize(("value", "grain", "shown"), CASES["periods"])
def test_python_labels_periods_by_the_pages_rule(value: str, grain: str, shown: str) -> None:
    assert period_label(value, grain) == shown


def test_a_month_column_exports_as_typed_dates_shown_as_months() -> None:
    """XLSX: the cells stay dates (formulas and filters work) and read ``2026-01`` like the
    page; CSV keeps the full ISO date (text ``2026-01`` would lose the date)."""
    rows = [["2026-01-01", 10.5], ["2026-02-01", -3.0]]
    book = load_workbook(
        io.BytesIO(
            export_table(["月份", "销售额"], rows, "xlsx", ["text", "currency"], ["month", None])
        )
    )
    cells = [(c.value, c.number_format) for (c,) in book.active.iter_rows(min_row=2, max_col=1)]
    assert cells == [(datetime(2026, 1, 1), "yyyy-mm"), (datetime(2026, 2, 1), "yyyy-mm")]
    assert book.active["B3"].value == -3 and book.active["B3"].number_format == '"¥"#,##0.00'
    text = export_table(["月份", "销售额"], rows, "csv", ["text", "currency"], ["month", None])
    assert text.decode("utf-8-sig").splitlines()[1:] == ["2026-01-01,10.5", "2026-02-01,-3.0"]
