"""How the notebooks show tables, headline figures and charts in a report.

Why a module of its own: a report is read by finance and operations, not by the analyst who
wrote it. ``display(df)`` shows pandas' index, six decimals, raw amounts and a table cut at the
page edge; an Altair chart shows nothing at all offline (its HTML loads vega-embed from a
CDN). These helpers give every notebook the same reading: no index, two decimals, money as
``¥1,234.50``, rates as ``12.34%``, dates without nanoseconds, wide tables in a scrollable box,
and charts drawn to SVG in the kernel with vl-convert (so the HTML report carries the picture).
They return IPython display objects, so a notebook cell ends with ``show_table(...)`` and the
same output appears in JupyterLab and in the HTML report.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

import jinja2
import numpy as np
import pandas as pd
from IPython.display import HTML

#: background / text colours of the traffic-light cells (the reconciliation dashboard's colours)
STATUS_STYLES = {
    "red": ("#fde2e1", "#a40e26"),
    "yellow": ("#fff4c2", "#7a5b00"),
    "green": ("#dcf5e3", "#116329"),
    "critical": ("#fde2e1", "#a40e26"),
    "high": ("#ffe8d1", "#8a4600"),
    "medium": ("#fff4c2", "#7a5b00"),
    "low": ("#eef1f4", "#424a53"),
}
#: text cells longer than this wrap (in a wide column) instead of stretching the table
LONG_TEXT = 60
#: the CSS the tables and cards need; also inlined by the HTML report template. The wrapper
#: carries two classes so these rules outrank JupyterLab's ``:not(...).jp-RenderedHTMLCommon td``
#: (which right-aligns and wraps every cell) without ``!important``.
TABLE_CSS = """
.ol-table-wrap { overflow-x: auto; max-width: 100%; margin: 0.4em 0 1em; }
div.ol-table-wrap.ol-report table { border-collapse: collapse; font-size: 13px; white-space: nowrap;
  margin: 0; table-layout: auto; }
