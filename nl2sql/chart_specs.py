"""Vega-Lite specs per chart kind: number, bars (top 20 + others), lines with a partial last
period, stacked bars, labelled scatter.

Why apart from :mod:`nl2sql.charts`: that module decides *which* chart fits a result and renders
it; this one knows how each kind is drawn so that it does not mislead — the rows past the top
:data:`TOP_N` summed into one "others" bar only when the metric adds up (a rate does not: the
subtitle says "top 20 of N" instead), the period still filling up drawn dashed and lighter with
a note, and every note in the question's language.
"""

from __future__ import annotations

import datetime as dt
import decimal
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from nl2sql.cells import json_value
from semantic_layer.query import SemanticQuery

CJK_FONT = "WenQuanYi Micro Hei"
SCHEMA = "https://vega.github.io/schema/vega-lite/v5.json"
#: a bar chart longer than this shows the top rows; the full result stays in the table
TOP_N = 20
#: axis label formats per time grain, always with the year (a "Mar" axis over two years misleads)
TIME_FORMATS = {"day": "%Y-%m-%d", "week": "%G-W%V", "month": "%Y-%m", "quarter": "%Y-Q%q"}


#: tick intervals per grain (Vega-Lite ``tickCount`` objects)
_TICKS = {
    "week": {"interval": "week", "step": 1},
    "month": {"interval": "month", "step": 1},
    "quarter": {"interval": "month", "step": 3},
    "year": {"interval": "year", "step": 1},
}


def values_of(df: pd.DataFrame) -> list[dict[str, Any]]:
    """The frame as inline Vega-Lite rows (JSON-safe cells: ISO dates, floats for decimals)."""
    cols = [str(c) for c in df.columns]
    return [
        {c: json_value(v) for c, v in zip(cols, row, strict=True)}
        for row in df.itertuples(index=False, name=None)
    ]


def grain_of(name: str) -> str | None:
    """The time grain of a group-by name (``metric_time__month`` -> month), None for a category."""
    tail = name.rsplit("__", 1)[-1]
    if tail in TIME_FORMATS or tail == "year":
        return tail
    return "day" if "metric_time" in name else None


def base_spec(
    df: pd.DataFrame, mark: dict[str, Any], encoding: dict[str, Any], **props: Any
) -> dict:
    """A single-view spec with the rows inline and the CJK font named."""
    return {
        "$schema": SCHEMA,
        "data": {"values": values_of(df)},
        "mark": mark,
        "encoding": encoding,
        "config": {"font": CJK_FONT},
        **props,
    }


@dataclass(frozen=True)
class ChartOptions:
    """What the caller knows beyond the result, to draw a chart that does not mislead.

    Attributes:
        kind: the chart to draw (one of :func:`chart_kinds`); None for the shape's default.
        additive: metrics whose rows may be added up (sums and counts): only these get an
            "others" bar for the rows past the top :data:`TOP_N` and a "number" total.
        today: the date the data is read on; the last period of a time series that ends on or
            after it (this month on the 20th) is still filling up and is drawn as partial.
        data_end: the last day with data; a last period ending after it is partial too (data
            loaded up to the 20th, read in the next month).
        display: per group-by name, display names for codes (``{"order__channel": {"jd": "京东"}}``).
        lang: the question's language ("zh" or "en"), for the notes drawn on the chart.
    """

    kind: str | None = None
    additive: frozenset[str] = frozenset()
    today: dt.date | None = None
    data_end: dt.date | None = None
    display: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    lang: str = "en"


#: what the page may switch between (besides its own table view), by the result's shape
CHART_KINDS = ("line", "bar", "scatter", "heatmap", "number")
_NOTES = {
    "zh": {
        "others": "其他（{n}项）",
        "top_others": "前 {top} 项 + 其他（共 {n} 项，其他 = 其余 {rest} 项之和；完整表格见下方）",
        "top_only": "前 {top} 项（共 {n} 项；比率类指标不能相加，故无“其他”；完整表格见下方）",
        "complete": "完整周期",
        "partial": "不完整周期",
        "partial_note": "{period} 为不完整周期（截至 {today}，虚线/浅色）",
        "partial_data": "{period} 为不完整周期（数据截至 {end}，虚线/浅色）",
        "total": "合计（{n} 行）",
        "period": "周期",
        "metric": "指标",
        "value": "数值",
    },
    "en": {
        "others": "others ({n})",
        "top_others": "top {top} + others (of {n}; others = sum of the other {rest}; full table below)",
        "top_only": "top {top} of {n} (a rate cannot be added up, so no others bar; full table below)",
        "complete": "complete",
        "partial": "partial",
        "partial_note": "{period} is partial (as of {today}; dashed/lighter)",
        "partial_data": "{period} is partial (data up to {end}; dashed/lighter)",
        "total": "total of {n} rows",
        "period": "period",
        "metric": "metric",
        "value": "value",
    },
}


