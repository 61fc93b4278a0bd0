"""Replay the shipment history: the window policy against "ship as soon as ready".

How (and why it is fair):

* every past export shipment (first delivered shipment of its order) is re-planned on its own
  ready date with :func:`lab.shipping.recommend.plan_windows`, using only what was known that
  day: freight quotes dated on or before it, transit times of deliveries completed before the
  start of its month (refitted monthly), the customs calendar (published in advance) and the
  stock snapshot of that day;
* both policies are priced with the **actual** index: baseline = units × quote on the ready
  date, policy = units × quote on the recommended date;
* delivery: the shipment's own transit is reused — its outbound lag after ready and its base
  transit (delivered − outbound scan, minus the customs hold its arrival day got) — shifted by the delay, and the customs
  calendar is re-applied on the new arrival day; on time = delivered on or before the promise;
* shipments too early to have ``warmup_days`` of quotes, or so late that the recommended date
  could fall after the last quote, are left out of both sides.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import duckdb
import numpy as np
import pandas as pd

from lab.shipping.calendar import delay_grid, load_calendar
from lab.shipping.errors import MissingDataError
from lab.shipping.freight_forecast import FreightHistory, load_freight_index
from lab.shipping.recommend import WindowParams, plan_windows
from lab.shipping.stock import days_of_cover
from lab.shipping.transit import TransitModel, fit_transit, load_transit_history

WARMUP_DAYS = 56
PLAN_COLUMNS = [
    "order_id",
    "delay_days",
    "recommended_ship_date",
    "expected_saving",
    "forecast_saving",
]

_SHIPMENTS_SQL = """
select s.order_id, s.lane, s.shipping_mode, s.destination_country,
       coalesce(s.units, 1)::bigint as units,
       s.ready_at::date as ready_date,
       coalesce(s.outbound_scan_at, s.pickup_at)::date as pickup_date,
       s.delivered_at::date as delivered_date,
       o.promised_delivery_date
from shipments s
join orders o on o.order_id = s.order_id
where s.destination_country <> 'CN' and s.lane <> 'CN-CN'
  and s.ready_at is not null and coalesce(s.outbound_scan_at, s.pickup_at) is not null
  and s.delivered_at is not null
  and o.promised_delivery_date is not null
