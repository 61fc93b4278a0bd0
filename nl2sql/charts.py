"""Charts chosen from the result's shape, as plain Vega-Lite specs, and their export.

Why from the shape, not from the question: the same question can return one number or a
series depending on the data; the chart follows what came back — a time series is a line, one
category with one metric a sorted bar, a category with two metrics a labelled scatter, a single
value a big-number text, two categories a heatmap. Data is aggregated in SQL before it gets here.

Why plain dicts, not Altair: a Vega-Lite spec is JSON. Importing Altair pulls in jsonschema and
its rfc3987 grammars (~2.7 s of every cold ``orderlens ask``) and validating each spec cost the
server ~20 ms per answer; the specs built here are small and fixed in shape, and the tests check
them. :class:`VegaLite` keeps Altair's ``to_dict()`` so callers need not know the difference.

Chinese labels: vl-convert renders with its own font set, which lacks CJK glyphs. We register a
CJK font directory when one is installed (Debian ``fonts-wqy-microhei``, installed by
``make dev``/``make demo``) and name "WenQuanYi Micro Hei" in the chart config. Every SVG/PNG
of an answer goes through :func:`render_chart` so that registration happens on one path.
"""

from __future__ import annotations

import copy
import datetime as dt
import decimal
from pathlib import Path
from typing import Any

import pandas as pd

from nl2sql.cells import json_value
from nl2sql.errors import NL2SQLError
from semantic_layer.query import SemanticQuery

CJK_FONT = "WenQuanYi Micro Hei"
CJK_FONT_DIRS = (
    "/usr/share/fonts/truetype/wqy",
    "/usr/share/fonts/opentype/noto",
    "/usr/share/fonts/truetype/noto",
)
SCHEMA = "https://vega.github.io/schema/vega-lite/v5.json"
#: a bar chart longer than this shows the top rows; the full result stays in the table
TOP_N = 20
#: axis label formats per time grain, always with the year (a "Mar" axis over two years misleads)
TIME_FORMATS = {"day": "%Y-%m-%d", "week": "%G-W%V", "month": "%Y-%m", "quarter": "%Y-Q%q"}
CHART_SUFFIXES = (".png", ".svg", ".html", ".htm")
_fonts_registered = False


class VegaLite:
    """A Vega-Lite spec with Altair's ``to_dict()`` (copies, so callers cannot mutate it)."""

    def __init__(self, spec: dict[str, Any]) -> None:
        self.spec = spec

    def to_dict(self, validate: bool = False) -> dict[str, Any]:
        """The spec as a JSON-safe dict (``validate`` is accepted for Altair compatibility)."""
        del validate
        return copy.deepcopy(self.spec)

    def __repr__(self) -> str:
        mark = self.spec.get("mark", {})
        return f"VegaLite(mark={mark.get('type') if isinstance(mark, dict) else mark!r})"


def _register_fonts() -> None:
    global _fonts_registered
    if _fonts_registered:
        return
    import vl_convert as vlc  # only when a chart is rendered, never on the answer path

    for d in CJK_FONT_DIRS:
        if Path(d).is_dir():
            vlc.register_font_directory(d)
    _fonts_registered = True


def _col(df: pd.DataFrame, name: str, index: int) -> str:
    if name in df.columns:
        return name
    lowered = {str(c).lower(): c for c in df.columns}
    return str(lowered.get(name.lower(), df.columns[min(index, len(df.columns) - 1)]))


def _cell(value: Any) -> Any:
    """One JSON-safe cell for inline chart data (ISO dates, floats for decimals)."""
    return json_value(value)


def plot_frame(df: pd.DataFrame) -> pd.DataFrame:
    """A copy safe for Vega-Lite: decimals as floats, dates as timestamps."""
    out = df.copy()
    for c in out.columns:
        s = out[c]
        first = s.dropna().iloc[0] if s.notna().any() else None
        if s.dtype == object and isinstance(first, decimal.Decimal):
            out[c] = s.astype(float)
        elif s.dtype == object and isinstance(first, dt.date):
            out[c] = pd.to_datetime(s)
    return out


def _values(df: pd.DataFrame) -> list[dict[str, Any]]:
    cols = [str(c) for c in df.columns]
    return [
        {c: _cell(v) for c, v in zip(cols, row, strict=True)}
        for row in df.itertuples(index=False, name=None)
    ]


def _grain(name: str) -> str | None:
    tail = name.rsplit("__", 1)[-1]
    if tail in TIME_FORMATS or tail == "year":
        return tail
    return "day" if "metric_time" in name else None


