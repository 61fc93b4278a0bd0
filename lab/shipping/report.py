"""What the shipping-window notebook shows, computed in one call so the notebook stays thin.

Why here: the notebook's tables, chart and ``result.json`` are tested like any other code;
the notebook only passes its parameters and displays what comes back. Nothing is written to
the warehouse (the notebook opens it read-only); storing proposals for review is
``orderlens windows recommend``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import altair as alt
import pandas as pd

from connectors.warehouse import connect, default_db_path
from lab.shipping.backtest import BacktestResult, run_backtest
from lab.shipping.freight_forecast import FreightHistory, load_freight_index
from lab.shipping.recommend import WindowParams, recommend
from lab.shipping.windows import windows_by_lane_week

TABLE_COLUMNS = [
    "order_id", "destination_country", "lane", "shipping_mode", "units", "ready_date",
    "recommended_ship_date", "delay_days", "promised_delivery_date", "expected_saving", "p_late",
]  # fmt: skip


@dataclass
class WindowReport:
    """Everything the notebook displays."""

    as_of: date
    params: WindowParams
    plan: pd.DataFrame
    recommendations: pd.DataFrame
    by_lane: pd.DataFrame
    windows: pd.DataFrame  # per lane, week and delay, with the saving per unit
    chart: alt.LayerChart | None
    chart_series: tuple[str, str] | None
    backtest: BacktestResult | None

    def to_result(self) -> dict:
        """The ``result.json`` payload (plain JSON types)."""
        recs = self.recommendations.copy()
        for col in ("ready_date", "recommended_ship_date", "promised_delivery_date"):
            recs[col] = pd.to_datetime(recs[col]).dt.strftime("%Y-%m-%d")
        bt = self.backtest.summary if self.backtest else None
        return {
            "as_of": self.as_of.isoformat(),
            "params": vars(self.params),
            "pending_orders": len(self.plan),
            "recommended": len(self.recommendations),
            "expected_saving_total": round(float(self.recommendations["expected_saving"].sum()), 2),
            "by_lane": json.loads(self.by_lane.to_json(orient="records")),
            "windows": json.loads(
                self.windows.to_json(orient="records", date_format="iso", force_ascii=False)
            ),
            "recommendations": json.loads(recs.to_json(orient="records", force_ascii=False)),
            "chart_series": list(self.chart_series) if self.chart_series else None,
            "backtest": bt,
            "eval_line": self.backtest.line() if self.backtest else None,
        }


def savings_by_lane(plan: pd.DataFrame) -> pd.DataFrame:
    """Pending orders, delayed orders and expected saving per lane and mode."""
    if plan.empty:
        return pd.DataFrame(
            columns=["lane", "shipping_mode", "orders", "delayed", "expected_saving"]
        )
    return (
        plan.assign(delayed=plan["delay_days"] > 0)
        .groupby(["lane", "shipping_mode"], as_index=False)
        .agg(
            orders=("order_id", "size"),
            delayed=("delayed", "sum"),
            expected_saving=("expected_saving", "sum"),
        )
        .sort_values("expected_saving", ascending=False, ignore_index=True)
    )


def index_window_chart(
    history: FreightHistory,
    plan: pd.DataFrame,
    lane: str,
    mode: str,
    as_of,
    params: WindowParams,
    past_days: int = 90,
) -> alt.LayerChart:
    """Freight index of one lane/mode (actual, then forecast with its interval) with the
    recommended shipping window shaded (earliest ready → latest recommended date)."""
    as_of = pd.Timestamp(as_of)
    fc = history.fit(as_of, params.lookback_weeks)
    k = int(history.key_index([lane], [mode])[0])
    start = as_of - pd.Timedelta(days=past_days)
    days = past_days + params.horizon_days + 1
    actual = history.actual_grid(pd.date_range(start, periods=days), upto=as_of)[k]
    mean, lo, hi = fc.grid(as_of + pd.Timedelta(days=1), params.horizon_days)
    frame = pd.concat([
        pd.DataFrame({"date": pd.date_range(start, periods=days), "price": actual,
                      "series": "index (actual)"}).dropna(),
        pd.DataFrame({"date": pd.date_range(as_of + pd.Timedelta(days=1),
                                            periods=params.horizon_days),
                      "price": mean[k], "lo": lo[k], "hi": hi[k], "series": "forecast"}),
    ], ignore_index=True)  # fmt: skip
    sel = plan[(plan["lane"] == lane) & (plan["shipping_mode"] == mode) & (plan["delay_days"] > 0)]
    window = pd.DataFrame({
        "start": [sel["ready_date"].min() if len(sel) else as_of],
        "end": [sel["recommended_ship_date"].max() if len(sel) else as_of],
    })  # fmt: skip
    base = alt.Chart(frame).encode(x=alt.X("date:T", title="date"))
    shade = (
        alt.Chart(window).mark_rect(opacity=0.2, color="#2ca02c").encode(x="start:T", x2="end:T")
    )
    band = (
        base.transform_filter(alt.datum.series == "forecast")
        .mark_area(opacity=0.25)
        .encode(y="lo:Q", y2="hi:Q")
    )
    line = base.mark_line().encode(
        y=alt.Y("price:Q", title="CNY per unit", scale=alt.Scale(zero=False)),
        color=alt.Color("series:N", title=None),
        strokeDash=alt.StrokeDash("series:N", legend=None),
    )
    # ``+`` layers charts and is typed LayerChart; alt.layer() may also return a FacetChart
    return (shade + band + line).properties(
        title=f"{lane} {mode}: freight index, forecast and recommended window", width=640
    )


def build_window_report(
    db: str | Path | None = None,
    as_of: str | date | None = None,
    horizon_days: int = 21,
    min_saving: float = 0.0,
    on_time_target: float = 0.95,
    with_backtest: bool = True,
) -> WindowReport:
    """Plan the pending export orders of ``db`` at ``as_of`` (default: last index day)."""
    params = WindowParams(horizon_days=horizon_days, min_saving=min_saving,
                          on_time_target=on_time_target)  # fmt: skip
    con = connect(db or default_db_path(), read_only=True)
    try:
        history = FreightHistory.from_frame(load_freight_index(con))
        day = pd.Timestamp(as_of).date() if as_of else history.dates[-1].date()
        plan = recommend(con, day, params)
        backtest = run_backtest(con, params) if with_backtest else None
    finally:
        con.close()
    recs = plan.loc[plan["delay_days"] > 0, TABLE_COLUMNS].sort_values(
        "expected_saving", ascending=False, ignore_index=True
    )
    lanes = savings_by_lane(plan)
    series = None
    chart = None
    if len(lanes) and lanes["expected_saving"].iloc[0] > 0:
        series = (str(lanes["lane"].iloc[0]), str(lanes["shipping_mode"].iloc[0]))
        chart = index_window_chart(history, plan, *series, day, params)
    windows = windows_by_lane_week(plan, day)
    return WindowReport(day, params, plan, recs, lanes, windows, chart, series, backtest)
