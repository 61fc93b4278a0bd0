"""Charts chosen from the result's shape, and export to PNG/SVG/HTML without a browser.

Why from the shape, not from the question: the same question can return one number or a
series depending on the data; the chart follows what came back — a time series is a line, one
category with one metric a sorted bar, a category with two metrics a scatter, a single value a
big-number text, two categories a heatmap. Data is aggregated in SQL before it gets here.

Chinese labels: vl-convert renders with its own font set, which lacks CJK glyphs. We register a
CJK font directory when one is installed (Debian ``fonts-wqy-microhei``, installed by
``make dev``/``make demo``) and name "WenQuanYi Micro Hei" in the chart config.
"""

from __future__ import annotations

import datetime as dt
import decimal
from pathlib import Path

import altair as alt
import pandas as pd

from semantic_layer.query import SemanticQuery

CJK_FONT = "WenQuanYi Micro Hei"
CJK_FONT_DIRS = (
    "/usr/share/fonts/truetype/wqy",
    "/usr/share/fonts/opentype/noto",
    "/usr/share/fonts/truetype/noto",
)
_fonts_registered = False


def _register_fonts() -> None:
    global _fonts_registered
    if _fonts_registered:
        return
    import vl_convert as vlc

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
        if (
            s.dtype == object
            and len(s)
            and isinstance(s.dropna().iloc[0] if s.notna().any() else None, decimal.Decimal)
        ):
            out[c] = s.astype(float)
        elif s.dtype == object and s.notna().any() and isinstance(s.dropna().iloc[0], dt.date):
            out[c] = pd.to_datetime(s)
    return out


def choose_chart(
    df: pd.DataFrame, query: SemanticQuery, title: str, labels: dict[str, str] | None = None
) -> alt.Chart | None:
    """The chart for a result, or None when no chart would help (empty or too wide)."""
    if df is None or df.empty or not query.metrics:
        return None
    labels = labels or {}
    data = plot_frame(df)
    n_groups = len(query.group_by)
    groups = [_col(data, g, i) for i, g in enumerate(query.group_by)]
    metrics = [_col(data, m, n_groups + i) for i, m in enumerate(query.metrics)]

    def lab(col: str, name: str) -> str:
        return labels.get(name, col)

    props = {"title": title}
    if n_groups == 0:
        rows = [
            {"metric": lab(c, m), "text": f"{lab(c, m)}: {_fmt(data[c].iloc[0])}"}
            for c, m in zip(metrics, query.metrics, strict=False)
        ]
        frame = pd.DataFrame(rows)
        chart = (
            alt.Chart(frame)
            .mark_text(fontSize=36 if len(rows) == 1 else 20, font=CJK_FONT)
            .encode(text="text:N", y=alt.Y("metric:N", axis=None))
        )
        return (
            chart.properties(width=400, height=80 * len(rows), **props)
            .configure_view(strokeWidth=0)
            .configure(font=CJK_FONT)
        )
    time_idx = next(
        (
            i
            for i, g in enumerate(query.group_by)
            if "metric_time" in g
            or g.rsplit("__", 1)[-1] in ("day", "week", "month", "quarter", "year")
        ),
        None,
    )
    if time_idx is not None:
        x = alt.X(f"{groups[time_idx]}:T", title=lab(groups[time_idx], query.group_by[time_idx]))
        others = [g for i, g in enumerate(groups) if i != time_idx]
        if len(metrics) > 1 and not others:
            long = data.melt(id_vars=[groups[time_idx]], value_vars=metrics, var_name="metric")
            chart = (
                alt.Chart(long)
                .mark_line(point=True)
                .encode(x=x, y=alt.Y("value:Q"), color=alt.Color("metric:N"))
            )
        else:
            y = alt.Y(f"{metrics[0]}:Q", title=lab(metrics[0], query.metrics[0]))
            enc: dict[str, alt.X | alt.Y | alt.Color] = {"x": x, "y": y}
            if others:
                enc["color"] = alt.Color(f"{others[0]}:N")
            chart = alt.Chart(data).mark_line(point=True).encode(**enc)
        return chart.properties(width=600, height=300, **props).configure(font=CJK_FONT)
    if n_groups == 1 and len(metrics) == 1:
        chart = (
            alt.Chart(data)
            .mark_bar()
            .encode(
                y=alt.Y(f"{groups[0]}:N", sort="-x", title=lab(groups[0], query.group_by[0])),
                x=alt.X(f"{metrics[0]}:Q", title=lab(metrics[0], query.metrics[0])),
                tooltip=[groups[0], metrics[0]],
            )
        )
        return chart.properties(width=500, **props).configure(font=CJK_FONT)
    if n_groups == 1 and len(metrics) >= 2:
        chart = (
            alt.Chart(data)
            .mark_circle(size=80)
            .encode(
                x=alt.X(f"{metrics[0]}:Q", title=lab(metrics[0], query.metrics[0])),
                y=alt.Y(f"{metrics[1]}:Q", title=lab(metrics[1], query.metrics[1])),
                tooltip=[groups[0], *metrics],
            )
        )
        return chart.properties(width=500, height=350, **props).configure(font=CJK_FONT)
    if n_groups == 2 and len(metrics) == 1:
        chart = (
            alt.Chart(data)
            .mark_rect()
            .encode(
                x=alt.X(f"{groups[0]}:N", title=lab(groups[0], query.group_by[0])),
                y=alt.Y(f"{groups[1]}:N", title=lab(groups[1], query.group_by[1])),
                color=alt.Color(f"{metrics[0]}:Q", title=lab(metrics[0], query.metrics[0])),
                tooltip=[*groups, metrics[0]],
            )
        )
        return chart.properties(**props).configure(font=CJK_FONT)
    return None


def _fmt(value: object) -> str:
    if isinstance(value, float | int | decimal.Decimal) and not isinstance(value, bool):
        v = float(value)
        return f"{v:,.4g}" if abs(v) < 1 else f"{v:,.2f}".rstrip("0").rstrip(".")
    return str(value)


def save_chart(chart: alt.Chart, path: str | Path) -> Path:
    """Write ``chart`` as PNG, SVG or HTML (by suffix) with vl-convert; no browser, no network."""
    import vl_convert as vlc

    _register_fonts()
    path = Path(path)
    spec = chart.to_dict()
    suffix = path.suffix.lower()
    if suffix == ".png":
        path.write_bytes(vlc.vegalite_to_png(spec, scale=2))
    elif suffix == ".svg":
        path.write_text(vlc.vegalite_to_svg(spec), encoding="utf-8")
    elif suffix in (".html", ".htm"):
        path.write_text(vlc.vegalite_to_html(spec, bundle=True), encoding="utf-8")
    else:
        from nl2sql.errors import NL2SQLError

        raise NL2SQLError(f"--chart {path}: use a .png, .svg or .html file name")
    return path


def chart_svg(chart: alt.Chart) -> str:
    """The chart as inline SVG (for notebook HTML that must work offline)."""
    import vl_convert as vlc

    _register_fonts()
    return vlc.vegalite_to_svg(chart.to_dict())
