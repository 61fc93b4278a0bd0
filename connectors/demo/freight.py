"""Export-planning data: daily freight price index, customs calendar, overseas stock.

Why: the shipping-window planner needs prices with a realistic shape (trend, cheaper
mid-week, peaks before 双11 / Christmas and Chinese New Year) and the holidays that slow
clearance; shipments' ``freight_cost`` is priced from the same index so the two agree.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from connectors.demo.common import DAY, HISTORY_DAYS, Context, dates

# (lane, mode) → base price per unit (CNY). Index in this list is the "lane-mode code".
LANE_MODES: list[tuple[str, str, float]] = [
    ("CN-CN", "express", 8.0),
    ("CN-DE", "sea", 14.0),
    ("CN-DE", "air", 46.0),
    ("CN-DE", "rail", 23.0),
    ("CN-FR", "sea", 14.5),
    ("CN-FR", "air", 47.0),
    ("CN-FR", "rail", 24.0),
    ("CN-GB", "sea", 15.0),
    ("CN-GB", "air", 48.0),
    ("CN-GB", "rail", 25.0),
    ("CN-US", "sea", 16.0),
    ("CN-US", "air", 52.0),
    ("CN-JP", "sea", 9.0),
    ("CN-JP", "air", 30.0),
    ("CN-AU", "sea", 13.0),
    ("CN-AU", "air", 44.0),
]
LANE_MODE_CODE = {(lane, mode): i for i, (lane, mode, _) in enumerate(LANE_MODES)}
WEEKLY = np.array([1.01, 0.97, 0.955, 0.97, 1.02, 1.04, 1.035])  # Mon..Sun: cheaper mid-week

SPRING_FESTIVAL = {
    2023: "2023-01-22",
    2024: "2024-02-10",
    2025: "2025-01-29",
    2026: "2026-02-17",
    2027: "2027-02-06",
    2028: "2028-01-26",
    2029: "2029-02-13",
    2030: "2030-02-03",
}


def make_freight_index(ctx: Context) -> tuple[pd.DataFrame, np.ndarray]:
    """Daily price per (lane, mode) over the 730 history days.

    Returns the table rows and a ``(len(LANE_MODES), 730)`` price matrix used to price
    shipments (``prices[code, day_index]``).
    """
    rng = ctx.rng
    day_dates = dates(ctx.days)
    doy = (day_dates - day_dates.astype("datetime64[Y]")).astype(int)
    dow = (day_dates.astype(int) + 3) % 7  # 1970-01-01 was a Thursday → Monday = 0
    t = np.arange(HISTORY_DAYS) / 365.0
    prices = np.empty((len(LANE_MODES), HISTORY_DAYS))
    for code, (lane, mode, base) in enumerate(LANE_MODES):
        export = lane != "CN-CN"
        peak = 0.25 if export else 0.10
        season = (
            peak * np.exp(-(((doy - 298) / 22.0) ** 2))  # pre-双11 / pre-Christmas rush
            + 0.15 * np.exp(-(((doy - 25) / 12.0) ** 2))  # Chinese New Year
            + 0.10 * np.exp(-(((doy - 160) / 10.0) ** 2))  # 618
        )
        noise = np.zeros(HISTORY_DAYS)
        shocks = rng.normal(0, 0.015 if mode != "air" else 0.02, HISTORY_DAYS)
        for i in range(1, HISTORY_DAYS):  # AR(1) over 730 days (not over orders)
            noise[i] = 0.93 * noise[i - 1] + shocks[i]
        trend = 1 + (0.06 if export else 0.03) * t + rng.uniform(-0.03, 0.03)
        prices[code] = base * trend * WEEKLY[dow] * (1 + season) * np.exp(noise)
    prices = np.round(prices, 2)
    frame = pd.DataFrame(
        {
            "index_date": np.tile(day_dates, len(LANE_MODES)),
            "lane": np.repeat([lm[0] for lm in LANE_MODES], HISTORY_DAYS),
            "shipping_mode": np.repeat([lm[1] for lm in LANE_MODES], HISTORY_DAYS),
            "price_per_unit": prices.ravel(),
        }
    )
    return frame, prices


def _easter(year: int) -> dt.date:
    """Gregorian Easter Sunday (anonymous algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month = (h + l_ - 7 * m + 114) // 31
    day = (h + l_ - 7 * m + 114) % 31 + 1
    return dt.date(year, month, day)


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> dt.date:
    first = dt.date(year, month, 1)
    return first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))


def _holidays(year: int) -> list[tuple[str, dt.date, dt.date, int, str]]:
    d = dt.date
    easter = _easter(year)
    sf = dt.date.fromisoformat(SPRING_FESTIVAL.get(year, f"{year}-02-05"))
    thanksgiving = _nth_weekday(year, 11, 3, 4)
    return [
        ("DE", d(year, 12, 23), d(year, 12, 27), 3, "Weihnachten"),
        ("DE", easter - dt.timedelta(days=2), easter + dt.timedelta(days=1), 2, "Ostern"),
        ("DE", d(year, 1, 1), d(year, 1, 2), 1, "Neujahr"),
        ("US", thanksgiving, thanksgiving + dt.timedelta(days=3), 2, "Thanksgiving"),
        ("US", d(year, 12, 24), d(year, 12, 26), 2, "Christmas"),
        ("US", d(year, 7, 3), d(year, 7, 5), 1, "Independence Day"),
        ("JP", d(year, 4, 29), d(year, 5, 6), 4, "ゴールデンウィーク Golden Week"),
        ("JP", d(year, 8, 13), d(year, 8, 16), 3, "お盆 Obon"),
        ("JP", d(year, 12, 29), d(year, 12, 31), 3, "年末年始 New Year"),
        ("GB", d(year, 12, 24), d(year, 12, 28), 3, "Christmas & Boxing Day"),
        ("GB", easter - dt.timedelta(days=2), easter + dt.timedelta(days=1), 2, "Easter"),
        ("FR", d(year, 12, 24), d(year, 12, 26), 2, "Noël"),
        ("FR", d(year, 7, 14), d(year, 7, 14), 1, "Fête nationale"),
        ("FR", easter + dt.timedelta(days=1), easter + dt.timedelta(days=1), 1, "Lundi de Pâques"),
        ("AU", d(year, 12, 24), d(year, 12, 28), 3, "Christmas"),
        ("AU", d(year, 1, 26), d(year, 1, 26), 1, "Australia Day"),
        ("CN", sf - dt.timedelta(days=3), sf + dt.timedelta(days=7), 5, "春节 Spring Festival"),
        ("CN", d(year, 10, 1), d(year, 10, 7), 3, "国庆节 National Day"),
    ]


