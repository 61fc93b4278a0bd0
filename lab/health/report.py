"""Charts and exports of the health notebook (kept here so the notebook stays thin and tested).

Why Altair on aggregated frames: the notebook charts counts per severity/check and one row per
KPI, never the raw findings, so charts stay small whatever the warehouse size.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import altair as alt
import pandas as pd

from lab.health.checks import SEVERITIES
from lab.health.kpis import format_kpi
from lab.spreadsheet_cells import inert_frame

SEVERITY_COLORS = {"critical": "#cf222e", "high": "#fb8500", "medium": "#d4a72c", "low": "#8c959f"}


def severity_chart(summary: pd.DataFrame) -> alt.Chart:
    """Findings per check, coloured by severity (input: :func:`lab.health.summarize`)."""
    return (
        alt.Chart(summary, title="Health findings per check")
        .mark_bar()
        .encode(
            x=alt.X("findings:Q", title="findings"),
            y=alt.Y("check:N", sort="-x", title=None),
            color=alt.Color(
                "severity:N",
                scale=alt.Scale(
                    domain=list(SEVERITIES), range=[SEVERITY_COLORS[s] for s in SEVERITIES]
                ),
            ),
            tooltip=["check", "title", "severity", "findings"],
        )
    )


def kpi_frame(kpis: pd.DataFrame) -> pd.DataFrame:
    """Long frame for the KPI chart: ours / industry average / excellent per KPI, in % or min."""
    rows = []
    for r in kpis.itertuples(index=False):
        scale = 1.0 if r.unit == "minutes" else 100.0
        for label, value in (
            ("ours", r.value),
            ("industry average", r.industry_average),
            ("excellent", r.excellent),
        ):
            if value is not None and not pd.isna(value):
                rows.append(
                    {
                        "kpi": r.title,
                        "series": label,
                        "value": float(value) * scale,
                        "unit": "min" if r.unit == "minutes" else "%",
                    }
                )
    return pd.DataFrame(rows, columns=["kpi", "series", "value", "unit"])


def kpi_chart(kpis: pd.DataFrame) -> alt.Chart:
    """Our value against the industry average and the excellent mark, one row per KPI."""
    data = kpi_frame(kpis)
    return (
        alt.Chart(data, title="KPIs vs industry baselines (2026 Q1, 327 companies)")
        .mark_point(filled=True, size=120)
        .encode(
            x=alt.X("value:Q", title=None),
            y=alt.Y("series:N", title=None, sort=["ours", "industry average", "excellent"]),
            color=alt.Color(
                "series:N",
                scale=alt.Scale(
                    domain=["ours", "industry average", "excellent"],
                    range=["#0969da", "#8c959f", "#1a7f37"],
                ),
            ),
            row=alt.Row("kpi:N", title=None, header=alt.Header(labelAngle=0, labelAlign="left")),
            tooltip=["kpi", "series", alt.Tooltip("value:Q", format=".1f"), "unit"],
        )
        .resolve_scale(x="independent")
        .properties(height=60, width=360)
    )


def kpi_table(kpis: pd.DataFrame) -> pd.DataFrame:
    """The KPI table people read: formatted values and ratings."""
    return pd.DataFrame(
        {
            "KPI": kpis["title"],
            "指标": kpis["title_zh"],
            "ours": [format_kpi(v, u) for v, u in zip(kpis["value"], kpis["unit"], strict=True)],
            "industry average": [
                format_kpi(v, u)
                for v, u in zip(kpis["industry_average"], kpis["unit"], strict=True)
            ],
            "excellent": [
                format_kpi(v, u) for v, u in zip(kpis["excellent"], kpis["unit"], strict=True)
            ],
            "rating": kpis["rating"],
            "source": kpis["source"],
            "note": kpis["note"],
        }
    )


def export_findings(findings: pd.DataFrame, output_dir: str | Path) -> dict[str, str]:
    """Write all findings and one CSV per check (the exportable lists); return the paths."""
    out = Path(output_dir)
    out.mkdir(parents=True, exist_ok=True)
    paths = {"all": str(out / "findings.csv")}
    inert_frame(findings).to_csv(paths["all"], index=False)  # warehouse text stays text
    for check, part in findings.groupby("check"):
        path = out / f"findings_{check}.csv"
        inert_frame(part).to_csv(path, index=False)
        paths[str(check)] = str(path)
    return paths


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if value is None or isinstance(value, str | bool | int):
        return value
    if isinstance(value, float):
        return None if pd.isna(value) else value
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if hasattr(value, "item"):
        return value.item()
    return str(value)


def write_result(output_dir: str | Path, result: dict[str, Any]) -> Path:
    """Write ``result.json`` (the notebook's return value) with JSON-safe values."""
    path = Path(output_dir) / "result.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(_jsonable(result), ensure_ascii=False, indent=2), encoding="utf-8")
    return path
