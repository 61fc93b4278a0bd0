"""What the Ask page needs beyond the CLI contract: human column labels and formats, display
names of codes, metric definitions, the chart of the kind the reader picked, the catalog page,
the SQL formatted for reading, and table exports.

Why on the server: the catalog (labels in both languages, value formats, descriptions) lives
here, and sqlglot and openpyxl are Python libraries; the page only displays what it is given,
so the CLI contract stays as it is and every client gets the same labels.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import threading
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from typing import Any

import sqlglot
from sqlglot import exp
from sqlglot.errors import ParseError

from connectors.errors import ConnectorError
from connectors.warehouse import connect
from lab.spreadsheet_cells import inert, keep_text, xlsx_text
from nl2sql.chart_context import chart_options, value_names
from nl2sql.chart_specs import TIME_FORMATS, grain_of
from nl2sql.charts import chart_kinds, choose_chart
from nl2sql.columns import column_display, split_derived
from nl2sql.errors import NL2SQLError
from nl2sql.guard import allowed_tables, run_guarded
from nl2sql.interpret import item_label, metric_label
from nl2sql.rules import detect_lang
from semantic_layer import compile_query
from semantic_layer.catalog import Catalog, CatalogDimension, CatalogMetric
from semantic_layer.errors import SemanticLayerError
from semantic_layer.query import SemanticQuery

#: how many known values the catalog page shows per dimension
SAMPLE_VALUES = 8

#: MIME types of the table exports the page offers
EXPORT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def column_meta(
    catalog: Catalog, columns: list[str], question: str, change: str | None = None
) -> list[dict[str, Any]]:
    """Per result column: ``label`` (question's language), ``format`` (number | percent |
    currency | text), ``description`` (the model's definition in the question's language, for
    hover and click), for a time column its ``grain`` (day | week | month | quarter | year:
    the page shows a month's cells as ``2026-01``, like the chart's axis, see
    :func:`period_label`) and, for a dimension with display names for its codes, ``values``
    (code -> name).

    Labels and formats come from :func:`nl2sql.columns.column_display`, so the derived columns
    (``gmv__share`` -> "GMV 占比", percent; ``gmv__previous`` -> "上期GMV" when ``change`` is
    "pop") read as the page's other surfaces show them; a derived column's definition is its
    metric's.
    """
    lang = detect_lang(question)
    labels, formats = column_display(catalog, columns, lang, change)
    out: list[dict[str, Any]] = []
    for col in columns:
        base, suffix = split_derived(col)
        metric = catalog.metric(base if suffix is not None else col)
        meta: dict[str, Any] = {"name": col, "label": labels[col], "format": formats[col]}
        if metric is not None:
            meta["description"] = definition(metric, lang)
            out.append(meta)
            continue
        dim = catalog.dimension(col)
        meta["description"] = definition(dim, lang) if dim is not None else ""
        grain = grain_of(col)
        if grain is not None:
            meta["grain"] = grain
        names = value_names(dim, lang)
        if names:
            meta["values"] = names
        out.append(meta)
    return out


def definition(item: CatalogMetric | CatalogDimension, lang: str) -> str:
    """A metric's or dimension's definition for a reader of ``lang``: the model's Chinese
    description (``config.meta.description_zh``) for Chinese readers when it has one, else its
    own description."""
    if lang == "zh" and item.description_zh:
        return item.description_zh
    return item.description


class DataEnds:
    """The last day with data of a metric's time axis, per warehouse version (cached).

    Why: "is the last month complete?" has two answers — not if it ends on or after today, and
    not if the data stops before its end (a warehouse loaded up to the 20th, read on the 4th of
    the next month). The last day is one guarded ``max(metric_time__day)`` over the metric's
    compiled daily series, asked once per metric and warehouse version.
    """

    def __init__(self) -> None:
        self._cache: dict[tuple[str, str], dt.date | None] = {}
        self._lock = threading.Lock()

    def for_answer(
        self,
        body: dict[str, Any],
        model: Any,
        db: str,
        version: str,
        reading: Callable[[], AbstractContextManager[Any]] = nullcontext,
    ) -> dt.date | None:
        """The data end for an answer's chart: its first metric's, when it is a time series."""
        query = (body.get("followup_context") or {}).get("query") or {}
        over_time = any(str(g).startswith("metric_time__") for g in query.get("group_by") or [])
        metrics = query.get("metrics") or []
        return self.get(model, db, version, metrics[0], reading) if over_time and metrics else None

    def get(
        self,
        model: Any,
        db: str,
        version: str,
        metric: str,
        reading: Callable[[], AbstractContextManager[Any]] = nullcontext,
    ) -> dt.date | None:
        """The metric's last day with data on warehouse ``db`` (None when it cannot be told).

        ``reading``: what the warehouse is read under when the day is not known yet (a server's
        read gate); a known day is answered without it (no turnstile per answer).
        """
        key = (version, metric)
        with self._lock:
            if key in self._cache:
                return self._cache[key]
        with reading():
            end = _last_day(model, db, metric)
        with self._lock:
            self._cache[key] = end
        return end


def _last_day(model: Any, db: str, metric: str) -> dt.date | None:

    try:
        daily = compile_query(model, SemanticQuery(metrics=[metric], group_by=["metric_time__day"]))
        day = exp.column(daily.columns[0], quoted=True)
        last = sqlglot.select(exp.Max(this=day)).from_(
            exp.Subquery(
                this=sqlglot.parse_one(daily.sql, read="duckdb"),
                alias=exp.TableAlias(this=exp.to_identifier("daily")),
            )
        )
        con = connect(db, read_only=True)
        try:
            got = run_guarded(con, last.sql("duckdb"), allowed_tables(model), timeout_s=5)
        finally:
            con.close()
    except (SemanticLayerError, NL2SQLError, ConnectorError):
        return None  # a metric without a daily axis, a guard stop: no data end, today decides
    value = got.df.iloc[0, 0] if len(got.df) else None
    if value is None or value != value:  # no rows, or NaT
        return None
    return value.date() if isinstance(value, dt.datetime) else value


def page_chart(
    body: dict[str, Any],
    catalog: Catalog,
    model: Any,
    question: str,
    today: str,
    kind: str | None = None,
    data_end: dt.date | None = None,
) -> tuple[dict[str, Any] | None, list[str]]:
    """``(Vega-Lite spec, kinds that fit)`` for an answered body, drawn as ``kind`` (None: the
    shape's default): codes by their display names, the top 20 + "others" for additive
    metrics, the last period marked partial when it ends on or after ``today`` or after
    ``data_end`` (the last day with data).

    Built from the body (columns, rows, the semantic query of its ``followup_context``), so the
    page can switch chart types without asking again. ``(None, [])`` for an order card.
    """
    import pandas as pd  # heavy: pandas only when a chart is built for a page

    context = body.get("followup_context") or {}
    if not context.get("query") or not body.get("columns"):
        return None, []
    query = SemanticQuery.model_validate(context["query"])
    df = pd.DataFrame(body.get("rows") or [], columns=body["columns"])
    options = chart_options(model, catalog, query, detect_lang(question), today, kind, data_end)
    kinds = chart_kinds(df, query, options.additive)
    if not kinds or (kind is not None and kind not in kinds):
        return None, kinds
    change = (context.get("derived") or {}).get("kind")  # names "上期GMV" / "去年同期GMV"
    labels, _ = column_display(catalog, list(df.columns), options.lang, change)
    labels.update({g: item_label(catalog, g, options.lang) for g in query.group_by})
    title = body.get("chart_title") or body.get("interpretation") or ""
    chart = choose_chart(df, query, title, labels, options)
    return (chart.to_dict() if chart is not None else None), kinds


def pretty_sql(sql: str | None) -> str:
    """The SQL laid out by sqlglot for reading and copying (as is, when it does not parse)."""
    if not sql:
        return ""

    try:
        return ";\n".join(sqlglot.transpile(sql, read="duckdb", write="duckdb", pretty=True))
    except ParseError:
        return sql


#: Excel number formats per column format: the workbook shows what the page shows (¥, %)
#: while its cells keep the raw numbers for formulas
XLSX_FORMATS = {"percent": "0.0%", "currency": '"¥"#,##0.00', "number": "#,##0.##"}
#: Excel date formats per time grain: a month column shows ``2026-01`` like the page while its
#: cells stay typed dates (the period's first day). Excel has no ISO-week or quarter format, so
#: those show the first day in full.
XLSX_DATE_FORMATS = {"month": "yyyy-mm", "year": "yyyy"}


def period_label(value: Any, grain: str | None) -> str:
    """A period's first day (``2026-01-01``) as the page and the chart's axis show it: with
    the year always, at the column's grain (``2026-01``, ``2026-Q1``, ``2026-W01``, ``2026``).

    Why: a month column listed as ``2026-01-01`` reads as one day; the chart's axis already
    said ``2026-01`` (:data:`nl2sql.chart_specs.TIME_FORMATS`), so the table says the same.
    Anything that is not an ISO date is shown as it is.

    >>> [period_label("2026-04-01", g) for g in ("month", "quarter", "year", "day", None)]
    ['2026-04', '2026-Q2', '2026', '2026-04-01', '2026-04-01']
    >>> period_label("2025-12-29", "week"), period_label("n/a", "month")
    ('2026-W01', 'n/a')
    """
    day = _iso_day(value)
    if day is None or grain is None:
        return "" if value is None else str(value)
    pattern = "%Y" if grain == "year" else TIME_FORMATS.get(grain, TIME_FORMATS["day"])
    return day.strftime(pattern.replace("%q", str((day.month - 1) // 3 + 1)))


def _iso_day(value: Any) -> dt.date | None:
    """The date an answer cell holds (``2026-01-01`` or ``2026-01-01T00:00:00``), else None."""
    if isinstance(value, dt.date):
        return value if not isinstance(value, dt.datetime) else value.date()
    if not isinstance(value, str) or len(value) < 10:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def export_table(
    columns: list[str],
    rows: list[list[Any]],
    fmt: str,
    formats: list[str] | None = None,
    grains: list[str | None] | None = None,
) -> bytes:
    """The answer's table as CSV (UTF-8 with BOM, so Excel opens Chinese text) or XLSX.

    Text that starts like a formula is written so a spreadsheet shows it as text: prefixed
    with ``'`` in CSV (:func:`lab.spreadsheet_cells.inert`), typed as a string cell in XLSX. ``formats`` (per
    column, from ``column_meta``) become the XLSX cells' number formats; ``grains`` (per
    column, None for a column that is not time) make the XLSX cells typed dates shown at their
    grain (:data:`XLSX_DATE_FORMATS`). The CSV keeps plain numbers and full ISO dates (a text
    ``2026-01`` would lose the typed date), for any tool to read.
    """
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf)
        writer.writerow([inert(c) for c in columns])
        writer.writerows([inert(v) for v in row] for row in rows)
        return ("\ufeff" + buf.getvalue()).encode("utf-8")
    if fmt == "xlsx":
        from openpyxl import Workbook  # heavy: openpyxl only for an .xlsx export

        book = Workbook()
        sheet = book.active
        sheet.title = "answer"
        sheet.append([xlsx_text(c) for c in columns])
        dated = {i for i, g in enumerate(grains or []) if g is not None}
        for row in rows:
            sheet.append(
                [(_iso_day(v) or v) if i in dated else xlsx_text(v) for i, v in enumerate(row)]
            )
        keep_text(sheet)  # openpyxl stores any "=..." string as a formula: keep it text
        for i, name in enumerate(formats or []):
            number_format = XLSX_FORMATS.get(name)
            if number_format is None:
                continue
            for (cell,) in sheet.iter_rows(min_row=2, min_col=i + 1, max_col=i + 1):
                if isinstance(cell.value, int | float) and not isinstance(cell.value, bool):
                    cell.number_format = number_format
        for i in sorted(dated):
            date_format = XLSX_DATE_FORMATS.get(str((grains or [])[i]), "yyyy-mm-dd")
            for (cell,) in sheet.iter_rows(min_row=2, min_col=i + 1, max_col=i + 1):
                if isinstance(cell.value, dt.date):
                    cell.number_format = date_format
        out = io.BytesIO()
        book.save(out)
        return out.getvalue()
    raise ValueError(f"unknown export format {fmt!r}: use one of {', '.join(EXPORT_TYPES)}")


def metric_formula(model: Any, name: str) -> str:
    """How a metric is computed, in the model's own terms (``sum(goods_amount)``,
    ``auto_closed_flows / recon_flow_count``), for the catalog page."""
    metric = model.metrics.get(name)
    if metric is None:
        return ""
    params = metric.pydantic.type_params
    if metric.type == "simple" and metric.simple is not None:
        text = f"{metric.simple.agg}({metric.simple.expr})"
    elif metric.type == "ratio":
        text = f"{params.numerator.name} / {params.denominator.name}"
    elif metric.type == "derived":
        text = params.expr or ""
    elif metric.type == "cumulative":
        cumulative = params.cumulative_type_params
        base = cumulative.metric.name if cumulative and cumulative.metric else params.measure.name
        window = cumulative.window if cumulative else None
        grain = cumulative.grain_to_date if cumulative else None
        text = f"{base}, {f'{grain} to date' if grain else f'over {window}' if window else 'running total'}"
    else:
        text = metric.type
    filters = " AND ".join(metric.filters)
    return f"{text} where {filters}" if filters else text


def browse_catalog(catalog: Catalog, model: Any) -> dict[str, Any]:
    """The catalog page's data: every metric (labels in both languages, definition, formula,
    format) and dimension (labels, type, description, sample values with display names)."""
    metrics = [
        {
            "name": m.name,
            "label_zh": metric_label(catalog, m.name, "zh"),
            "label_en": metric_label(catalog, m.name, "en"),
            "description": m.description,
            "description_zh": definition(m, "zh"),
            "formula": metric_formula(model, m.name),
            "format": m.value_format,
            "type": m.metric_type,
            "synonyms": list(m.synonyms),
            "over_time": "metric_time" in m.dimensions,
        }
        for m in sorted(catalog.metrics, key=lambda m: m.name)
    ]
    dimensions = []
    for d in sorted(catalog.dimensions, key=lambda d: d.name):
        zh, en = value_names(d, "zh"), value_names(d, "en")
        dimensions.append(
            {
                "name": d.name,
                "label_zh": item_label(catalog, d.name, "zh"),
                "label_en": item_label(catalog, d.name, "en"),
                "type": d.dim_type,
                "description": d.description,
                "description_zh": definition(d, "zh"),
                "samples": [
                    {"value": v, "zh": zh.get(v, v), "en": en.get(v, v)}
                    for v in list(d.values)[:SAMPLE_VALUES]
                ],
                "values_total": len(d.values),
            }
        )
    return {"metrics": metrics, "dimensions": dimensions}
