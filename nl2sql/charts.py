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
import re
from pathlib import Path
from typing import Any

import pandas as pd

from nl2sql.chart_specs import (
    ChartOptions,
    bar_spec,
    base_spec,
    grain_of,
    number_spec,
    scatter_spec,
    stacked_bar_spec,
    time_spec,
    top_and_others,
)
from nl2sql.errors import NL2SQLError
from semantic_layer.query import SemanticQuery

CJK_FONT_DIRS = (
    "/usr/share/fonts/truetype/wqy",
    "/usr/share/fonts/opentype/noto",
    "/usr/share/fonts/truetype/noto",
)
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


def fold_entity_names(df: pd.DataFrame, query: SemanticQuery) -> tuple[pd.DataFrame, SemanticQuery]:
    """One category where the result groups by an entity *and* its own attribute (``sku`` and
    ``sku__sku_name``, which the rules engine shows beside a key): one bar per entity labelled
    "name (key)", as ``nl2sql.ask`` folds them, not a 36 x 36 heatmap. Found from the data (one
    attribute value per entity), so it also folds results that arrive as JSON rows.

    >>> df = pd.DataFrame({"sku": ["S1", "S2"], "sku__name": ["tea", "tea"], "units": [3, 4]})
    >>> q = SemanticQuery(metrics=["units"], group_by=["sku", "sku__name"])
    >>> folded, fq = fold_entity_names(df, q)
    >>> fq.group_by, list(folded["sku"])
    (['sku'], ['tea (S1)', 'tea (S2)'])
    """
    for key in query.group_by:
        attrs = [g for g in query.group_by if g.startswith(key + "__") and not grain_of(g)]
        attrs = [a for a in attrs if key in df.columns and a in df.columns]
        attrs = [
            a for a in attrs if df.groupby(key, dropna=False)[a].nunique(dropna=False).max() <= 1
        ]
        if not attrs:
            continue  # no attribute with one value per entity: real categories, kept apart
        out = df.drop(columns=attrs)
        names = df[attrs].astype(str).agg(" ".join, axis=1)
        out[key] = names + " (" + df[key].astype(str) + ")"
        folded = query.model_copy(
            update={"group_by": [g for g in query.group_by if g not in attrs]}
        )
        return fold_entity_names(out, folded)
    return df, query


def chart_kinds(
    df: pd.DataFrame | None, query: SemanticQuery, additive: frozenset[str] = frozenset()
) -> list[str]:
    """The charts that fit the result's shape, the default first ([] when none helps).

    A time series is a line (or bars); one category with one metric is a bar; with two
    metrics a labelled scatter (or grouped bars); two categories a heatmap (or stacked bars);
    one row a number. "number" on several rows is their total, so only for additive metrics.

    >>> q = SemanticQuery(metrics=["gmv"], group_by=["metric_time__month"])
    >>> chart_kinds(pd.DataFrame({"metric_time__month": ["2026-10-01"], "gmv": [1.0]}), q)
    ['line', 'bar']
    """
    if df is None or df.empty or not query.metrics:
        return []
    df, query = fold_entity_names(df, query)
    n_groups, n_metrics = len(query.group_by), len(query.metrics)
    total = ["number"] if set(query.metrics) <= additive else []
    if n_groups == 0:
        return ["number"]
    if any(grain_of(g) for g in query.group_by):
        return ["line", "bar", *total]
    if n_groups == 1:
        return (["bar"] if n_metrics == 1 else ["scatter", "bar"]) + total
    if n_groups == 2 and n_metrics == 1:
        return ["heatmap", "bar", *total]
    return []