def _spec(df: pd.DataFrame, mark: dict[str, Any], encoding: dict[str, Any], **props: Any) -> dict:
    return {
        "$schema": SCHEMA,
        "data": {"values": _values(df)},
        "mark": mark,
        "encoding": encoding,
        "config": {"font": CJK_FONT},
        **props,
    }


def choose_chart(
    df: pd.DataFrame, query: SemanticQuery, title: str, labels: dict[str, str] | None = None
) -> VegaLite | None:
    """The chart for a result, or None when no chart would help (empty or too wide)."""
    if df is None or df.empty or not query.metrics:
        return None
    labels = labels or {}
    data = plot_frame(df)
    n_groups = len(query.group_by)
    groups = [_col(data, g, i) for i, g in enumerate(query.group_by)]
    metrics = [_col(data, m, n_groups + i) for i, m in enumerate(query.metrics)]
    m_titles = [labels.get(name, col) for col, name in zip(metrics, query.metrics, strict=True)]
    g_titles = [labels.get(name, col) for col, name in zip(groups, query.group_by, strict=True)]
    if n_groups == 0:
        return VegaLite(_number_spec(data, metrics, m_titles, title))
    time_idx = next((i for i, g in enumerate(query.group_by) if _grain(g)), None)
    if time_idx is not None:
        return VegaLite(
            _time_spec(data, groups, metrics, g_titles, m_titles, time_idx, query, title)
        )
    if n_groups == 1 and len(metrics) == 1:
        return VegaLite(_bar_spec(data, groups[0], metrics[0], g_titles[0], m_titles[0], title))
    if n_groups == 1 and len(metrics) >= 2:
        return VegaLite(_scatter_spec(data, groups[0], metrics, g_titles[0], m_titles, title))
    if n_groups == 2 and len(metrics) == 1:
        enc = {
            "x": {"field": groups[0], "type": "nominal", "title": g_titles[0]},
            "y": {"field": groups[1], "type": "nominal", "title": g_titles[1]},
            "color": {"field": metrics[0], "type": "quantitative", "title": m_titles[0]},
            "tooltip": [{"field": c, "type": "nominal"} for c in groups]
            + [{"field": metrics[0], "type": "quantitative", "format": ",.2f"}],
        }
        return VegaLite(_spec(data, {"type": "rect"}, enc, title=title))
    return None


def _number_spec(data: pd.DataFrame, metrics: list[str], titles: list[str], title: str) -> dict:
    frame = pd.DataFrame(
        [
            {"metric": t, "text": f"{t}: {_fmt(data[c].iloc[0])}"}
            for c, t in zip(metrics, titles, strict=True)
        ]
    )
    mark = {"type": "text", "fontSize": 36 if len(frame) == 1 else 20, "font": CJK_FONT}
    enc = {
        "text": {"field": "text", "type": "nominal"},
        "y": {"field": "metric", "type": "nominal", "axis": None},
    }
    spec = _spec(frame, mark, enc, title=title, width=400, height=80 * len(frame))
    spec["config"]["view"] = {"strokeWidth": 0}
    return spec


def _time_spec(
    data: pd.DataFrame,
    groups: list[str],
    metrics: list[str],
    g_titles: list[str],
    m_titles: list[str],
    time_idx: int,
    query: SemanticQuery,
    title: str,
) -> dict:
    tcol = groups[time_idx]
    grain = _grain(query.group_by[time_idx]) or "day"
    axis = {"format": TIME_FORMATS[grain]} if grain in TIME_FORMATS else {"format": "%Y"}
    x = {"field": tcol, "type": "temporal", "title": g_titles[time_idx], "axis": axis}
    others = [g for i, g in enumerate(groups) if i != time_idx]
    mark = {"type": "line", "point": True}
    if len(metrics) > 1 and not others:
        long = data.melt(id_vars=[tcol], value_vars=metrics, var_name="metric")
        long["metric"] = long["metric"].map(dict(zip(metrics, m_titles, strict=True)))
        enc = {
            "x": x,
            "y": {"field": "value", "type": "quantitative", "title": None},
            "color": {"field": "metric", "type": "nominal", "title": None},
            "tooltip": [
                {"field": tcol, "type": "temporal", "format": axis["format"]},
                {"field": "metric", "type": "nominal"},
                {"field": "value", "type": "quantitative", "format": ",.2f"},
            ],
        }
        return _spec(long, mark, enc, title=title, width="container", height=300)
    enc = {
        "x": x,
        "y": {"field": metrics[0], "type": "quantitative", "title": m_titles[0]},
        "tooltip": [
            {"field": tcol, "type": "temporal", "format": axis["format"]},
            {"field": metrics[0], "type": "quantitative", "format": ",.2f"},
        ],
    }
    if others:
        enc["color"] = {"field": others[0], "type": "nominal"}
    return _spec(data, mark, enc, title=title, width="container", height=300)