def make_customs_calendar(ctx: Context) -> pd.DataFrame:
    """Customs holidays per country overlapping the history and the 90 days after it."""
    first = ctx.end_date - dt.timedelta(days=HISTORY_DAYS - 1)
    last = ctx.end_date + dt.timedelta(days=90)
    rows = [
        h
        for year in range(first.year - 1, last.year + 1)
        for h in _holidays(year)
        if h[2] >= first and h[1] <= last
    ]
    frame = pd.DataFrame(
        rows, columns=["country", "start_date", "end_date", "extra_delay_days", "note"]
    )
    frame = frame.drop_duplicates(["country", "start_date"]).sort_values(["country", "start_date"])
    frame["start_date"] = pd.to_datetime(frame["start_date"]).dt.date
    frame["end_date"] = pd.to_datetime(frame["end_date"]).dt.date
    return frame.reset_index(drop=True)


def customs_delay_days(calendar: pd.DataFrame, country: np.ndarray, day: np.ndarray) -> np.ndarray:
    """Extra clearance days for arrivals of ``country`` on ``day`` (datetime64[D] arrays)."""
    delay = np.zeros(len(country), dtype=np.int64)
    for row in calendar.itertuples(index=False):  # a few dozen holidays, not rows of orders
        start = np.datetime64(row.start_date, "D")
        end = np.datetime64(row.end_date, "D")
        hit = (country == row.country) & (day >= start) & (day <= end)
        delay = np.where(hit, np.maximum(delay, row.extra_delay_days), delay)
    return delay


DEMAND_WINDOW_DAYS = 28  # avg_daily_demand of a stock snapshot: the 28 days up to that date


def make_warehouse_stock(
    ctx: Context, skus: pd.DataFrame, export_units: pd.DataFrame
) -> pd.DataFrame:
    """Daily on-hand stock of the top export SKUs in each overseas warehouse (last 180 days).

    ``export_units`` has columns country, sku_num, units90 (units shipped to that country in
    the last 90 days): the demand level the daily demand is drawn around. Each snapshot's
    ``avg_daily_demand`` is the mean demand of the 28 days up to its ``stock_date`` (known on
    that day), so a replay of a past day never sees later demand.
    """
    rng = ctx.rng
    warehouses = {
        "DE": "DE-FRA",
        "US": "US-LAX",
        "JP": "JP-TYO",
        "GB": "GB-LHR",
        "FR": "FR-CDG",
        "AU": "AU-SYD",
    }
    top = (
        export_units.sort_values(["country", "units90", "sku_num"], ascending=[True, False, True])
        .groupby("country")
        .head(10)
        .reset_index(drop=True)
    )
    n_days = 180
    day0 = ctx.as_of - n_days * DAY
    series = len(top)
    avg = np.maximum(top["units90"].to_numpy() / 90.0, 0.2)
    demand = rng.poisson(avg[:, None], (series, n_days))
    cover = rng.uniform(20, 60, series)  # order-up-to level in days of demand
    cap = np.ceil(avg * cover).astype(np.int64) + 5
    start = (cap * rng.uniform(0.3, 1.0, series)).astype(np.int64)
    # Sawtooth: replenished to ``cap`` whenever the cumulative demand crosses a multiple of it.
    used = np.cumsum(demand, axis=1) + (cap - start)[:, None]
    on_hand = cap[:, None] - (used % cap[:, None])
    stockout = rng.random((series, n_days)) < 0.02
    on_hand = np.where(stockout, 0, on_hand)
    stock_dates = dates(day0 + np.arange(n_days) * DAY)
    known_demand = trailing_mean(demand, DEMAND_WINDOW_DAYS)
    country = top["country"].to_numpy()
    return pd.DataFrame(
        {
            "overseas_warehouse": np.repeat([warehouses[c] for c in country], n_days),
            "country": np.repeat(country, n_days),
            "sku_num": np.repeat(top["sku_num"].to_numpy(), n_days),
            "stock_date": np.tile(stock_dates, series),
            "on_hand": on_hand.ravel(),
            "avg_daily_demand": np.round(known_demand, 3).ravel(),
        }
    )


def trailing_mean(values: np.ndarray, window: int) -> np.ndarray:
    """Per row, the mean of the last ``window`` values up to and including each column (fewer
    at the start): what a planner knows on that day, never a later day's demand.

    >>> trailing_mean(np.array([[2, 4, 6, 8]]), 2).tolist()
    [[2.0, 3.0, 5.0, 7.0]]
    """
    values = np.asarray(values, dtype=float)
    csum = np.concatenate([np.zeros((values.shape[0], 1)), np.cumsum(values, axis=1)], axis=1)
    cols = np.arange(values.shape[1])
    lo = np.maximum(cols + 1 - window, 0)
    return (csum[:, cols + 1] - csum[:, lo]) / (cols + 1 - lo)
