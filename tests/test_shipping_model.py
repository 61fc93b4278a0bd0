"""Transit quantiles and the freight forecast on series whose truth is known by construction."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from lab.shipping.errors import MissingDataError
from lab.shipping.freight_forecast import FreightHistory
from lab.shipping.transit import fit_transit


def test_transit_quantiles_per_lane_and_mode_fallback():
    hist = pd.DataFrame(
        {
            "lane": ["CN-DE"] * 100 + ["CN-US"] * 3,
            "shipping_mode": ["sea"] * 103,
            "days": list(range(20, 40)) * 5 + [50, 50, 50],
        }
    )
    model = fit_transit(hist, min_samples=20)
    q = model.quantiles((0.5, 0.95)).set_index(["lane", "shipping_mode"])
    # 20..39 each 5 times: 50% reached at 29, 95% at 38
    assert q.loc[("CN-DE", "sea"), "q50"] == 29
    assert q.loc[("CN-DE", "sea"), "q95"] == 38
    # CN-US has 3 samples: it borrows the sea distribution over all lanes
    assert q.loc[("CN-US", "sea"), "source"] == "mode"
    assert q.loc[("CN-US", "sea"), "q95"] == 39
    idx = model.key_index(["CN-DE", "CN-JP", "CN-DE"], ["sea", "sea", "rail"])
    assert idx[2] == -1 and idx[1] >= 0
    p = model.p_within(idx, [29, 100, 29])
    assert p[0] == pytest.approx(0.5) and p[1] == 1.0 and p[2] == 0.0
    assert model.p_within(idx[:1], [-1])[0] == 0.0


def test_transit_without_history_is_a_clear_error():
    with pytest.raises(MissingDataError, match="shipments"):
        fit_transit(pd.DataFrame({"lane": [], "shipping_mode": [], "days": []}))


DOW = np.array([1.05, 1.0, 0.9, 0.95, 1.02, 1.05, 1.03])


def _series(days: int, slope: float, amp: float, noise: float, seed: int = 0):
    rng = np.random.default_rng(seed)
    dates = pd.date_range("2024-11-21", periods=days, freq="D")
    trend = 100 + slope * np.arange(days)
    season = 1 + amp * np.sin(2 * np.pi * (dates.day_of_year.to_numpy() - 80) / 365.25)
    truth = trend * DOW[dates.day_of_week.to_numpy()] * season
    price = truth * (1 + rng.normal(0, noise, days))
    frame = pd.DataFrame(
        {"index_date": dates, "lane": "CN-DE", "shipping_mode": "sea", "price_per_unit": price}
    )
    return frame, dates, truth


def test_forecast_recovers_weekly_pattern_and_trend():
    frame, dates, truth = _series(120, slope=0.3, amp=0.0, noise=0.005)
    hist = FreightHistory.from_frame(frame.iloc[:-14])
    fc = hist.fit(dates[-15])
    np.testing.assert_allclose(fc.dow_index[0], DOW / DOW.mean(), atol=0.01)
    assert fc.slope_per_day[0] / DOW.mean() == pytest.approx(0.3, rel=0.1)
    mean, lo, hi = fc.grid(dates[-14], 14)
    np.testing.assert_allclose(mean[0], truth[-14:], rtol=0.02)
    inside = (lo[0] <= truth[-14:]) & (truth[-14:] <= hi[0])
    assert inside.mean() >= 0.85
    assert fc.trend_pct_per_week()[0] > 0


def test_forecast_uses_yearly_seasonality_only_with_a_full_year():
    frame, dates, truth = _series(730, slope=0.0, amp=0.15, noise=0.005, seed=1)
    as_of = dates[-60]
    fc = FreightHistory.from_frame(frame).fit(as_of)
    mean, _, _ = fc.grid(as_of + pd.Timedelta(days=1), 56)
    future = truth[-59:-3]
    # the season turns over the next 8 weeks: the forecast must follow it
    err = np.abs(mean[0] / future - 1)
    assert err.mean() < 0.03 and err.max() < 0.06
    flat = FreightHistory.from_frame(frame.iloc[: len(dates) - 60 + 1]).fit(as_of)
    assert flat.woy_index[0].std() > 0.05  # a seasonal index was learned
    no_season = (
        mean[0]
        / fc.woy_index[0][
            (as_of + pd.to_timedelta(np.arange(1, 57), unit="D"))
            .isocalendar()
            .week.to_numpy(dtype=int)
        ]
    )
    assert np.abs(no_season / future - 1).mean() > 2 * err.mean()
    short = FreightHistory.from_frame(frame.iloc[:200]).fit(dates[199])
    assert np.all(short.woy_index == 1.0)


def test_forecast_prices_known_days_with_the_actual_quote_and_never_peeks():
    frame, dates, _ = _series(120, slope=0.3, amp=0.0, noise=0.02, seed=2)
    hist = FreightHistory.from_frame(frame)
    as_of = dates[80]
    fc = hist.fit(as_of)
    mean, lo, hi = fc.grid(dates[78], 4)
    assert mean[0, 0] == pytest.approx(frame["price_per_unit"].iloc[78])
    assert lo[0, 2] == hi[0, 2] == mean[0, 2]  # the as-of quote is known: no interval
    assert lo[0, 3] < mean[0, 3] < hi[0, 3]
    # changing quotes after the as-of date does not change the fit
    bumped = frame.copy()
    bumped.loc[bumped.index > 80, "price_per_unit"] *= 3
    fc2 = FreightHistory.from_frame(bumped).fit(as_of)
    assert fc2.level[0] == pytest.approx(fc.level[0])
    assert fc2.slope_per_day[0] == pytest.approx(fc.slope_per_day[0])
    with pytest.raises(MissingDataError, match="at least 14 days"):
        hist.fit(dates[5])