qualify row_number() over (partition by s.order_id order by s.ready_at) = 1
"""


@dataclass
class BacktestResult:
    """Per-shipment replay rows plus the headline figures."""

    rows: pd.DataFrame
    summary: dict = field(default_factory=dict)
    by_lane: pd.DataFrame = field(default_factory=pd.DataFrame)

    def line(self) -> str:
        """The ``make eval`` line."""
        s = self.summary
        return (
            f"windows-eval: saving={s['saving_pct']:.2f}% "
            f"ontime_policy={s['ontime_policy_pct']:.2f}% "
            f"ontime_baseline={s['ontime_baseline_pct']:.2f}% "
            f"realised_vs_expected={s['realised_vs_expected_pct']:.1f}%"
        )


def _base_transit(ships: pd.DataFrame, calendar: pd.DataFrame, day0: pd.Timestamp) -> np.ndarray:
    """Transit without the customs hold: the d with delay(delivered − d) == d (else d = 0)."""
    countries = sorted(ships["destination_country"].unique())
    span = int((ships["delivered_date"].max() - day0).days) + 2
    grid = delay_grid(calendar, countries, day0, span)
    row = ships["destination_country"].map({c: i for i, c in enumerate(countries)}).to_numpy()
    total = (ships["delivered_date"] - ships["pickup_date"]).dt.days.to_numpy()
    dpos = (ships["delivered_date"] - day0).dt.days.to_numpy()
    hold = np.zeros(len(ships), dtype=np.int64)
    for d in range(int(grid.max(initial=0)), 0, -1):
        pos = np.clip(dpos - d, 0, span - 1)
        hit = (grid[row, pos] == d) & (hold == 0)
        hold = np.where(hit, d, hold)
    return np.maximum(total - hold, 0)


def run_backtest(
    con: duckdb.DuckDBPyConnection,
    params: WindowParams | None = None,
    warmup_days: int = WARMUP_DAYS,
) -> BacktestResult:
    """Replay every eligible past export shipment; see the module docstring for the rules."""
    params = params or WindowParams()
    ships = con.execute(_SHIPMENTS_SQL).df()
    if ships.empty:
        raise MissingDataError(
            "no delivered export shipments to replay: `shipments` needs export rows with "
            "ready_at, pickup_at and delivered_at"
        )
    for col in ("ready_date", "pickup_date", "delivered_date", "promised_delivery_date"):
        ships[col] = pd.to_datetime(ships[col])
    history = FreightHistory.from_frame(load_freight_index(con))
    first, last = history.dates[0], history.dates[-1]
    ships = ships[
        (ships["ready_date"] >= first + pd.Timedelta(days=warmup_days))
        & (ships["ready_date"] + pd.Timedelta(days=params.horizon_days) <= last)
    ].reset_index(drop=True)
    if ships.empty:
        raise MissingDataError("no export shipment falls inside the freight index history")
    calendar = load_calendar(con)
    transit_hist = load_transit_history(con)
    day0 = min(ships["pickup_date"].min(), ships["ready_date"].min()) - pd.Timedelta(days=10)
    ships["base_transit"] = _base_transit(ships, calendar, day0)
    ships["pickup_lag"] = (ships["pickup_date"] - ships["ready_date"]).dt.days.clip(lower=0)
    if params.respect_stock_cover:
        cover = days_of_cover(con, ships.assign(as_of=ships["ready_date"]))
        ships = ships.merge(cover, on="order_id", how="left")

    plans = []
    transit_cache: dict[pd.Timestamp, TransitModel | None] = {}
    for as_of, group in ships.groupby("ready_date", sort=True):
        month = as_of.replace(day=1)
        if month not in transit_cache:
            known = transit_hist[transit_hist["delivered_date"] < month]
            transit_cache[month] = fit_transit(known) if len(known) else None
        transit = transit_cache[month]
        if transit is None:
            plan = group.assign(delay_days=0, recommended_ship_date=group["ready_date"],
                                expected_saving=0.0, forecast_saving=0.0)  # fmt: skip
        else:
            plan = plan_windows(group, as_of, transit, history.fit(as_of, params.lookback_weeks),
                                calendar, params)  # fmt: skip
        plans.append(plan[PLAN_COLUMNS])
    rows = ships.merge(pd.concat(plans, ignore_index=True), on="order_id", how="left")

    f_idx = history.key_index(rows["lane"].to_numpy(object), rows["shipping_mode"].to_numpy(object))
    pos_ready = (rows["ready_date"] - first).dt.days.to_numpy()
    pos_policy = (rows["recommended_ship_date"] - first).dt.days.to_numpy()
    ok = f_idx >= 0
    rows = rows[ok].reset_index(drop=True)
    f_idx, pos_ready, pos_policy = f_idx[ok], pos_ready[ok], pos_policy[ok]
    units = rows["units"].to_numpy(dtype=float)
    rows["baseline_cost"] = units * history.prices[f_idx, pos_ready]
    rows["policy_cost"] = units * history.prices[f_idx, pos_policy]
    rows = rows[rows[["baseline_cost", "policy_cost"]].notna().all(axis=1)].reset_index(drop=True)

    countries = sorted(rows["destination_country"].unique())
    span = int((rows["delivered_date"].max() - day0).days) + params.horizon_days + 60
    grid = delay_grid(calendar, countries, day0, span)
    crow = rows["destination_country"].map({c: i for i, c in enumerate(countries)}).to_numpy()

    def _delivered(ship_date: pd.Series) -> pd.Series:
        arrive = ship_date + pd.to_timedelta(rows["pickup_lag"] + rows["base_transit"], unit="D")
        pos = np.clip((arrive - day0).dt.days.to_numpy(), 0, span - 1)
        return arrive + pd.to_timedelta(grid[crow, pos], unit="D")

    rows["baseline_delivered"] = _delivered(rows["ready_date"])
    rows["policy_delivered"] = _delivered(rows["recommended_ship_date"])
    rows["baseline_on_time"] = rows["baseline_delivered"] <= rows["promised_delivery_date"]
    rows["policy_on_time"] = rows["policy_delivered"] <= rows["promised_delivery_date"]
    base, pol = rows["baseline_cost"].sum(), rows["policy_cost"].sum()
    delayed = rows[rows["delay_days"] > 0]
    realised = delayed["baseline_cost"] - delayed["policy_cost"]
    promised = float(delayed["expected_saving"].sum())
    point = float(delayed["forecast_saving"].sum())
    summary = {
        "shipments": len(rows),
        "delayed": int((rows["delay_days"] > 0).sum()),
        "baseline_cost": round(float(base), 2),
        "policy_cost": round(float(pol), 2),
        "saving": round(float(base - pol), 2),
        "saving_pct": float(100 * (base - pol) / base) if base else 0.0,
        "ontime_baseline_pct": float(100 * rows["baseline_on_time"].mean()),
        "ontime_policy_pct": float(100 * rows["policy_on_time"].mean()),
        # calibration on the delayed shipments: realised saving (actual index) / the promise
        "promised_saving": round(promised, 2),
        "realised_saving": round(float(realised.sum()), 2),
        "forecast_saving": round(point, 2),
        "realised_vs_expected_pct": float(100 * realised.sum() / promised) if promised else 0.0,
        "realised_vs_forecast_pct": float(100 * realised.sum() / point) if point else 0.0,
        "delayed_dearer_pct": float(100 * (realised < 0).mean()) if len(delayed) else 0.0,
        "params": {k: v for k, v in vars(params).items()},
    }
    by_lane = (
        rows.groupby(["lane", "shipping_mode"])
        .agg(
            shipments=("order_id", "size"),
            delayed=("delay_days", lambda s: int((s > 0).sum())),
            baseline_cost=("baseline_cost", "sum"),
            policy_cost=("policy_cost", "sum"),
            ontime_baseline=("baseline_on_time", "mean"),
            ontime_policy=("policy_on_time", "mean"),
        )
        .reset_index()
    )
    by_lane["saving_pct"] = 100 * (1 - by_lane["policy_cost"] / by_lane["baseline_cost"])
    return BacktestResult(rows=rows, summary=summary, by_lane=by_lane)