def note(lang: str, key: str, **values: Any) -> str:
    return _NOTES["zh" if lang == "zh" else "en"][key].format(**values)


def number_spec(
    data: pd.DataFrame, metrics: list[str], titles: list[str], title: str, lang: str = "en"
) -> dict:
    """One big number per metric; over several rows their total (additive metrics only)."""
    if len(data) > 1:
        values = [data[c].sum() for c in metrics]
        title = f"{title} · {note(lang, 'total', n=len(data))}"
    else:
        values = [data[c].iloc[0] for c in metrics]
    frame = pd.DataFrame(
        [
            {"metric": t, "text": f"{t}: {fmt_number(v)}"}
            for v, t in zip(values, titles, strict=True)
        ]
    )
    mark = {"type": "text", "fontSize": 36 if len(frame) == 1 else 20, "font": CJK_FONT}
    enc = {
        "text": {"field": "text", "type": "nominal"},
        "y": {"field": "metric", "type": "nominal", "axis": None},
    }
    spec = base_spec(frame, mark, enc, title=title, width=400, height=80 * len(frame))
    spec["config"]["view"] = {"strokeWidth": 0}
    return spec


def top_and_others(
    data: pd.DataFrame, group: str, metrics: list[str], additive: bool, lang: str
) -> tuple[pd.DataFrame, str | None]:
    """The :data:`TOP_N` largest rows (by the first metric), plus one "others" row summing the
    rest when the metrics add up; the subtitle says which (None when nothing was cut)."""
    ranked = data.sort_values(metrics[0], ascending=False, na_position="last")
    if len(ranked) <= TOP_N:
        return ranked, None
    top, rest = ranked.head(TOP_N), ranked.iloc[TOP_N:]
    if not additive:
        return top, note(lang, "top_only", top=TOP_N, n=len(ranked))
    others: dict[str, Any] = {group: note(lang, "others", n=len(rest))}
    others.update({m: rest[m].sum() for m in metrics})
    others["_others"] = True  # drawn grey: it is not one category
    shown = pd.concat([top.assign(_others=False), pd.DataFrame([others])], ignore_index=True)
    return shown, note(lang, "top_others", top=TOP_N, n=len(ranked), rest=len(rest))


def period_end(start: pd.Timestamp, grain: str) -> dt.date:
    """The last day of the period that starts on ``start``."""
    offsets = {
        "day": pd.offsets.Day(0),
        "week": pd.offsets.Day(6),
        "month": pd.offsets.MonthEnd(0),
        "quarter": pd.offsets.QuarterEnd(0),
        "year": pd.offsets.YearEnd(0),
    }
    return (start + offsets.get(grain, pd.offsets.Day(0))).date()


def mark_partial(
    data: pd.DataFrame, tcol: str, grain: str, opts: ChartOptions
) -> tuple[pd.DataFrame, str | None]:
    """Adds ``_period`` (complete / partial) to each row; the note names the partial period.

    Only the last period can be partial: it is when it ends on or after ``opts.today`` (the day
    is not over) or after ``opts.data_end`` (the data stops inside it).
    """
    when = pd.to_datetime(data[tcol])
    last = when.max()
    complete, partial = note(opts.lang, "complete"), note(opts.lang, "partial")
    out = data.copy()
    out["_period"] = complete
    if pd.isna(last):
        return out, None
    ends = period_end(last, grain)
    open_today = opts.today is not None and ends >= opts.today
    cut_by_data = opts.data_end is not None and ends > opts.data_end
    if not (open_today or cut_by_data):
        return out, None
    out.loc[when == last, "_period"] = partial
    period = last.strftime(TIME_FORMATS.get(grain, "%Y").replace("%q", str(last.quarter)))
    if grain == "week":
        period = f"{last.isocalendar().year}-W{last.isocalendar().week:02d}"
    data_end = opts.data_end
    if data_end is not None and cut_by_data and (opts.today is None or data_end < opts.today):
        return out, note(opts.lang, "partial_data", period=period, end=str(data_end))
    return out, note(opts.lang, "partial_note", period=period, today=str(opts.today))


