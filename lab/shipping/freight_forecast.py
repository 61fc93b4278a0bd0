"""Forecast the freight price per unit from the daily freight index, with an interval.

Why this model: a planner must be able to read the reason for "wait 3 days" off the evidence.
The forecast is a product of three parts, each estimated only from quotes dated on or before
the as-of date:

* **day-of-week index** — mean ratio of each quote to its centred 7-day mean over the last year
  (the index is cheaper mid-week);
* **week-of-year index** — needs a full year of history: weekly means (day-of-week removed)
  divided by a robust (Theil–Sen) linear trend over all history, averaged per ISO week,
  smoothed over ±1 week (peaks before 双11 / Christmas, Chinese New Year);
* **recent trend** — Theil–Sen line through the last ``lookback_weeks`` of the deseasonalised
  quotes, extrapolated.

The interval multiplies the forecast by the 5% / 95% quantiles of the in-window log residuals,
widened by ``sqrt(1 + h / lookback_days)`` for a forecast ``h`` days ahead. Days on or before
the as-of date are priced with the actual quote when there is one (it is known).

>>> import numpy as np, pandas as pd
>>> days = pd.date_range("2025-01-06", periods=140, freq="D")
>>> price = 100 + 0.5 * np.arange(140) + np.where(days.day_of_week == 2, -10.0, 0.0)
>>> hist = FreightHistory.from_frame(pd.DataFrame({"index_date": days, "lane": "CN-DE",
...     "shipping_mode": "sea", "price_per_unit": price}))
>>> fc = hist.fit(days[-1], lookback_weeks=8)
>>> round(float(fc.slope_per_day[0]), 1)
0.5
>>> mean, lo, hi = fc.grid(days[-1] + pd.Timedelta(days=1), 7)
>>> bool(mean[0].argmin() == list(pd.date_range(days[-1], periods=8)[1:].day_of_week).index(2))
True
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from datetime import date

import duckdb
import numpy as np
import pandas as pd

from lab.shipping.errors import MissingDataError

LOOKBACK_WEEKS = 8
MIN_DAYS_FOR_TREND = 14
MIN_DAYS_FOR_SEASON = 364


def load_freight_index(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """The whole ``freight_index`` table as a DataFrame (dates as Timestamps, prices as floats)."""
    df = con.execute(
        "select index_date, lane, shipping_mode, price_per_unit::double as price_per_unit "
        "from freight_index"
    ).df()
    if df.empty:
        raise MissingDataError(
            "the `freight_index` table is empty: load daily freight quotes per lane and mode "
            "before asking for shipping windows"
        )
    df["index_date"] = pd.to_datetime(df["index_date"])
    return df


def _theil_sen(y: np.ndarray, t: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Row-wise Theil–Sen slope and intercept (at t = 0), ignoring NaNs."""
    i, j = np.triu_indices(len(t), k=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        slopes = (y[:, j] - y[:, i]) / (t[j] - t[i])
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        b = np.nanmedian(slopes, axis=1)
        b = np.where(np.isnan(b), 0.0, b)
        a = np.nanmedian(y - b[:, None] * t[None, :], axis=1)
    return b, a


def _nanmean_by(values: np.ndarray, groups: np.ndarray, n_groups: int) -> np.ndarray:
    """Row-wise mean of ``values`` (S × D) per group label of each column; NaN where empty."""
    ok = ~np.isnan(values)
    onehot = np.zeros((len(groups), n_groups))
    onehot[np.arange(len(groups)), groups] = 1.0
    sums = np.where(ok, values, 0.0) @ onehot
    counts = ok.astype(float) @ onehot
    with np.errstate(invalid="ignore", divide="ignore"):
        return sums / counts


@dataclass(frozen=True)
class FreightForecast:
    """A fitted forecast for every (lane, mode) series of a :class:`FreightHistory`."""

    keys: pd.DataFrame
    as_of: pd.Timestamp
    level: np.ndarray  # deseasonalised trend level at the as-of date, per series
    slope_per_day: np.ndarray  # deseasonalised trend slope (CNY per unit per day)
    dow_index: np.ndarray  # (S, 7), Monday = 0
    woy_index: np.ndarray  # (S, 54), ISO week 1..53 (0 unused)
    resid_lo: np.ndarray
    resid_hi: np.ndarray
    lookback_days: int
    history: FreightHistory

    def trend_pct_per_week(self) -> np.ndarray:
        """Recent trend as a percentage of the current level per week (evidence)."""
        with np.errstate(invalid="ignore", divide="ignore"):
            return 100.0 * 7.0 * self.slope_per_day / self.level

    def grid(self, start, n_days: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Mean, low and high price per unit for every series (rows) and day (columns).

        Days on or before the as-of date with a quote get the quote itself (no interval).
        """
        dates = pd.date_range(pd.Timestamp(start), periods=n_days, freq="D")
        h = ((dates - self.as_of).days).to_numpy(dtype=float)
        trend = self.level[:, None] + self.slope_per_day[:, None] * h[None, :]
        trend = np.maximum(trend, 0.05 * self.level[:, None])
        season = (
            self.dow_index[:, dates.day_of_week.to_numpy()]
            * self.woy_index[:, dates.isocalendar().week.to_numpy(dtype=np.int64)]
        )
        mean = trend * season
        widen = np.sqrt(1.0 + np.maximum(h, 0.0) / self.lookback_days)[None, :]
        lo = mean * np.exp(self.resid_lo[:, None] * widen)
        hi = mean * np.exp(self.resid_hi[:, None] * widen)
        known = self.history.actual_grid(dates, upto=self.as_of)
        has = ~np.isnan(known)
        return np.where(has, known, mean), np.where(has, known, lo), np.where(has, known, hi)


@dataclass(frozen=True)
class FreightHistory:
    """The freight index as a dense matrix: one row per (lane, mode), one column per day."""

    keys: pd.DataFrame
    dates: pd.DatetimeIndex
    prices: np.ndarray

    @classmethod
    def from_frame(cls, df: pd.DataFrame) -> FreightHistory:
        """Pivot (index_date, lane, shipping_mode, price_per_unit) rows into the matrix."""
        if df.empty:
            raise MissingDataError("the freight index is empty: nothing to forecast from")
        wide = df.pivot_table(
            index=["lane", "shipping_mode"],
            columns="index_date",
            values="price_per_unit",
            aggfunc="mean",
        )
        dates = pd.date_range(wide.columns.min(), wide.columns.max(), freq="D")
        wide = wide.reindex(columns=dates)
        keys = wide.index.to_frame(index=False)
        keys["lane"] = keys["lane"].astype(object)
        keys["shipping_mode"] = keys["shipping_mode"].astype(object)
        return cls(keys=keys, dates=dates, prices=wide.to_numpy(dtype=float))

    def key_index(self, lanes, modes) -> np.ndarray:
        """Row for each (lane, mode); -1 when the index has no such series."""
        lookup = {(r.lane, r.shipping_mode): i for i, r in enumerate(self.keys.itertuples())}
        return np.array(
            [lookup.get((lane, m), -1) for lane, m in zip(lanes, modes, strict=True)],
            dtype=np.int64,
        )

    def actual_grid(self, dates: pd.DatetimeIndex, upto=None) -> np.ndarray:
        """Actual quotes on ``dates`` (NaN where missing or after ``upto``)."""
        pos = (dates - self.dates[0]).days.to_numpy()
        ok = (pos >= 0) & (pos < len(self.dates))
        if upto is not None:
            ok &= dates.to_numpy() <= np.datetime64(pd.Timestamp(upto))
        out = np.full((len(self.keys), len(dates)), np.nan)
        out[:, ok] = self.prices[:, pos[ok]]
        return out

    def fit(self, as_of, lookback_weeks: int = LOOKBACK_WEEKS) -> FreightForecast:
        """Fit every series on the quotes dated on or before ``as_of`` (nothing later is used)."""
        as_of = pd.Timestamp(as_of)
        n = int((as_of - self.dates[0]).days) + 1
        if n < MIN_DAYS_FOR_TREND:
            raise MissingDataError(
                f"the freight index starts {self.dates[0].date()}: at least {MIN_DAYS_FOR_TREND} "
                f"days of quotes before {as_of.date()} are needed for a forecast"
            )
        n = min(n, len(self.dates))
        dates = self.dates[:n]
        p = self.prices[:, :n]
        s = len(self.keys)

        # day-of-week index over the last year: ratio to the centred 7-day mean
        recent = slice(max(0, n - 364), n)
        roll = pd.DataFrame(p[:, recent].T).rolling(7, center=True, min_periods=7).mean()
        ratio = p[:, recent] / roll.to_numpy().T
        dow = _nanmean_by(ratio, dates[recent].day_of_week.to_numpy(), 7)
        dow = np.where(np.isnan(dow), 1.0, dow)
        dow = dow / dow.mean(axis=1, keepdims=True)

        # week-of-year index, only with a full year of quotes
        woy = np.ones((s, 54))
        iso = dates.isocalendar()
        week = iso.week.to_numpy(dtype=np.int64)
        if n >= MIN_DAYS_FOR_SEASON:
            z1 = p / dow[:, dates.day_of_week.to_numpy()]
            week_id = (iso.year.to_numpy(dtype=np.int64) - iso.year.iloc[0]) * 53 + week
            uniq, wid = np.unique(week_id, return_inverse=True)
            weekly = _nanmean_by(z1, wid, len(uniq))
            t_w = np.arange(len(uniq), dtype=float)
            b_w, a_w = _theil_sen(weekly, t_w)
            rel = weekly / (a_w[:, None] + b_w[:, None] * t_w[None, :])
            woy_of_week = np.array([week[wid == k][0] for k in range(len(uniq))])
            by_woy = _nanmean_by(rel, woy_of_week, 54)[:, 1:]  # weeks 1..53
            filled = np.where(np.isnan(by_woy), 1.0, by_woy)
            smooth = (np.roll(filled, 1, axis=1) + filled + np.roll(filled, -1, axis=1)) / 3.0
            smooth = np.where(np.isnan(by_woy), 1.0, smooth)
            smooth = smooth / np.nanmean(smooth[:, :52], axis=1, keepdims=True)
            woy[:, 1:] = smooth
        season = dow[:, dates.day_of_week.to_numpy()] * woy[:, week]

        # recent robust trend on the deseasonalised quotes, t = 0 at the as-of date
        look = min(lookback_weeks * 7, n)
        z = p[:, n - look :] / season[:, n - look :]
        t = np.arange(-look + 1, 1, dtype=float)
        slope, level = _theil_sen(z, t)
        fitted = (level[:, None] + slope[:, None] * t[None, :]) * season[:, n - look :]
        with np.errstate(invalid="ignore", divide="ignore"):
            resid = np.log(p[:, n - look :] / fitted)
        lo = np.nan_to_num(
            np.nanquantile(np.where(np.isfinite(resid), resid, np.nan), 0.05, axis=1)
        )
        hi = np.nan_to_num(
            np.nanquantile(np.where(np.isfinite(resid), resid, np.nan), 0.95, axis=1)
        )
        return FreightForecast(
            keys=self.keys,
            as_of=as_of,
            level=level,
            slope_per_day=slope,
            dow_index=dow,
            woy_index=woy,
            resid_lo=lo,
            resid_hi=hi,
            lookback_days=look,
            history=self,
        )


def fit_freight_forecast(
    con: duckdb.DuckDBPyConnection, as_of: date, lookback_weeks: int = LOOKBACK_WEEKS
) -> FreightForecast:
    """Load the warehouse's freight index and fit the forecast at ``as_of``."""
    return FreightHistory.from_frame(load_freight_index(con)).fit(as_of, lookback_weeks)