def _bar_spec(
    data: pd.DataFrame, group: str, metric: str, g_title: str, m_title: str, title: str
) -> dict:
    shown = data.sort_values(metric, ascending=False, na_position="last")
    subtitle = None
    if len(shown) > TOP_N:  # a chart of thousands of bars is unreadable; the table has them all
        subtitle = f"top {TOP_N} of {len(shown)} (full table below)"
        shown = shown.head(TOP_N)
    enc = {
        "y": {"field": group, "type": "nominal", "sort": "-x", "title": g_title},
        "x": {"field": metric, "type": "quantitative", "title": m_title},
        "tooltip": [
            {"field": group, "type": "nominal"},
            {"field": metric, "type": "quantitative", "format": ",.2f"},
        ],
    }
    heading: Any = title if subtitle is None else {"text": title, "subtitle": subtitle}
    return _spec(shown, {"type": "bar"}, enc, title=heading, width="container")


def _scatter_spec(
    data: pd.DataFrame,
    group: str,
    metrics: list[str],
    g_title: str,
    m_titles: list[str],
    title: str,
) -> dict:
    enc = {
        "x": {"field": metrics[0], "type": "quantitative", "title": m_titles[0]},
        "y": {"field": metrics[1], "type": "quantitative", "title": m_titles[1]},
        "tooltip": [{"field": group, "type": "nominal", "title": g_title}]
        + [
            {"field": m, "type": "quantitative", "title": t, "format": ",.2f"}
            for m, t in zip(metrics, m_titles, strict=True)
        ],
    }
    spec = _spec(
        data, {"type": "circle", "size": 80}, enc, title=title, width="container", height=350
    )
    # each point named on the chart: two metrics per category are unreadable without it
    spec["layer"] = [
        {"mark": spec.pop("mark")},
        {
            "mark": {"type": "text", "dx": 6, "align": "left", "font": CJK_FONT},
            "encoding": {"text": {"field": group, "type": "nominal"}},
        },
    ]
    return spec


def _fmt(value: object) -> str:
    if isinstance(value, float | int | decimal.Decimal) and not isinstance(value, bool):
        v = float(value)
        return f"{v:,.4g}" if abs(v) < 1 else f"{v:,.2f}".rstrip("0").rstrip(".")
    return str(value)


def check_chart_path(path: str | Path) -> Path:
    """``path`` when its suffix is one we can write, else a clear error (checked before work)."""
    path = Path(path)
    if path.suffix.lower() not in CHART_SUFFIXES:
        raise NL2SQLError(
            f"--chart {path}: cannot write a {path.suffix or 'suffix-less'} file; "
            "use a name ending in .png, .svg or .html"
        )
    return path


def _fixed_width(spec: dict[str, Any]) -> dict[str, Any]:
    """vl-convert has no container to measure: responsive widths become fixed ones."""
    out = copy.deepcopy(spec)
    if out.get("width") == "container":
        out["width"] = 600
    return out


def render_chart(chart: Any, fmt: str) -> str | bytes:
    """The chart (a :class:`VegaLite`, an Altair chart or a spec dict) as ``svg``, ``png`` or
    ``html`` — the one rendering path, so the CJK font is always registered."""
    import vl_convert as vlc  # only when a chart is rendered

    _register_fonts()
    spec = _fixed_width(chart if isinstance(chart, dict) else chart.to_dict())
    if fmt == "svg":
        return vlc.vegalite_to_svg(spec)
    if fmt == "png":
        return vlc.vegalite_to_png(spec, scale=2)
    if fmt == "html":
        return vlc.vegalite_to_html(spec, bundle=True)
    raise ValueError(f"unknown chart format {fmt!r}: use svg, png or html")


def save_chart(chart: Any, path: str | Path) -> Path:
    """Write ``chart`` as PNG, SVG or HTML (by suffix) with vl-convert; no browser, no network."""
    path = check_chart_path(path)
    suffix = path.suffix.lower()
    out = render_chart(chart, "html" if suffix == ".htm" else suffix[1:])
    if isinstance(out, bytes):
        path.write_bytes(out)
    else:
        path.write_text(out, encoding="utf-8")
    return path


def chart_svg(chart: Any) -> str:
    """The chart as inline SVG (for notebook HTML that must work offline)."""
    out = render_chart(chart, "svg")
    assert isinstance(out, str)
    return out
