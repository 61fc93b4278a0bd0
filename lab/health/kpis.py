"""The five operations KPIs against the industry baselines (2026 Q1 audit of 327 companies).

Why through the semantic layer: the same numbers must answer "what is our status sync delay?"
typed into the Ask page, so each KPI is a metric of the semantic model and is computed here
with ``semantic_layer.query(metrics=[...])``. The one exception is the automatic anomaly
detection rate, which compares the health checks' findings (when each was detectable) with
the reports of people in ``service_interactions`` (:mod:`lab.health.detection`): no labels,
so a real deployment computes it the same way.

KPI metric names are looked up by a list of accepted names, then by keywords, so a renamed
metric is still found; a KPI whose metric is missing is reported with a note, never invented.

>>> rate("sync_delay_minutes", 2.5)
'excellent'
>>> rate("self_service_resolution_rate", 0.35)
'better than average'
>>> rate("id_consistency_rate", 0.70)
'worse than average'
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import duckdb
import pandas as pd

from lab.health.detection import detection_rate
from lab.health.run import default_as_of, parse_as_of, run_checks
from semantic_layer import load_model, query


@dataclass(frozen=True)
class Kpi:
    """One KPI: its baseline, direction and the semantic metric that computes it."""

    key: str
    title: str
    title_zh: str
    unit: str  # "minutes" or "ratio"
    industry_average: float
    excellent: float
    higher_is_better: bool
    metric_names: tuple[str, ...]
    keywords: tuple[str, ...]
    definition: str


KPIS: tuple[Kpi, ...] = (
    Kpi("sync_delay_minutes", "status sync delay between systems (minutes)", "系统间状态同步延迟（分钟）",
        "minutes", 22.7, 3.0, False,
        ("status_sync_delay_minutes", "sync_delay_minutes", "avg_sync_delay_minutes",
         "status_sync_delay", "sync_delay"),
        ("sync", "delay"),
        "Average minutes between the first and each later system recording the same stage."),
    Kpi("reconciliation_automation_rate", "reconciliation automation rate", "对账自动化率",
        "ratio", 0.386, 0.95, True,
        ("reconciliation_automation_rate", "recon_automation_rate", "auto_reconciliation_rate"),
        ("automation",),
        "Share of money flows closed by automatic matching (no human decision)."),
    Kpi("self_service_resolution_rate", "customer self-service resolution rate", "客户自助解决率",
        "ratio", 0.312, 0.75, True,
        ("self_service_resolution_rate", "self_service_rate", "customer_self_service_rate"),
        ("self", "service"),
        "Share of customer service contacts resolved by self-service."),
    Kpi("anomaly_detection_rate", "automatic anomaly detection rate", "异常自动识别率",
        "ratio", 0.449, 0.88, True,
        (), (),
        "Anomalies (orders) the health checks flagged before any customer or staff report, over "
        "all anomalies that surfaced (flagged or reported: a complaint, or asking where the "
        "order is after its promised date), with the median lead time."),
    Kpi("id_consistency_rate", "cross-system order-ID consistency", "跨系统订单ID一致率",
        "ratio", 0.763, 1.0, True,
        ("order_id_consistency_rate", "id_consistency_rate", "cross_system_id_consistency_rate",
         "cross_system_id_consistency"),
        ("consisten",),
        "Share of orders whose every system reports an id the global id map holds."),
)  # fmt: skip
KPI_BY_KEY: dict[str, Kpi] = {k.key: k for k in KPIS}


def rate(key: str, value: float | None) -> str:
    """``excellent``, ``better than average``, ``worse than average`` or ``no data``."""
    kpi = KPI_BY_KEY[key]
    if value is None or pd.isna(value):
        return "no data"
    sign = 1 if kpi.higher_is_better else -1
    if sign * value >= sign * kpi.excellent:
        return "excellent"
    return (
        "better than average"
        if sign * value > sign * kpi.industry_average
        else "worse than average"
    )


def find_metric(metric_names: list[str], kpi: Kpi) -> str | None:
    """The model's metric for ``kpi``: an accepted name first, else one matching all keywords."""
    for name in kpi.metric_names:
        if name in metric_names:
            return name
    if kpi.keywords:
        hits = [m for m in metric_names if all(k in m.lower() for k in kpi.keywords)]
        return sorted(hits, key=len)[0] if hits else None
    return None