div.ol-table-wrap.ol-report table th { background: #f6f8fa; text-align: left; padding: 4px 10px;
  border-bottom: 2px solid #d0d7de; }
div.ol-table-wrap.ol-report table td { text-align: left; padding: 3px 10px; white-space: nowrap;
  border-bottom: 1px solid #eaeef2; }
div.ol-table-wrap.ol-report table td.ol-long { white-space: normal; min-width: 320px; }
div.ol-table-wrap.ol-report table td.ol-num { text-align: right; font-variant-numeric: tabular-nums; }
.ol-table-wrap caption { caption-side: top; text-align: left; font-weight: 600; padding: 4px 0; }
.ol-note { color: #57606a; font-size: 12px; margin: -0.6em 0 1em; }
.ol-cards { display: flex; flex-wrap: wrap; gap: 10px; margin: 0.4em 0 1em; }
.ol-card { border: 1px solid #d0d7de; border-radius: 6px; padding: 8px 14px; min-width: 120px; }
.ol-card .ol-label { color: #57606a; font-size: 12px; }
.ol-card .ol-value { font-size: 22px; font-weight: 600; font-variant-numeric: tabular-nums; }
"""


def format_money(value: Any, symbol: str = "¥") -> str:
    """``1234.5`` → ``¥1,234.50``; ``-3.2`` → ``-¥3.20``; missing → empty.

    >>> format_money(1234.5), format_money(-3.2), format_money(None)
    ('¥1,234.50', '-¥3.20', '')
    """
    if _missing(value):
        return ""
    number = float(value)
    sign = "-" if number < 0 else ""
    return f"{sign}{symbol}{abs(number):,.2f}"


def format_percent(value: Any, decimals: int = 2) -> str:
    """A fraction as a percentage: ``0.1234`` → ``12.34%``; missing → empty.

    >>> format_percent(0.1234), format_percent(1.0, 1), format_percent(float("nan"))
    ('12.34%', '100.0%', '')
    """
    if _missing(value):
        return ""
    return f"{float(value) * 100:,.{decimals}f}%"


def format_number(value: Any, decimals: int = 2) -> str:
    """Integers with thousands separators, other numbers with ``decimals`` decimals.

    >>> format_number(1234567), format_number(2.0), format_number(3.14159), format_number(True)
    ('1,234,567', '2.00', '3.14', 'yes')
    >>> format_number(np.int64(12000)), format_number(np.bool_(False))
    ('12,000', 'no')
    """
    if _missing(value):
        return ""
    if isinstance(value, bool | np.bool_):
        return "yes" if value else "no"
    if isinstance(value, int) or (hasattr(value, "dtype") and "int" in str(value.dtype)):
        return f"{int(value):,}"
    return f"{float(value):,.{decimals}f}"


def format_timestamp(value: Any) -> str:
    """Datetimes to the second (no nanoseconds, no ``NaT``), dates as ``YYYY-MM-DD``.

    >>> format_timestamp(pd.Timestamp("2026-11-20 08:30:00")), format_timestamp(pd.NaT)
    ('2026-11-20 08:30:00', '')
    """
    if _missing(value):
        return ""
    if isinstance(value, datetime):
        ts = pd.Timestamp(value)
        return ts.strftime("%Y-%m-%d") if ts == ts.normalize() else ts.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _missing(value: Any) -> bool:
    if value is None or value is pd.NaT:
        return True
    try:
        return bool(isinstance(value, float) and math.isnan(value)) or bool(pd.isna(value))
    except (TypeError, ValueError):  # arrays and other containers are values, not missing
        return False


@dataclass(frozen=True)
class _Column:
    name: str
    kind: str  # money | percent | number | time | status | text


def _column_kinds(
    df: pd.DataFrame,
    money: Iterable[str],
    percent: Iterable[str],
    status: Iterable[str],
) -> list[_Column]:
    money, percent, status = set(money), set(percent), set(status)
    unknown = (money | percent | status) - set(map(str, df.columns))
    if unknown:
        raise KeyError(
            f"show_table: no column(s) {sorted(unknown)} in the table; it has {list(df.columns)}"
        )
    kinds = []
    for name in df.columns:
        key = str(name)
        series = df[name]
        if key in money:
            kind = "money"
        elif key in percent:
            kind = "percent"
        elif key in status:
            kind = "status"
        elif pd.api.types.is_bool_dtype(series) or pd.api.types.is_numeric_dtype(series):
            kind = "number"
        elif pd.api.types.is_datetime64_any_dtype(series):
            kind = "time"
        else:
            kind = "text"
        kinds.append(_Column(key, kind))
    return kinds


@dataclass(frozen=True)
class _Cell:
    """One table cell as the template lays it out: its text, class and inline style."""

    text: str
    cls: str = ""
    style: str = ""


def _cell(value: Any, kind: str, decimals: int) -> _Cell:
    if kind == "money":
        return _Cell(format_money(value), "ol-num")
    if kind == "percent":
        return _Cell(format_percent(value, decimals), "ol-num")
    if kind == "number":
        return _Cell(format_number(value, decimals), "ol-num")
    if kind == "status":
        text = "" if _missing(value) else str(value)
        bg, fg = STATUS_STYLES.get(text.lower(), ("transparent", "inherit"))
        return _Cell(text, style=f"background:{bg};color:{fg};font-weight:600")
    if kind == "time":
        text = format_timestamp(value)
    elif isinstance(value, list | tuple | set) or hasattr(value, "tolist"):
        items = value.tolist() if hasattr(value, "tolist") else list(value)
        text = ", ".join(map(str, items)) if isinstance(items, list) else str(items)
    else:
        text = "" if _missing(value) else str(value)
    return _Cell(text, "ol-long" if len(text) > LONG_TEXT else "")


def table_html(
    df: pd.DataFrame,
    *,
    money: Sequence[str] = (),
    percent: Sequence[str] = (),
    status: Sequence[str] = (),
    decimals: int = 2,
    max_rows: int | None = 50,
    caption: str = "",
    note: str = "",
    css: str = "",
) -> str:
    """The HTML of ``df`` as a report table (see :func:`show_table`); ``css`` is put in a
    ``<style>`` before it.

    >>> print(table_html(pd.DataFrame({"flow": ["B1"], "amount": [1234.5], "rate": [0.25]}),
    ...                  money=["amount"], percent=["rate"]))  # doctest: +NORMALIZE_WHITESPACE
    <div class="ol-table-wrap ol-report"><table><thead><tr><th>flow</th><th>amount</th><th>rate</th></tr>
    </thead><tbody><tr><td>B1</td><td class="ol-num">¥1,234.50</td><td class="ol-num">25.00%</td></tr>
    </tbody></table></div>
    """
    columns = _column_kinds(df, money, percent, status)
    shown = df if max_rows is None else df.head(max_rows)
    rows = [
        [_cell(v, c.kind, decimals) for v, c in zip(row, columns, strict=True)]
        for row in shown.itertuples(index=False, name=None)
    ]
    notes = [note] if note else []
    if len(shown) < len(df):
        notes.insert(0, f"showing {len(shown):,} of {len(df):,} rows")
    if not len(df):
        notes.insert(0, "no rows")
    return str(_templates().table(css, [c.name for c in columns], rows, caption, "; ".join(notes)))


def show_table(
    df: pd.DataFrame,
    *,
    money: Sequence[str] = (),
    percent: Sequence[str] = (),
    status: Sequence[str] = (),
    decimals: int = 2,
    max_rows: int | None = 50,
    caption: str = "",
    note: str = "",
) -> HTML:
    """``df`` as a report table: no index, formatted cells, scrollable when wide.

    ``money`` columns read ``¥1,234.50``, ``percent`` columns hold fractions shown as
    ``12.34%``, ``status`` columns are coloured cells (red / yellow / green, or a severity);
    other numbers get thousands separators and ``decimals`` decimals, datetimes stop at the
    second. Past ``max_rows`` rows a note says how many were left out (the CSV has them all).
    A column named in ``money``/``percent``/``status`` that the table lacks is an error naming
    it, so a renamed column cannot silently lose its format.
    """
    return HTML(
        table_html(
            df,
            money=money,
            percent=percent,
            status=status,
            decimals=decimals,
            max_rows=max_rows,
            caption=caption,
            note=note,
            css=TABLE_CSS,
        )
    )


def show_cards(cards: Sequence[tuple[str, str]]) -> HTML:
    """Headline figures as a row of cards: ``[("flows", "4,712"), ("red", "9")]``."""
    return HTML(str(_templates().cards(TABLE_CSS, list(cards))))


def show_lines(lines: Iterable[Any]) -> HTML:
    """Sentences as a bulleted list, each shown as the text it is.

    Why not ``Markdown("- ...")``: a sentence built from data (a destination country as an
    order export wrote it) is Markdown source there, and nbconvert passes HTML inside Markdown
    through to the report, so ``<img src=x onerror=...>`` in a country column ran in the HTML
    report (session 13). Here every line is escaped.

    >>> show_lines(["发往<b>DE</b>的2单", "x & y"]).data
    '<ul class="ol-lines"><li>发往&lt;b&gt;DE&lt;/b&gt;的2单</li><li>x &amp; y</li></ul>'
    """
    return HTML(str(_templates().lines([str(x) for x in lines])))


@functools.cache
def _templates() -> Any:
    """The report-table macros (``templates/present.html.j2``), autoescaped, loaded once."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(Path(__file__).parent / "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
    )
    return env.get_template("present.html.j2").module


def use_static_charts() -> None:
    """Make every Altair chart of this kernel display as an SVG drawn by vl-convert.

    Why: Altair's default renderer emits HTML that loads vega-embed from a CDN, so the saved
    report shows an empty box offline. The SVG renderer draws in the kernel; the CJK font is
    registered first (through ``nl2sql.charts``, the one place that knows where it lives) so
    Chinese labels are not boxes.
    """
    # heavy: altair, vl-convert and the chart code only when a chart is rendered
    import altair as alt
    import vl_convert as vlc

    from nl2sql.charts import CJK_FONT_DIRS  # lazy: nl2sql loads the question engine

    for folder in CJK_FONT_DIRS:
        if Path(folder).is_dir():
            vlc.register_font_directory(folder)
    alt.renderers.enable("svg")
