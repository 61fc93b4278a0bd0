"""Seeded data for the `palm_estate_ops` external set: the two marts the semantic models read.

Why generated: the project loads Open-Meteo weather, World Bank commodity prices and FX rates
from the network (ingestion/load_raw.py); the evaluation is offline and asked on 2026-12-07
("this year", "last month", "last 7 days"). This builds, with the columns and arithmetic of
models/marts/fct_estate_operations_daily.sql and fct_commodity_price_daily.sql (and the
intermediate models they read), the two tables dbt materialises in ``main``:

* ``fct_estate_operations_daily``: one row per region and day. Harvest-favourable = rain
  < 10 mm and humidity < 88 %; an effective harvest day is favourable and neither a weekend
  nor an Indonesian public holiday; the harvest-day value is the palm price in IDR on
  favourable days, else 0; water deficit = ET0 - rain (positive on dry days, negative on wet).
* ``fct_commodity_price_daily``: one row per day; monthly palm and soybean oil prices carried
  forward to every day, business-day USD/IDR carried over weekends, palm in IDR = USD x FX.

Both sides of everything a question can filter on: three regions with different climates
(central Kalimantan wettest, north Sumatra driest), favourable and unfavourable days, working
days and weekends/holidays, positive and negative water deficits, months where palm oil is
dearer than soybean oil and months where it is cheaper. 2024-01-01 .. 2026-12-06, seed 27.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random

import duckdb

SEED = 27
FIRST = dt.date(2024, 1, 1)
LAST = dt.date(2026, 12, 6)

#: region key -> (probability a day is dry, humidity centre on dry days)
REGIONS = {
    "riau": (0.62, 84.0),
    "north_sumatra": (0.70, 82.0),
    "central_kalimantan": (0.52, 86.0),
}

#: Indonesian public holidays used by dim_date (fixed and this period's moving ones)
HOLIDAYS = {
    dt.date(y, m, d) for y in (2024, 2025, 2026) for (m, d) in ((1, 1), (5, 1), (6, 1), (8, 17), (12, 25))
} | {
    dt.date(2024, 4, 10), dt.date(2024, 4, 11), dt.date(2024, 6, 17),
    dt.date(2025, 3, 31), dt.date(2025, 4, 1), dt.date(2025, 6, 6),
    dt.date(2026, 3, 20), dt.date(2026, 3, 21), dt.date(2026, 5, 27),
}  # fmt: skip


def _days() -> list[dt.date]:
    return [FIRST + dt.timedelta(days=i) for i in range((LAST - FIRST).days + 1)]


def _monthly_prices(rng: random.Random) -> dict[tuple[int, int], tuple[float, float]]:
    """(year, month) -> (palm USD/t, soybean USD/t): a walk pulled back towards 950 (no cap, so
    no two months tie at a bound); soybean minus palm between -60 and +120."""
    prices = {}
    palm = 830.0
    month = dt.date(FIRST.year, FIRST.month, 1)
    while month <= LAST:
        palm = round(palm + rng.uniform(-45.0, 50.0) - 0.1 * (palm - 950.0), 2)
        soy = round(palm + rng.uniform(-60.0, 120.0), 2)
        prices[(month.year, month.month)] = (palm, soy)
        month = dt.date(month.year + (month.month == 12), month.month % 12 + 1, 1)
    return prices


def _fx(rng: random.Random, days: list[dt.date]) -> dict[dt.date, float]:
    """Business-day USD/IDR, carried forward over weekends (int_fx_daily's ASOF join)."""
    rates = {}
    rate = 15650.0
    for day in days:
        if day.weekday() < 5:
            rate = round(rate + rng.uniform(-55.0, 60.0) - 0.02 * (rate - 16000.0), 2)
        rates[day] = rate
    return rates


def _weather(rng: random.Random, day: dt.date, region: str) -> tuple[float, ...]:
    """temp, rain, wind, ET0, humidity, soil moisture for one region-day (wetter Nov-Mar)."""
    p_dry, humid = REGIONS[region]
    if day.month in (11, 12, 1, 2, 3):
        p_dry -= 0.12
    if rng.random() < p_dry:
        precip = round(rng.uniform(0.0, 9.5), 1)
        humidity = round(rng.uniform(humid - 12.0, humid + 8.0), 1)
    else:
        precip = round(rng.uniform(10.0, 60.0), 1)
        humidity = round(rng.uniform(85.0, 98.0), 1)
    temp = round(rng.uniform(24.0, 31.0), 1)
    wind = round(rng.uniform(3.0, 20.0), 1)
    et0 = round(rng.uniform(2.5, 5.5), 2)
    soil = round(rng.uniform(0.2, 0.5), 3)
    return temp, precip, wind, et0, humidity, soil


def build(con: duckdb.DuckDBPyConnection) -> None:
    """Create main.fct_estate_operations_daily, main.fct_commodity_price_daily and the spine."""
    rng = random.Random(SEED)
    days = _days()
    prices = _monthly_prices(rng)
    fx = _fx(rng, days)

    con.execute(
        """CREATE TABLE main.fct_commodity_price_daily (price_date DATE, palm_oil_usd DOUBLE,
        soybean_oil_usd DOUBLE, palm_soy_spread_usd DOUBLE, usd_idr DOUBLE, palm_oil_idr DOUBLE)"""
    )
    commodity = []
    for day in days:
        palm, soy = prices[(day.year, day.month)]
        commodity.append(
            (day, palm, soy, round(palm - soy, 2), fx[day], float(round(palm * fx[day])))
        )
    con.executemany(
        "INSERT INTO main.fct_commodity_price_daily VALUES (?, ?, ?, ?, ?, ?)", commodity
    )

    con.execute(
        """CREATE TABLE main.fct_estate_operations_daily (operations_key VARCHAR,
        region_key VARCHAR, operation_date DATE, temp_mean_c DOUBLE, precip_mm DOUBLE,
        wind_max_kmh DOUBLE, et0_mm DOUBLE, humidity_pct DOUBLE, soil_moisture DOUBLE,
        water_deficit_mm DOUBLE, is_fertilize_favorable BOOLEAN, is_harvest_favorable BOOLEAN,
        is_spray_favorable BOOLEAN, is_holiday BOOLEAN, is_weekend BOOLEAN,
        is_effective_harvest_day BOOLEAN, cpo_usd_per_tonne DOUBLE, usd_idr DOUBLE,
        cpo_idr_per_tonne DOUBLE, harvest_day_value_idr DOUBLE)"""
    )
    rows = []
    for region in REGIONS:
        for day in days:
            temp, precip, wind, et0, humidity, soil = _weather(rng, day, region)
            harvest = precip < 10 and humidity < 88
            holiday = day in HOLIDAYS
            weekend = day.weekday() >= 5
            palm = prices[(day.year, day.month)][0]
            cpo_idr = float(round(palm * fx[day]))
            key = hashlib.md5(f"{region}-{day.isoformat()}".encode()).hexdigest()
            rows.append(
                (
                    key, region, day, temp, precip, wind, et0, humidity, soil,
                    round(et0 - precip, 2), 5 <= precip <= 25 and soil < 0.35, harvest,
                    wind < 12 and precip < 5, holiday, weekend,
                    harvest and not holiday and not weekend, palm, fx[day], cpo_idr,
                    cpo_idr if harvest else 0.0,
                )
            )  # fmt: skip
    con.executemany(
        "INSERT INTO main.fct_estate_operations_daily VALUES "
        "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        rows,
    )
    con.execute(
        "CREATE TABLE main.metricflow_time_spine AS SELECT CAST(UNNEST(generate_series("
        "DATE '2020-01-01', DATE '2031-12-31', INTERVAL 1 DAY)) AS DATE) AS date_day"
    )