def _model_metrics(model: Any) -> list[str]:
    metrics = getattr(model, "metrics", None)
    if isinstance(metrics, Mapping):
        return list(metrics)
    return [getattr(m, "name", str(m)) for m in metrics or []]


def _semantic_value(con: duckdb.DuckDBPyConnection, model: Any, metric: str) -> float | None:
    df = query(metrics=[metric], model=model, con=con).df
    if df.empty:
        return None
    value = df[metric].iloc[0] if metric in df.columns else df.iloc[0, -1]
    return None if pd.isna(value) else float(value)


def compute_kpis(
    con: duckdb.DuckDBPyConnection,
    *,
    model: Any = None,
    as_of: Any = None,
    thresholds: Mapping[str, Any] | None = None,
    findings: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Every KPI with its value, the baselines, a rating, and where the number came from.

    Args:
        con: warehouse connection.
        model: semantic model (object or directory); None = the built-in model.
        as_of / thresholds: passed to the health checks for the detection rate.
        findings: precomputed :func:`lab.health.run_checks` output (its ``as_of`` is used).
    """

    sem = load_model(model) if model is None or not hasattr(model, "metrics") else model
    names = _model_metrics(sem)
    rows = []
    for kpi in KPIS:
        value: float | None = None
        source, note = "", ""
        if kpi.key == "anomaly_detection_rate":
            if findings is None:
                when = parse_as_of(as_of) or default_as_of(con)
                findings = run_checks(con, as_of=when, thresholds=thresholds)
            when = findings.attrs.get("as_of") or parse_as_of(as_of) or default_as_of(con)
            try:
                detection = detection_rate(con, findings, when)
            except duckdb.Error as exc:  # no service_interactions: say so, invent nothing
                note = f"cannot read the reports of people (service_interactions): {exc}"
            else:
                value = detection.rate
                source = "health findings (detected_at) vs service_interactions reports"
                note = detection.note()
        else:
            metric = find_metric(names, kpi)
            if metric is None:
                note = (
                    f"the semantic model has no metric for this KPI (looked for "
                    f"{', '.join(kpi.metric_names)}); add one to semantic_layer/models/"
                )
            else:
                value = _semantic_value(con, sem, metric)
                source = f"semantic_layer metric {metric}"
                if value is None:
                    note = (
                        f"no data for {metric} in the warehouse yet: its tables are written by "
                        "another step (e.g. the reconciliation run fills recon_flow_status)"
                    )
        rows.append(
            {
                "kpi": kpi.key,
                "title": kpi.title,
                "title_zh": kpi.title_zh,
                "unit": kpi.unit,
                "value": value,
                "industry_average": kpi.industry_average,
                "excellent": kpi.excellent,
                "rating": rate(kpi.key, value),
                "source": source,
                "definition": kpi.definition,
                "note": note,
            }
        )
    out = pd.DataFrame(rows)
    out.attrs["computed_at"] = dt.datetime.now().isoformat(timespec="seconds")
    return out


def format_kpi(value: float | None, unit: str) -> str:
    """``12.3 min`` or ``45.6%``; ``—`` when missing.

    >>> format_kpi(0.4567, "ratio"), format_kpi(3.21, "minutes"), format_kpi(None, "ratio")
    ('45.7%', '3.2 min', '—')
    """
    if value is None or pd.isna(value):
        return "—"
    return f"{value:.1f} min" if unit == "minutes" else f"{100 * value:.1f}%"
