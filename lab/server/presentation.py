"""What the Ask page needs beyond the CLI contract: human column labels and formats, metric
definitions, the SQL formatted for reading, what a follow-up changed, and table exports.

Why on the server: the catalog (labels in both languages, value formats, descriptions) lives
here, and sqlglot and openpyxl are Python libraries; the page only displays what it is given,
so the CLI contract stays as it is and every client gets the same labels.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from nl2sql.interpret import item_label, metric_label
from nl2sql.rules import detect_lang
from semantic_layer.catalog import Catalog

#: MIME types of the table exports the page offers
EXPORT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def column_meta(catalog: Catalog, columns: list[str], question: str) -> list[dict[str, str]]:
    """Per result column: ``label`` (question's language), ``format`` (number | percent |
    currency | text) and ``description`` (the model's definition, for hover and click)."""
    lang = detect_lang(question)
    out: list[dict[str, str]] = []
    for col in columns:
        metric = catalog.metric(col)
        if metric is not None:
            out.append(
                {
                    "name": col,
                    "label": metric_label(catalog, col, lang),
                    "format": metric.value_format,
                    "description": metric.description,
                }
            )
            continue
        dim = catalog.dimension(col)
        out.append(
            {
                "name": col,
                "label": item_label(catalog, col, lang),
                "format": "text",
                "description": dim.description if dim is not None else "",
            }
        )
    return out


def pretty_sql(sql: str | None) -> str:
    """The SQL laid out by sqlglot for reading and copying (as is, when it does not parse)."""
    if not sql:
        return ""
    import sqlglot
    from sqlglot.errors import ParseError

    try:
        return ";\n".join(sqlglot.transpile(sql, read="duckdb", write="duckdb", pretty=True))
    except ParseError:
        return sql


def export_table(columns: list[str], rows: list[list[Any]], fmt: str) -> bytes:
    """The answer's table as CSV (UTF-8 with BOM, so Excel opens Chinese text) or XLSX."""
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf)
        writer.writerow(columns)
        writer.writerows(rows)
        return ("\ufeff" + buf.getvalue()).encode("utf-8")
    if fmt == "xlsx":
        from openpyxl import Workbook

        book = Workbook()
        sheet = book.active
        sheet.title = "answer"
        sheet.append(columns)
        for row in rows:
            sheet.append(row)
        out = io.BytesIO()
        book.save(out)
        return out.getvalue()
    raise ValueError(f"unknown export format {fmt!r}: use one of {', '.join(EXPORT_TYPES)}")