def partial_layers(
    data: pd.DataFrame, tcol: str, series: str | None, mark: str, enc: dict, opts: ChartOptions
) -> list[dict[str, Any]]:
    """A line whose last segment (into the partial period) is dashed, with lighter points; or
    bars whose partial bar is lighter. The last complete point is repeated as the start of the
    dashed segment so the line does not break."""
    complete, partial = note(opts.lang, "complete"), note(opts.lang, "partial")
    fade = {
        "field": "_period",
        "type": "nominal",
        "legend": None,
        "scale": {"domain": [complete, partial], "range": [1.0, 0.4]},
    }
    tooltip = [
        *enc["tooltip"],
        {"field": "_period", "type": "nominal", "title": note(opts.lang, "period")},
    ]
    if mark == "bar":
        return [
            {
                "data": {"values": values_of(data)},
                "mark": {"type": "bar"},
                "encoding": {**enc, "opacity": fade, "tooltip": tooltip},
            }
        ]
    bridge = []
    for _, part in data.groupby(series, sort=False) if series else [(None, data)]:
        done = part[part["_period"] == complete]
        if len(done) and (part["_period"] == partial).any():
            bridge.append(done.loc[[pd.to_datetime(done[tcol]).idxmax()]].assign(_period=partial))
    line_rows = pd.concat([data, *bridge], ignore_index=True)
    dash = {
        "field": "_period",
        "type": "nominal",
        "title": None,
        "scale": {"domain": [complete, partial], "range": [[1, 0], [6, 4]]},
    }
    line_enc = {k: v for k, v in enc.items() if k != "tooltip"}
    return [
        {
            "data": {"values": values_of(line_rows)},
            "mark": {"type": "line"},
            "encoding": {**line_enc, "strokeDash": dash},
        },
        {
            "data": {"values": values_of(data)},
            "mark": {"type": "point", "filled": True},
            "encoding": {**enc, "opacity": fade, "tooltip": tooltip},
        },
    ]


def time_spec(
    data: pd.DataFrame,
    groups: list[str],
    metrics: list[str],
    g_titles: list[str],
    m_titles: list[str],
    time_idx: int,
    query: SemanticQuery,
    title: str,
    opts: ChartOptions,
) -> dict:
    """A line (or bars) over time; the last period drawn as partial when it is not over."""
    tcol = groups[time_idx]
    grain = grain_of(query.group_by[time_idx]) or "day"
    axis: dict[str, Any] = {"format": TIME_FORMATS.get(grain, "%Y")}
    if grain in _TICKS:  # one tick per period: without it a short month axis repeats "2026-09"
        axis["tickCount"] = _TICKS[grain]
    x = {"field": tcol, "type": "temporal", "title": g_titles[time_idx], "axis": axis}
    others = [g for i, g in enumerate(groups) if i != time_idx]
    kind = opts.kind or "line"
    series: str | None = others[0] if others else None
    if len(metrics) > 1 and not others:
        data = data.melt(id_vars=[tcol], value_vars=metrics, var_name="metric")
        data["metric"] = data["metric"].map(dict(zip(metrics, m_titles, strict=True)))
        y = {"field": "value", "type": "quantitative", "title": None}
        series, value = "metric", "value"
        words = _NOTES["zh" if opts.lang == "zh" else "en"]  # `note` is this function's local
        s_title, v_title = words["metric"], words["value"]
    else:
        y = {"field": metrics[0], "type": "quantitative", "title": m_titles[0]}
        value = metrics[0]
        s_title = g_titles[groups.index(series)] if series else ""
        v_title = m_titles[0]
    enc: dict[str, Any] = {
        "x": x,
        "y": y,
        "tooltip": [
            {"field": tcol, "type": "temporal", "format": axis["format"], "title": x["title"]}
        ]
        + ([{"field": series, "type": "nominal", "title": s_title}] if series else [])
        + [{"field": value, "type": "quantitative", "format": ",.2f", "title": v_title}],
    }
    if series:
        enc["color"] = {"field": series, "type": "nominal", "title": None}
        if kind == "bar":
            enc["xOffset"] = {"field": series, "type": "nominal"}
    marked, note = mark_partial(data, tcol, grain, opts)
    heading: Any = title if note is None else {"text": title, "subtitle": note}
    if note is None:
        mark: dict[str, Any] = {"type": "bar"} if kind == "bar" else {"type": "line", "point": True}
        return base_spec(data, mark, enc, title=heading, width="container", height=300)
    spec = base_spec(marked, {"type": kind}, enc, title=heading, width="container", height=300)
    del spec["mark"], spec["encoding"], spec["data"]
    spec["layer"] = partial_layers(marked, tcol, series, kind, enc, opts)
    return spec