def choose_chart(
    df: pd.DataFrame,
    query: SemanticQuery,
    title: str,
    labels: dict[str, str] | None = None,
    options: ChartOptions | None = None,
) -> VegaLite | None:
    """The chart for a result (``options.kind`` or the shape's default), or None."""
    opts = options or ChartOptions()
    kinds = chart_kinds(df, query, opts.additive)
    if not kinds:
        return None
    kind = opts.kind or kinds[0]
    if kind not in kinds:
        raise NL2SQLError(
            f"a {kind} chart does not fit this result; choose one of {', '.join(kinds)}"
        )
    labels = labels or {}
    df, query = fold_entity_names(df, query)
    data = plot_frame(df)
    n_groups = len(query.group_by)
    groups = [_col(data, g, i) for i, g in enumerate(query.group_by)]
    metrics = [_col(data, m, n_groups + i) for i, m in enumerate(query.metrics)]
    for col, name in zip(groups, query.group_by, strict=True):
        names = opts.display.get(name)
        if names:  # codes shown by their display names (axis labels, legend, tooltip)
            data[col] = data[col].map(lambda v, names=names: names.get(str(v), v))
    m_titles = [labels.get(name, col) for col, name in zip(metrics, query.metrics, strict=True)]
    g_titles = [labels.get(name, col) for col, name in zip(groups, query.group_by, strict=True)]
    if kind == "number":
        return VegaLite(number_spec(data, metrics, m_titles, title, opts.lang))
    time_idx = next((i for i, g in enumerate(query.group_by) if grain_of(g)), None)
    if time_idx is not None:
        return VegaLite(
            time_spec(data, groups, metrics, g_titles, m_titles, time_idx, query, title, opts)
        )
    if kind == "scatter":  # every category a labelled point: an "others" point would skew both axes
        return VegaLite(scatter_spec(data, groups[0], metrics, g_titles[0], m_titles, title))
    if n_groups == 1:
        all_additive = set(query.metrics) <= opts.additive
        shown, subtitle = top_and_others(data, groups[0], metrics, all_additive, opts.lang)
        heading: Any = title if subtitle is None else {"text": title, "subtitle": subtitle}
        return VegaLite(
            bar_spec(shown, groups[0], metrics, g_titles[0], m_titles, heading, opts.lang)
        )
    if kind == "bar":
        return VegaLite(stacked_bar_spec(data, groups, metrics[0], g_titles, m_titles[0], title))
    enc = {
        "x": {"field": groups[0], "type": "nominal", "title": g_titles[0]},
        "y": {"field": groups[1], "type": "nominal", "title": g_titles[1]},
        "color": {"field": metrics[0], "type": "quantitative", "title": m_titles[0]},
        "tooltip": [
            {"field": c, "type": "nominal", "title": t}
            for c, t in zip(groups, g_titles, strict=True)
        ]
        + [{"field": metrics[0], "type": "quantitative", "format": ",.2f", "title": m_titles[0]}],
    }
    return VegaLite(base_spec(data, {"type": "rect"}, enc, title=title))


def check_chart_path(path: str | Path) -> Path:
    """``path`` when its suffix is one we can write, else a clear error (checked before work)."""
    path = Path(path)
    if path.suffix.lower() not in CHART_SUFFIXES:
        raise NL2SQLError(
            f"--chart {path}: cannot write a {path.suffix or 'suffix-less'} file; "
            "use a name ending in .png, .svg or .html"
        )
    return path


#: Control characters vl-convert cannot lay out: its text measuring panics on them and the
#: panic aborts the whole process (tab, line feed and CR are drawn).
_UNDRAWABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def drawable(value: Any) -> Any:
    """``value`` with every text in it (keys included) free of :data:`_UNDRAWABLE`, each shown
    as U+FFFD; other values unchanged.

    Why (session 28): a chart whose data held a value with NUL, ``\\x01`` or ESC (a product
    name ingested from a shop export, a bank memo) aborted the process drawing it: vl-convert
    panics in its text layout and the panic cannot unwind. On the server that killed the chart
    renderer on every such chart; in a notebook (``%ask``) or ``orderlens ask --chart`` it
    killed the kernel or the command. Keys too, so a field name and the data rows it names
    stay the same string.

    >>> drawable({"k\\x01": ["a\\x00b", "tab\\tok", 3]}) == {"k\\ufffd": ["a\\ufffdb", "tab\\tok", 3]}
    True
    """
    if isinstance(value, str):
        return _UNDRAWABLE.sub("\ufffd", value)
    if isinstance(value, dict):
        return {drawable(k): drawable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [drawable(v) for v in value]
    return value


def _fixed_width(spec: dict[str, Any]) -> dict[str, Any]:
    """vl-convert has no container to measure: responsive widths become fixed ones; texts it
    cannot lay out are replaced (:func:`drawable`)."""
    out = drawable(copy.deepcopy(spec))
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