def bar_spec(
    data: pd.DataFrame,
    group: str,
    metrics: list[str],
    g_title: str,
    m_titles: list[str],
    title: Any,
    lang: str = "en",
) -> dict:
    """Horizontal bars in the given row order (largest first, "others" last); several metrics
    as grouped bars, one colour each (``lang``: the tooltip's words for them)."""
    order = [str(v) for v in data[group]]
    if len(metrics) == 1:
        enc = {
            "y": {
                "field": group,
                "type": "nominal",
                "title": g_title,
                "sort": "-x" if len(order) <= TOP_N else order,
            },
            "x": {"field": metrics[0], "type": "quantitative", "title": m_titles[0]},
            "tooltip": [
                {"field": group, "type": "nominal", "title": g_title},
                {
                    "field": metrics[0],
                    "type": "quantitative",
                    "format": ",.2f",
                    "title": m_titles[0],
                },
            ],
        }
        if "_others" in data.columns:  # the "others" bar in grey
            enc["color"] = {"condition": {"test": "datum._others", "value": "#9aa5b1"},
                            "value": "#4c78a8"}  # fmt: skip
        return base_spec(data, {"type": "bar"}, enc, title=title, width="container")
    long = data.melt(id_vars=[group], value_vars=metrics, var_name="metric")
    long["metric"] = long["metric"].map(dict(zip(metrics, m_titles, strict=True)))
    enc = {
        "y": {"field": group, "type": "nominal", "title": g_title, "sort": order},
        "yOffset": {"field": "metric", "type": "nominal"},
        "x": {"field": "value", "type": "quantitative", "title": None},
        "color": {"field": "metric", "type": "nominal", "title": None},
        "tooltip": [
            {"field": group, "type": "nominal", "title": g_title},
            {"field": "metric", "type": "nominal", "title": note(lang, "metric")},
            {
                "field": "value",
                "type": "quantitative",
                "format": ",.2f",
                "title": note(lang, "value"),
            },
        ],
    }
    return base_spec(long, {"type": "bar"}, enc, title=title, width="container")


def stacked_bar_spec(
    data: pd.DataFrame,
    groups: list[str],
    metric: str,
    g_titles: list[str],
    m_title: str,
    title: str,
) -> dict:
    """Two categories as bars of the first, coloured by the second (top :data:`TOP_N` bars)."""
    totals = data.groupby(groups[0])[metric].sum().sort_values(ascending=False)
    keep = [str(v) for v in totals.index[:TOP_N]]
    shown = data[data[groups[0]].astype(str).isin(keep)]
    enc = {
        "y": {"field": groups[0], "type": "nominal", "title": g_titles[0], "sort": keep},
        "x": {"field": metric, "type": "quantitative", "title": m_title},
        "color": {"field": groups[1], "type": "nominal", "title": g_titles[1]},
        "tooltip": [
            {"field": c, "type": "nominal", "title": t}
            for c, t in zip(groups, g_titles, strict=True)
        ]
        + [{"field": metric, "type": "quantitative", "format": ",.2f", "title": m_title}],
    }
    return base_spec(shown, {"type": "bar"}, enc, title=title, width="container")


def scatter_spec(
    data: pd.DataFrame,
    group: str,
    metrics: list[str],
    g_title: str,
    m_titles: list[str],
    title: Any,
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
    spec = base_spec(
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


def fmt_number(value: object) -> str:
    if isinstance(value, float | int | decimal.Decimal) and not isinstance(value, bool):
        v = float(value)
        return f"{v:,.4g}" if abs(v) < 1 else f"{v:,.2f}".rstrip("0").rstrip(".")
    return str(value)
